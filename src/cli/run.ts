// The paper-shelf command line: subcommand dispatch, help texts, exit statuses.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs, suggest, UsageError } from './args';
import { GLOBAL_OPTIONS, shelfLoader, type Command } from './command';
import { CliError, PACKAGE_ROOT } from './loadShelf';
import { clean, styleFor, wrap, type Io } from './output';
import { COMMANDS } from './commands/index';

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

const EXIT_TEXT = [
  '0  success',
  '1  failure (see the message on standard error)',
  '2  usage error: unknown subcommand or option, bad value',
];

export function version(): string {
  try {
    return JSON.parse(fs.readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')).version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

function optionLines(options: Command['options'], io: Io): string[] {
  const heads = options.map((o) => `${o.short ? `-${o.short}, ` : '    '}--${o.name}${o.value ? ` ${o.value}` : ''}`);
  const width = Math.max(...heads.map((h) => h.length)) + 2;
  return options.flatMap((o, i) => {
    const [first, ...rest] = wrap(o.description, io.columns && io.columns - width - 2);
    return [`  ${heads[i].padEnd(width)}${first}`, ...rest.map((line) => `  ${' '.repeat(width)}${line}`)];
  });
}

export function mainHelp(io: Io): string {
  const s = styleFor(io);
  const width = Math.max(...COMMANDS.map((c) => c.name.length)) + 2;
  return [
    `${s.bold('paper-shelf')} ${version()}: the Paper Shelf collection of arXiv papers, on the command line.`,
    '',
    s.bold('Usage:'),
    '  paper-shelf [--collection FILE]... [--no-seeds] [--taxonomy FILE] [--key-pattern PATTERN] COMMAND [OPTIONS] [ARGS]',
    '  paper-shelf COMMAND --help',
    '  paper-shelf --version',
    '',
    s.bold('Commands:'),
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}${c.summary}`),
    '',
    s.bold('Options for every command:'),
    ...optionLines(GLOBAL_OPTIONS, io),
    '',
    'The shelf is the shipped collection plus every --collection file, with the same cite keys,',
    'themes and BibTeX as the VS Code extension. Text output is plain when piped; colour only',
    'on a terminal, never with NO_COLOR set.',
    '',
    s.bold('Exit status:'),
    ...EXIT_TEXT.map((line) => `  ${line}`),
    '',
  ].join('\n');
}

export function commandHelp(command: Command, io: Io): string {
  const s = styleFor(io);
  const exits = [EXIT_TEXT[0], ...(command.exits ?? [EXIT_TEXT[1]]), EXIT_TEXT[2]];
  return [
    `${s.bold('Usage:')} ${command.usage.map((u, i) => `${i ? '       ' : ''}paper-shelf ${u}`).join('\n')}`,
    '',
    command.summary,
    '',
    ...command.description,
    '',
    ...(command.options.length ? [s.bold('Options:'), ...optionLines(command.options, io), ''] : []),
    s.bold('Options for every command:'),
    ...optionLines(GLOBAL_OPTIONS, io),
    '',
    s.bold('Exit status:'),
    ...exits.map((line) => `  ${line}`),
    '',
  ].join('\n');
}

function usageLine(command?: Command): string {
  return command
    ? `usage: ${command.usage.map((u) => `paper-shelf ${u}`).join('\n       ')}\nRun 'paper-shelf ${command.name} --help' for details.\n`
    : `usage: paper-shelf [GLOBAL OPTIONS] COMMAND [OPTIONS] [ARGS]\nCommands: ${COMMANDS.map((c) => c.name).join(', ')}\nRun 'paper-shelf --help' for details.\n`;
}

/** Runs one invocation; never exits the process itself, so the output is always flushed. */
export async function run(argv: readonly string[], io: Io): Promise<number> {
  const byName = new Map(COMMANDS.map((c) => [c.name, c]));
  // The subcommand is the first argument that is not an option (or an option's value).
  const globalWithValue = new Set(GLOBAL_OPTIONS.filter((o) => o.value).map((o) => `--${o.name}`));
  let index = 0;
  while (index < argv.length && argv[index].startsWith('-') && argv[index] !== '-' && argv[index] !== '--') {
    index += globalWithValue.has(argv[index]) ? 2 : 1;
  }
  const name = argv[index];
  const before = argv.slice(0, index);
  const after = argv.slice(index + 1);

  let command: Command | undefined;
  try {
    if (name === undefined) {
      const top = parseArgs(before, [...GLOBAL_OPTIONS, { name: 'version', description: '' }]);
      if (top.flags.has('version')) {
        io.out(`${version()}\n`);
        return EXIT_OK;
      }
      if (top.flags.has('help')) {
        io.out(mainHelp(io));
        return EXIT_OK;
      }
      throw new UsageError('no command given');
    }
    if (name === 'help') {
      const topic = after[0];
      if (after.length > 1) throw new UsageError('help takes at most one command name');
      if (topic === undefined) {
        io.out(mainHelp(io));
        return EXIT_OK;
      }
      const wanted = byName.get(topic);
      if (!wanted) throw new UsageError(`unknown command "${clean(topic)}"${suggest(topic, [...byName.keys()], '')}`);
      io.out(commandHelp(wanted, io));
      return EXIT_OK;
    }
    command = byName.get(name);
    if (!command) throw new UsageError(`unknown command "${clean(name)}"${suggest(name, [...byName.keys()], '')}`);

    const args = parseArgs([...before, ...after], [...GLOBAL_OPTIONS, ...command.options], command.name);
    if (args.flags.has('help')) {
      io.out(commandHelp(command, io));
      return EXIT_OK;
    }
    const { min, max, name: what } = command.positionals;
    if (args.positionals.length < min) throw new UsageError(`missing ${what}`, command.name);
    if (args.positionals.length > max) {
      const extra = args.positionals[max];
      throw new UsageError(
        max === 0 ? `unexpected argument "${clean(extra)}"` : `too many arguments ("${clean(extra)}")`,
        command.name,
      );
    }
    return await command.run({ io, style: styleFor(io), args, shelf: shelfLoader(args, io) });
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(
        `paper-shelf: ${err.message}\n${usageLine(command ?? (err.command ? byName.get(err.command) : undefined))}`,
      );
      return EXIT_USAGE;
    }
    if (err instanceof CliError) {
      io.err(`paper-shelf: ${err.message}\n`);
      return err.exitCode;
    }
    io.err(`paper-shelf: internal error: ${String((err as Error)?.stack ?? err)}\n`);
    return EXIT_FAILURE;
  }
}
