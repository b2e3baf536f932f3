// The paper-shelf command-line tool (being written by the CLI work).
process.stderr.write('paper-shelf: the command-line tool is being written\n');
process.exit(2);
