import type { Command } from '../command';
import { listCommand } from './list';
import { themesCommand } from './themes';
import { searchCommand } from './search';
import { showCommand } from './show';
import { checkCommand } from './check';
import { bibCommand } from './bib';
import { addCommand } from './add';
import { findCommand } from './find';
import { citeCommand } from './cite';
import { citedCommand } from './cited';
import { upgradeCommand } from './upgrade';
import { mapCommand } from './map';

/** Every subcommand, in the order the help lists them. */
export const COMMANDS: readonly Command[] = [
  listCommand,
  themesCommand,
  searchCommand,
  showCommand,
  bibCommand,
  citeCommand,
  citedCommand,
  checkCommand,
  addCommand,
  findCommand,
  upgradeCommand,
  mapCommand,
];
