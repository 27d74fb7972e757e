// Jest reporter that writes each project's totals to TEST_RESULTS_DIR, so `npm test` can print
// one "N passed, N failed" line for the whole workspace.
const fs = require('node:fs');
const path = require('node:path');

class ResultsFileReporter {
  constructor(globalConfig) {
    this.globalConfig = globalConfig;
  }

  onRunComplete(_contexts, results) {
    const dir = process.env.TEST_RESULTS_DIR;
    if (!dir) return;
    fs.mkdirSync(dir, { recursive: true });
    const name = path.basename(this.globalConfig.rootDir) + '-' + process.pid + '.json';
    fs.writeFileSync(
      path.join(dir, name),
      JSON.stringify({ numPassedTests: results.numPassedTests, numFailedTests: results.numFailedTests }),
    );
  }
}

module.exports = ResultsFileReporter;
