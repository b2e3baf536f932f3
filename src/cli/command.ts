// What every subcommand is made of, and the options all of them share.
import type { OptionSpec, ParsedArgs } from './args';
import { loadShelf, readTextFile, type LoadedShelf } from './loadShelf';
import type { Io, Style } from './output';
import type { ShelfEntry } from '../core/model/types';

export interface CommandContext {
  io: Io;
  style: Style;
  args: ParsedArgs;
  /** The shelf named by the global options, loaded on first use. */
  shelf(): LoadedShelf;
}

export interface Command {
  name: string;
  /** One line for the command list. */
  summary: string;
  /** Usage lines after 'paper-shelf ' (without global options). */
  usage: string[];
  /** Paragraphs of the subcommand's --help. */
  description: string[];
  /** Exit statuses besides the common ones (0 success, 2 usage). */
  exits?: string[];
  options: OptionSpec[];
  /** Lower and upper bound on positional arguments. */
  positionals: { min: number; max: number; name: string };
  run(ctx: CommandContext): Promise<number> | number;
}

export const GLOBAL_OPTIONS: OptionSpec[] = [
  {
    name: 'collection',
    value: 'FILE',
    multiple: true,
    description: 'Also read this collection file (repeatable); later files win over earlier ones and the seeds.',
  },
  { name: 'no-seeds', description: 'Leave out the shipped collection of papers.' },
  {
    name: 'taxonomy',
    value: 'FILE',
    description:
      'Themes from this JSON file instead of the shipped seeds/themes.json, as the paperShelf.taxonomyFile setting.',
  },
  {
    name: 'key-pattern',
    value: 'PATTERN',
    description: 'Cite key pattern, as the paperShelf.citeKeyPattern setting (default [auth][year][title2]).',
  },
  { name: 'help', short: 'h', description: 'Show help for this command.' },
];

export const JSON_OPTION: OptionSpec = { name: 'json', description: 'Print JSON instead of text.' };

/** Loads the shelf the global options name, once; problems in the user's files are summarised on stderr. */
export function shelfLoader(args: ParsedArgs, io: Io): () => LoadedShelf {
  let loaded: LoadedShelf | undefined;
  return () => {
    if (loaded) return loaded;
    loaded = loadShelf({
      seeds: !args.flags.has('no-seeds'),
      collections: args.values.get('collection') ?? [],
      keyPattern: args.values.get('key-pattern')?.[0],
      taxonomyFile: args.values.get('taxonomy')?.[0],
    });
    const counts = new Map<string, number>();
    for (const p of loaded.userProblems)
      if (p.severity !== 'info') counts.set(p.location.file, (counts.get(p.location.file) ?? 0) + 1);
    for (const [file, n] of counts) {
      io.err(
        `paper-shelf: warning: ${file} has ${n === 1 ? 'a problem' : `${n} problems`}; see: paper-shelf check ${file}\n`,
      );
    }
    return loaded;
  };
}

/** The single value of an option, if given. */
export function optionValue(args: ParsedArgs, name: string): string | undefined {
  return args.values.get(name)?.[0];
}

/** Entries for ids/keys in order (no duplicates), and the references that are not on the shelf. */
export function resolveRefs(
  ctx: CommandContext,
  refs: readonly string[],
): { entries: ShelfEntry[]; missing: string[] } {
  const shelf = ctx.shelf().shelf;
  const entries: ShelfEntry[] = [];
  const missing: string[] = [];
  for (const ref of refs) {
    const entry = shelf.lookup(ref);
    if (!entry) {
      if (!missing.includes(ref)) missing.push(ref);
    } else if (!entries.includes(entry)) {
      entries.push(entry);
    }
  }
  return { entries, missing };
}

export function notOnShelfMessage(ref: string): string {
  return `paper-shelf: ${ref} is not on the shelf\n`;
}

/** Reads a document named on the command line; '-' is standard input. A BOM is no column of line 1. */
export async function readDocument(ctx: CommandContext, file: string): Promise<string> {
  const text = file === '-' ? await ctx.io.readStdin() : readTextFile(file);
  return text.replace(/^\uFEFF/, '');
}
