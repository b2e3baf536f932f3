// A small, strict command-line parser: every option must be declared, values are checked,
// and anything unexpected is a UsageError (exit status 2). No dependency.

export interface OptionSpec {
  /** Long name without the dashes: 'limit' for --limit. */
  name: string;
  /** One-letter alias without the dash: 'h' for -h. */
  short?: string;
  /** Placeholder shown in help; present means the option takes a value. */
  value?: string;
  /** Allowed values, when the value is one of a fixed set. */
  choices?: readonly string[];
  /** May be given more than once; the values are collected in order. */
  multiple?: boolean;
  /** Takes every following argument up to the next option as further values (`--cited a.tex b.tex`). */
  greedy?: boolean;
  description: string;
}

export interface ParsedArgs {
  /** Flags are `true`; valued options hold their string values (always an array, in order). */
  flags: Set<string>;
  values: Map<string, string[]>;
  positionals: string[];
}

export class UsageError extends Error {
  constructor(
    message: string,
    /** The subcommand whose usage to show, if known. */
    readonly command?: string,
  ) {
    super(message);
  }
}

/**
 * Parses `argv` against `specs`. Accepts `--name value`, `--name=value`, `-x value`, bundled
 * short flags are not supported (there are none worth bundling). `--` ends the options;
 * a lone `-` is a positional (stdin).
 */
export function parseArgs(argv: readonly string[], specs: readonly OptionSpec[], command?: string): ParsedArgs {
  const flags = new Set<string>();
  const values = new Map<string, string[]>();
  const positionals: string[] = [];
  const byLong = new Map(specs.map((s) => [s.name, s]));
  const byShort = new Map(specs.filter((s) => s.short).map((s) => [s.short!, s]));

  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      positionals.push(arg);
      continue;
    }
    let spec: OptionSpec | undefined;
    let inline: string | undefined;
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const name = eq === -1 ? arg.slice(2) : arg.slice(2, eq);
      inline = eq === -1 ? undefined : arg.slice(eq + 1);
      spec = byLong.get(name);
      if (!spec) throw new UsageError(`unknown option --${name}${suggest(name, [...byLong.keys()])}`, command);
    } else {
      spec = arg.length === 2 ? byShort.get(arg[1]) : undefined;
      if (!spec) throw new UsageError(`unknown option ${arg}`, command);
    }

    if (!spec.value) {
      if (inline !== undefined) throw new UsageError(`option --${spec.name} takes no value`, command);
      flags.add(spec.name);
      continue;
    }
    let value = inline;
    if (value === undefined) {
      if (i + 1 >= argv.length) throw new UsageError(`option --${spec.name} needs a value (${spec.value})`, command);
      value = argv[++i];
    }
    const list = values.get(spec.name) ?? [];
    if (list.length && !spec.multiple) throw new UsageError(`option --${spec.name} given more than once`, command);
    list.push(checkChoice(spec, value, command));
    if (spec.greedy) {
      while (i + 1 < argv.length && (!argv[i + 1].startsWith('-') || argv[i + 1] === '-')) list.push(argv[++i]);
    }
    values.set(spec.name, list);
  }
  return { flags, values, positionals };
}

function checkChoice(spec: OptionSpec, value: string, command?: string): string {
  if (spec.choices && !spec.choices.includes(value)) {
    throw new UsageError(`option --${spec.name} must be one of ${spec.choices.join(', ')} (got "${value}")`, command);
  }
  return value;
}

/** ' (did you mean --x?)' for a near miss, else ''. */
export function suggest(name: string, candidates: readonly string[], prefix = '--'): string {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = editDistance(name, c);
    if (d < bestDistance) {
      bestDistance = d;
      best = c;
    }
  }
  return best !== undefined && bestDistance <= Math.max(1, Math.floor(name.length / 3))
    ? ` (did you mean ${prefix}${best}?)`
    : '';
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length];
}
