// paper-shelf map: the shelf's map (papers placed by what they are about, coloured by theme, with
// the legend) as a standalone SVG for slides and READMEs: the same layout the extension's panel draws.
import type { Command } from '../command';
import { optionValue } from '../command';
import { UsageError } from '../args';
import { clean, plural } from '../output';
import { readExisting, replaceFile } from '../replaceFile';
import { buildMapModel } from '../../core/map/mapModel';
import { DEFAULT_SVG_HEIGHT, DEFAULT_SVG_WIDTH, MAX_SVG_SIZE, MIN_SVG_SIZE, mapSvg } from '../../core/map/svg';
import type { PaletteKind } from '../../core/map/palette';
import { UNCLASSIFIED_THEME } from '../../core/shelf/shelfFactory';

function size(ctx: Parameters<Command['run']>[0], name: 'width' | 'height', otherwise: number): number {
  const text = optionValue(ctx.args, name);
  if (text === undefined) return otherwise;
  const n = Number(text);
  if (!/^\d+$/.test(text.trim()) || n < MIN_SVG_SIZE || n > MAX_SVG_SIZE) {
    throw new UsageError(
      `--${name} must be a whole number of pixels from ${MIN_SVG_SIZE} to ${MAX_SVG_SIZE} (got "${clean(text)}")`,
      'map',
    );
  }
  return n;
}

export const mapCommand: Command = {
  name: 'map',
  summary: 'Write the map of the shelf (papers by topic, coloured by theme) as a standalone SVG.',
  usage: ['map [--out FILE.svg] [--width N] [--height N] [--background light|dark]'],
  description: [
    'Places every paper so that papers about the same things sit close together (the layout the',
    "extension's Show Map panel draws), coloured by theme, with a legend naming each theme and its size.",
    'Each paper is one <circle> with data-paper (its arXiv id), data-theme (its theme) and a <title>',
    'child holding its title; the file has no script and no event attributes, and every text is escaped.',
    'Without --out the SVG goes to standard output. FILE is replaced through a temporary file, so on any',
    'failure it stays as it was. The same shelf always gives the same map.',
  ],
  exits: ['1  FILE could not be written'],
  options: [
    { name: 'out', value: 'FILE', description: 'Write the SVG here (replaced atomically) instead of standard output.' },
    { name: 'width', value: 'N', description: `Width in pixels (default ${DEFAULT_SVG_WIDTH}).` },
    {
      name: 'height',
      value: 'N',
      description: `Height in pixels (default ${DEFAULT_SVG_HEIGHT}; more if the legend needs it).`,
    },
    {
      name: 'background',
      value: 'KIND',
      choices: ['light', 'dark'],
      description: 'Colours for a light (default) or a dark page.',
    },
  ],
  positionals: { min: 0, max: 0, name: '' },
  async run(ctx) {
    const width = size(ctx, 'width', DEFAULT_SVG_WIDTH);
    const height = size(ctx, 'height', DEFAULT_SVG_HEIGHT);
    const out = optionValue(ctx.args, 'out');
    const before = out ? await readExisting(out) : undefined;
    const loaded = ctx.shelf();
    const fallbackTheme = loaded.classifier?.taxonomy.fallback ?? UNCLASSIFIED_THEME;
    const model = buildMapModel(loaded.shelf.entries(), { fallbackTheme });
    const kind = (optionValue(ctx.args, 'background') ?? 'light') as PaletteKind;
    const svg = mapSvg(model, { width, height, fallbackTheme, kind });
    if (!out || !before) {
      ctx.io.out(svg);
      return 0;
    }
    await replaceFile(out, svg, before, 'the map was being drawn');
    ctx.io.err(
      `paper-shelf: wrote the map of ${plural(model.ids.length, 'paper')} in ${plural(model.themes.length, 'theme')} to ${out}\n`,
    );
    return 0;
  },
};
