// Entry point of the paper-shelf command-line tool (bundled to dist/cli.js with a shebang).
import { run } from './run';
import { processIo } from './output';

// A reader that stops early (`paper-shelf list | head`) is not an error.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});

void run(process.argv.slice(2), processIo()).then((code) => {
  process.exitCode = code;
});
