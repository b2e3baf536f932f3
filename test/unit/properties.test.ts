import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import {
  OLD_ARXIV_ARCHIVES,
  findArxivIds,
  formatArxivId,
  parseArxivId,
  pdfUrl,
  submissionMonth,
} from '../../src/core/arxiv/arxivId';
import { appendPapers, formatPaper } from '../../src/core/collection/collectionFormat';
import { parseCollection } from '../../src/core/collection/collection';
import type { Paper } from '../../src/core/model/types';

// Property-based tests of the core's parsers. Run counts are kept small so the whole file runs in
// a few seconds; a failure prints fast-check's seed and shrunk counterexample for replay.

const pad = (n: number, width: number) => String(n).padStart(width, '0');

// --- arXiv ids ------------------------------------------------------------------------------

/** [YY, MM] of a month in the new scheme (April 2007 to 2099). */
const newMonth = fc
  .tuple(fc.integer({ min: 7, max: 99 }), fc.integer({ min: 1, max: 12 }))
  .filter(([yy, mm]) => yy > 7 || mm >= 4);
const newId = newMonth.chain(([yy, mm]) => {
  const digits = yy * 100 + mm <= 1412 ? 4 : 5;
  return fc.integer({ min: 0, max: 10 ** digits - 1 }).map((n) => `${pad(yy, 2)}${pad(mm, 2)}.${pad(n, digits)}`);
});
/** [YY, MM] of a month in the old scheme (August 1991 to March 2007). */
const oldMonth = fc
  .tuple(fc.constantFrom(91, 92, 93, 94, 95, 96, 97, 98, 99, 0, 1, 2, 3, 4, 5, 6, 7), fc.integer({ min: 1, max: 12 }))
  .filter(([yy, mm]) => (yy === 91 ? mm >= 8 : yy === 7 ? mm <= 3 : true));
const archive = fc.constantFrom(...OLD_ARXIV_ARCHIVES);
const subjectClass = fc.option(fc.constantFrom('GT', 'CA', 'AI', 'mes-hall', 'str-el', 'acc-ph', 'NC'), {
  nil: undefined,
});
const oldId = fc
  .record({ archive, month: oldMonth, n: fc.integer({ min: 0, max: 999 }), subject: subjectClass })
  .map(({ archive: a, month: [yy, mm], n, subject }) => ({
    canonical: `${a}/${pad(yy, 2)}${pad(mm, 2)}${pad(n, 3)}`,
    written: `${a}${subject ? `.${subject}` : ''}/${pad(yy, 2)}${pad(mm, 2)}${pad(n, 3)}`,
  }));
const anyId = fc.oneof(
  newId.map((id) => ({ canonical: id, written: id })),
  oldId,
);
const version = fc.option(fc.integer({ min: 1, max: 30 }), { nil: undefined });

/** An id written in one of the accepted forms, with the form findArxivIds should report. */
const writtenId = fc
  .record({
    id: anyId,
    version,
    style: fc.constantFrom(
      'bare',
      'arXiv:',
      'arxiv ',
      'ARXIV:',
      'abs',
      'pdf',
      'pdf.pdf',
      'html',
      'export',
      'noscheme',
      'doi',
      'doiurl',
    ),
  })
  .map(({ id, version: v, style }) => {
    const withV = `${id.written}${v ? `v${v}` : ''}`;
    const forms: Record<string, [string, string]> = {
      bare: [withV, 'bare'],
      'arXiv:': [`arXiv:${withV}`, 'prefixed'],
      'arxiv ': [`arxiv ${withV}`, 'prefixed'],
      'ARXIV:': [`ARXIV:${withV}`, 'prefixed'],
      abs: [`https://arxiv.org/abs/${withV}`, 'url'],
      pdf: [`http://arxiv.org/pdf/${withV}`, 'url'],
      'pdf.pdf': [`https://www.arxiv.org/pdf/${withV}.pdf`, 'url'],
      html: [`https://arxiv.org/html/${withV}`, 'url'],
      export: [`https://export.arxiv.org/abs/${withV}`, 'url'],
      noscheme: [`arxiv.org/abs/${withV}`, 'url'],
      doi: [`10.48550/arXiv.${id.written}`, 'doi'],
      doiurl: [`https://doi.org/10.48550/arXiv.${id.written}`, 'doi'],
    };
    const [text, form] = forms[style];
    return { text, form, id: id.canonical, version: form === 'doi' ? undefined : v };
  });

/** Text built from fragments that exercise the scanner's edges, mixed with arbitrary strings. */
const idishText = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        'arXiv:',
        'arxiv ',
        'https://',
        'arxiv.org/abs/',
        'arxiv.org/pdf/',
        '10.48550/arXiv.',
        'doi.org/',
        'hep-th',
        'math.GT',
        '/',
        '.',
        'v',
        'v2',
        '.pdf',
        '2510',
        '01152',
        '9901001',
        '0309136',
        '1412',
        '1501',
        '.1234',
        '.12345',
        ' ',
        '\n',
        '\t',
        '$',
        '-',
        '_',
        'é',
        '\u0000',
        '\ud800',
        '\u2028',
        '1.2.3',
        '192.168.1.10',
        'x',
      ),
      fc.string({ maxLength: 6 }),
      fc.string({ unit: 'binary', maxLength: 4 }),
      newId,
    ),
    { maxLength: 30 },
  )
  .map((parts) => parts.join(''));

/** Characters that end a word on both sides of an id. */
const separator = fc.constantFrom(' ', '\n', '\t', ', ', '; ', ' (', ') ', ' "', '" ', ' [', '] ', '<', '>');
const filler = fc.string({ maxLength: 12 }).map((s) => s.replace(/[^ a-z]/g, ''));

describe('properties', function () {
  this.timeout(20000);

  describe('arXiv ids', () => {
    it('findArxivIds and parseArxivId never throw, on any string', () => {
      fc.assert(
        fc.property(fc.oneof(fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' }), idishText), (text) => {
          findArxivIds(text);
          parseArxivId(text);
          submissionMonth(text);
        }),
        { numRuns: 1000 },
      );
    });

    it('every match slices back from the input, in order, without overlaps, and re-reads as the same id', () => {
      fc.assert(
        fc.property(idishText, (text) => {
          let last = 0;
          for (const m of findArxivIds(text)) {
            assert.equal(text.slice(m.start, m.end), m.text);
            assert.ok(m.start >= last && m.end > m.start);
            last = m.end;
            const again = parseArxivId(m.text);
            assert.equal(again?.id, m.id);
            assert.equal(again?.version, m.version);
            assert.ok(submissionMonth(m.id));
          }
        }),
        { numRuns: 1000 },
      );
    });

    it('every recognised id round-trips through normalisation: format -> parse gives the same canonical id', () => {
      fc.assert(
        fc.property(idishText, (text) => {
          for (const m of findArxivIds(text)) {
            assert.deepEqual(parseArxivId(formatArxivId(m.id, m.version)), {
              id: m.id,
              scheme: m.scheme,
              ...(m.version ? { version: m.version } : {}),
            });
            assert.equal(parseArxivId(pdfUrl(m.id, m.version))?.id, m.id);
            assert.equal(parseArxivId(`arXiv:${m.id}`)?.id, m.id);
          }
        }),
        { numRuns: 500 },
      );
    });

    it('an id in any form is found where it stands in surrounding text, and parsed on its own', () => {
      fc.assert(
        fc.property(filler, separator, writtenId, separator, filler, (before, s1, w, s2, after) => {
          const text = `${before}${s1}${w.text}${s2}${after}`;
          const matches = findArxivIds(text);
          assert.equal(matches.length, 1, JSON.stringify(text));
          const [m] = matches;
          assert.equal(m.text, w.text);
          assert.equal(m.start, before.length + s1.length);
          assert.equal(m.id, w.id);
          assert.equal(m.version, w.version);
          assert.equal(m.form, w.form);
          assert.equal(parseArxivId(w.text)?.id, w.id);
        }),
        { numRuns: 1000 },
      );
    });

    it('an id glued to a digit, letter or dot on either side is never found', () => {
      fc.assert(
        fc.property(newId, fc.constantFrom('0', '7', 'a', 'Z', 'é', '_', '.', '/'), fc.boolean(), (id, glue, left) => {
          // On the right '/' may end an id (a URL path goes on), and '.' only glues before a digit.
          const text = left ? `${glue}${id}` : glue === '.' || glue === '/' ? `${id}.5` : `${id}${glue}`;
          assert.deepEqual(findArxivIds(text), [], text);
        }),
        { numRuns: 500 },
      );
    });
  });

  // --- the collection format --------------------------------------------------------------------

  const word = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }).filter((w) => /^\S+$/.test(w));
  const plainWord = fc.stringMatching(/^[A-Za-z][a-z]{0,9}$/);
  const words = (min: number, max: number, w: fc.Arbitrary<string> = word) =>
    fc.array(w, { minLength: min, maxLength: max }).map((ws) => ws.join(' '));
  const date = fc
    .record({
      y: fc.integer({ min: 1991, max: 2030 }),
      m: fc.integer({ min: 1, max: 12 }),
      d: fc.integer({ min: 1, max: 28 }),
    })
    .map(({ y, m, d }) => `${y}-${pad(m, 2)}-${pad(d, 2)}`);
  const authorName = words(
    1,
    3,
    plainWord.filter((w) => w.toLowerCase() !== 'and'),
  ).chain((name) => fc.constantFrom(name, name.replace(' ', ', ')));
  const extraName = fc.stringMatching(/^X-[A-Za-z][A-Za-z0-9_-]{0,8}$/).map((n) => n);

  const generatedPaper: fc.Arbitrary<Paper> = fc
    .record(
      {
        id: anyId.map((i) => i.canonical),
        version,
        title: words(1, 25),
        summary: fc.array(words(1, 40), { maxLength: 4 }).map((ps) => ps.join('\n\n')),
        authors: fc.array(authorName, { maxLength: 5 }),
        published: date,
        updated: date,
        categories: fc.uniqueArray(fc.stringMatching(/^[a-z]{2,5}\.[A-Z]{2}$/), { maxLength: 3 }),
        theme: words(1, 4),
        // Keys as keyRules accepts them: single punctuation between letters and digits.
        key: fc.stringMatching(/^[a-z][a-z0-9_]{1,10}(?:[:-][a-z0-9_]{1,8}){0,2}$/),
        tags: fc.uniqueArray(words(1, 3, plainWord), { maxLength: 4 }),
        doi: fc.stringMatching(/^10\.\d{4,6}\/[a-z0-9.]{1,12}$/),
        comment: words(1, 20),
        journalRef: words(1, 8),
        extra: fc
          .uniqueArray(fc.tuple(extraName, words(1, 6)), { maxLength: 3, selector: ([n]) => n.toLowerCase() })
          .map((entries) => Object.fromEntries(entries)),
      },
      { requiredKeys: ['id', 'title', 'summary', 'authors', 'categories', 'tags', 'extra'] },
    )
    .map((r) => {
      const p: Paper = { ...r, pdfUrl: pdfUrl(r.id, r.version), source: { file: '', line: 1, column: 1 } };
      if (p.version === undefined) delete p.version;
      return p;
    });
  const papersWithUniqueIds = (min: number, max: number) =>
    fc.uniqueArray(generatedPaper, { minLength: min, maxLength: max, selector: (p) => p.id });

  const withoutSource = ({ source: _source, ...rest }: Paper) => rest;
  /** Problems other than the warning every unknown (extra) field earns. */
  const realProblems = (problems: readonly { code: string }[]) => problems.filter((p) => p.code !== 'unknown-field');

  it('parseCollection never throws and never fails internally, on any string', () => {
    const collectionish = fc
      .array(
        fc.oneof(
          fc.constantFrom(
            'Title: ',
            'PDF: ',
            'Summary: ',
            'Authors: ',
            'Published: ',
            'Key: ',
            'ID: ',
            'x: ',
            '---',
            '\n',
            '\r\n',
            '\r',
            '  ',
            '\t',
            '\ufeff',
            ':',
          ),
          fc.string({ maxLength: 8 }),
          fc.string({ unit: 'binary', maxLength: 4 }),
          writtenId.map((w) => w.text),
        ),
        { maxLength: 40 },
      )
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary' }), collectionish), (text) => {
        const r = parseCollection(text, 'f');
        assert.ok(!r.problems.some((p) => p.code === 'internal-error'), JSON.stringify(r.problems));
        for (const p of r.problems) assert.ok(p.location.line >= 1 && p.location.column >= 1);
        for (const p of r.papers) assert.equal(parseArxivId(p.id)?.id, p.id);
      }),
      { numRuns: 500 },
    );
  });

  it('formatPaper -> parseCollection round-trips generated papers', () => {
    fc.assert(
      fc.property(generatedPaper, fc.constantFrom<'\n' | '\r\n'>('\n', '\r\n'), (p, eol) => {
        const text = formatPaper(p, eol);
        const r = parseCollection(text);
        assert.deepEqual(realProblems(r.problems), []);
        assert.equal(r.problems.length, Object.keys(p.extra).length);
        assert.equal(r.papers.length, 1);
        assert.deepEqual(withoutSource(r.papers[0]), withoutSource(p));
      }),
      { numRuns: 300 },
    );
  });

  it('appendPapers keeps the existing text and adds papers that parse back', () => {
    fc.assert(
      fc.property(
        papersWithUniqueIds(1, 6),
        fc.nat(),
        fc.constantFrom('', '\n', '\n\n', '---', '---\n'),
        (papers, cut, tail) => {
          const k = cut % papers.length;
          const existing = papers
            .slice(0, k)
            .map((p) => formatPaper(p))
            .join('')
            .replace(/---\n$/, tail);
          const out = appendPapers(existing, papers.slice(k));
          assert.ok(out.startsWith(existing));
          const r = parseCollection(out);
          assert.deepEqual(realProblems(r.problems), []);
          assert.deepEqual(r.papers.map(withoutSource), papers.map(withoutSource));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('a collection with one corrupted block still yields every other block', () => {
    const corruption = fc.oneof(
      fc.constant({ kind: 'drop-title' as const }),
      fc.constant({ kind: 'bad-pdf' as const }),
      fc.record({
        kind: fc.constant('insert' as const),
        line: fc.string({ maxLength: 30 }).map((s) => s.replace(/[\d\r\n]/g, '')),
        at: fc.nat(),
      }),
      fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
    );
    fc.assert(
      fc.property(papersWithUniqueIds(2, 6), fc.nat(), corruption, (papers, pick, c) => {
        const k = pick % papers.length;
        const blocks = papers.map((p) => formatPaper(p));
        const lines = blocks[k].split('\n').slice(0, -2); // without '---' and the final ''
        let broken: string;
        switch (c.kind) {
          case 'drop-title':
            broken = lines.slice(1).join('\n');
            break;
          case 'bad-pdf':
            broken = lines.map((l) => (l.startsWith('PDF: ') ? 'PDF: https://example.org/not-arxiv' : l)).join('\n');
            break;
          case 'insert': {
            const at = c.at % (lines.length + 1);
            broken = [...lines.slice(0, at), c.line, ...lines.slice(at)].join('\n');
            break;
          }
          case 'truncate': {
            const text = lines.join('\n');
            broken = text.slice(0, c.at % (text.length + 1));
            break;
          }
        }
        blocks[k] = `${broken}\n---\n`;
        const r = parseCollection(blocks.join(''));
        assert.ok(!r.problems.some((p) => p.code === 'internal-error'));
        const byId = new Map(r.papers.map((p) => [p.id, p]));
        papers.forEach((p, i) => {
          if (i === k) return;
          const got = byId.get(p.id);
          assert.ok(got, `block ${i} (${p.id}) was lost`);
          assert.deepEqual(withoutSource(got), withoutSource(p));
        });
        if (c.kind === 'drop-title' || c.kind === 'bad-pdf') {
          assert.equal(byId.has(papers[k].id), false);
          assert.ok(r.problems.some((p) => p.severity === 'error'));
        }
      }),
      { numRuns: 200 },
    );
  });
});
