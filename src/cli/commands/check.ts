// paper-shelf check: validates collection files the way a compiler reports, for editors and CI.
import type { Command } from '../command';
import { clean, plural, type Paint } from '../output';
import { describeFileError } from '../../core/runtime/safeReplace';
import { parseCollection } from '../../core/collection/collection';
import { decodeCollection, type DecodedCollection } from '../../core/collection/collectionInput';
import type { Problem } from '../../core/model/types';
import * as fs from 'node:fs';

/** `FILE:LINE:COLUMN: severity: message`, the format editors' problem matchers and CI annotations read. */
export function formatProblem(file: string, problem: Problem, paint: Paint = (s) => s): string {
  const { line, column } = problem.location;
  return `${file}:${line || 1}:${column || 1}: ${paint(problem.severity)}: ${clean(problem.message)}`;
}

export const checkCommand: Command = {
  name: 'check',
  summary: 'Validate collection files; print FILE:LINE:COLUMN: error|warning: message per problem.',
  usage: ['check FILE...'],
  description: [
    "Reads each collection file with the extension's parser and prints every problem it finds",
    'as FILE:LINE:COLUMN: error|warning: message (one per line, in file order), then a summary',
    'on standard error. Warnings do not change the exit status. "-" reads standard input.',
  ],
  exits: ['1  a file has an error or cannot be read'],
  options: [],
  positionals: { min: 1, max: Infinity, name: 'FILE' },
  async run(ctx) {
    const { style } = ctx;
    let errors = 0;
    let warnings = 0;
    let papers = 0;
    for (const file of ctx.args.positionals) {
      let decoded: DecodedCollection;
      try {
        // Bytes, not text: a binary file is one problem, invalid UTF-8 is reported (not silently replaced).
        decoded =
          file === '-'
            ? { text: await ctx.io.readStdin(), problems: [] }
            : decodeCollection(fs.readFileSync(file), file);
      } catch (err) {
        errors++;
        ctx.io.out(`${file}:1:1: ${style.red('error')}: cannot read the file: ${describeFileError(err)}\n`);
        continue;
      }
      const result = decoded.text === undefined ? { papers: [], problems: [] } : parseCollection(decoded.text, file);
      papers += result.papers.length;
      const problems = [...decoded.problems, ...result.problems].sort(
        (a, b) => a.location.line - b.location.line || a.location.column - b.location.column,
      );
      for (const problem of problems) {
        if (problem.severity === 'error') errors++;
        else if (problem.severity === 'warning') warnings++;
        const paint =
          problem.severity === 'error' ? style.red : problem.severity === 'warning' ? style.yellow : style.dim;
        ctx.io.out(`${formatProblem(file, problem, paint)}\n`);
      }
    }
    const files = plural(ctx.args.positionals.length, 'file');
    ctx.io.err(
      `paper-shelf: ${files}, ${plural(papers, 'paper')}: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}\n`,
    );
    return errors ? 1 : 0;
  },
};
