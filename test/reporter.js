// Mocha's dot reporter plus the plain closing line CI reads: "N passed, N failed".
const { reporters } = require('mocha');
const Dot = reporters.Dot;

class DotWithSummary extends Dot {
  constructor(runner, options) {
    super(runner, options);
    runner.once('end', () => {
      const { passes, failures, pending } = this.stats;
      process.stdout.write(`unit: ${passes} passed, ${failures} failed${pending ? `, ${pending} skipped` : ''}\n`);
    });
  }
}
module.exports = DotWithSummary;
