// The document-link pass over a 10,000-line document: the budget is 20 ms per pass (it runs on
// every edit of every open document). Run: npx tsc -p . && node out/bench/linkPass.js [--json]
import { findDocumentLinks, type DocumentLinkOptions } from '../src/core/present/documentLinks';

const LINES = 10_000;
const RUNS = 30;

/** A LaTeX/Markdown-like document: prose, math, version numbers, prices, IPs and (every `idEvery` lines, 0: never) ids in every form. */
function document(lines: number, idEvery: number): string {
  const prose = [
    'We evaluate the model on three benchmarks and report accuracy in Table~\\ref{tab:main}.',
    'Training used version 3.2.1 of the toolkit on 8 GPUs at a cost of 1999.00 dollars.',
    '\\begin{equation} L = \\sum_{i=1}^{N} \\log p(x_i \\mid \\theta) + 0.5 \\lambda \\|\\theta\\|^2 \\end{equation}',
    'The server at 192.168.1.1 answered in 1508.5 ms; see the appendix for details.',
    '- [ ] check the 2023.12345 figure and the 2401.1234 draft again',
    '',
    '```python\nresult = model.fit(x, y, epochs=10)  # 0.9123 accuracy\n```',
    'As shown by \\citet{smith2020deep}, attention helps when sequences are long.',
  ];
  const ids = [
    'arXiv:2510.01152',
    'arxiv 2509.26514v2',
    'https://arxiv.org/abs/2509.25162v1',
    'https://arxiv.org/pdf/2510.00225.pdf',
    'https://doi.org/10.48550/arXiv.2509.26346',
    'hep-th/9901001',
    'math.GT/0309136',
    '2401.12345',
  ];
  const out: string[] = [];
  let n = 0;
  while (out.length < lines) {
    // Every line distinct, as in real documents.
    const line = `${prose[n % prose.length]!} (${n})`;
    out.push(
      idEvery > 0 && n % idEvery === 0 ? `${line} See ${ids[((n / idEvery) % ids.length) | 0]} for the method.` : line,
    );
    n++;
  }
  return out.slice(0, lines).join('\n');
}

interface Result {
  name: string;
  lines: number;
  links: number;
  /** Wall-clock time per pass. */
  medianMs: number;
  p95Ms: number;
  /** CPU time of this process per pass: steadier than wall time on a shared, loaded machine. */
  cpuMedianMs: number;
}

function measure(name: string, texts: string[], options: DocumentLinkOptions): Result {
  let links = 0;
  for (let i = 0; i < 5; i++) links = findDocumentLinks(texts[i % texts.length]!, options).length; // warm-up
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const text = texts[i % texts.length]!;
    const c = process.cpuUsage();
    const t = performance.now();
    findDocumentLinks(text, options);
    wall.push(performance.now() - t);
    const used = process.cpuUsage(c);
    cpu.push((used.user + used.system) / 1000);
  }
  return {
    name,
    lines: texts[0]!.split('\n').length,
    links,
    medianMs: quantile(wall, 0.5),
    p95Ms: quantile(wall, 0.95),
    cpuMedianMs: quantile(cpu, 0.5),
  };
}

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return Number(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!.toFixed(2));
}

const shelf = new Set(['2510.01152', '2509.26514', '2509.25162']);
const options: DocumentLinkOptions = {
  target: 'summary',
  onShelf: (id) => shelf.has(id),
  summaryCommand: 'paperShelf.openSummary',
};
const results = [
  measure('typical (an id every 20 lines)', [document(LINES, 20)], options),
  measure('dense (an id on every line)', [document(LINES, 1)], options),
  measure('no ids, only look-alikes', [document(LINES, 0)], options),
];

if (process.argv.includes('--json')) {
  console.log(JSON.stringify({ bench: 'linkPass', budgetMs: 20, results }, null, 2));
} else {
  console.log(`Document-link pass, ${LINES} lines, ${RUNS} runs after warm-up (budget 20 ms):`);
  for (const r of results) {
    console.log(
      `  ${r.name.padEnd(32)} ${String(r.links).padStart(6)} links  median ${r.medianMs} ms  p95 ${r.p95Ms} ms  cpu median ${r.cpuMedianMs} ms`,
    );
  }
}
// The budget is for an ordinary document; the dense one (10,000 ids) shows the worst case.
const typical = results[0]!;
if (typical.cpuMedianMs > 20) {
  console.error(`Over budget: ${typical.name} took ${typical.cpuMedianMs} ms of CPU per pass`);
  process.exitCode = 1;
}
