// A mocha reporter for scripts/test-all.mjs: prints like mocha's own `spec` (or `dot` with
// --reporter-option style=dot) and writes the stage's counts as JSON to the file named by
// --reporter-option counts=<file>, so the summary never has to scrape human-readable output.
'use strict';

const fs = require('node:fs');
const Mocha = require('mocha');

function withCounts(Printer) {
  return class extends Printer {
    constructor(runner, options) {
      super(runner, options);
      const file = options?.reporterOptions?.counts;
      runner.once('end', () => {
        if (!file) return;
        const { passes = 0, failures = 0, pending = 0 } = this.stats;
        fs.writeFileSync(file, JSON.stringify({ passed: passes, failed: failures, pending }));
      });
    }
  };
}

const SpecWithCounts = withCounts(Mocha.reporters.Spec);
const DotWithCounts = withCounts(Mocha.reporters.Dot);

// Mocha calls `new Reporter(runner, options)`: returning the chosen printer is allowed.
function CountingReporter(runner, options) {
  const Printer = options?.reporterOptions?.style === 'dot' ? DotWithCounts : SpecWithCounts;
  return new Printer(runner, options);
}

module.exports = CountingReporter;
