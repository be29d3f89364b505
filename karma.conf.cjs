// Karma on Debian's Chromium (see docs/toolchain-decisions.md). Runs as root in CI,
// so the sandbox is off and every background network feature is disabled.
process.env.CHROME_BIN = process.env.CHROME_BIN || '/usr/bin/chromium';

const fs = require('node:fs');

/**
 * Writes {passed, failed, skipped} to $PV_RESULTS_FILE when the run completes, so the project's
 * test command can sum every suite into one closing line.
 */
function CountsReporter() {
  const counts = { passed: 0, failed: 0, skipped: 0 };
  this.onSpecComplete = (_browser, result) => {
    if (result.skipped || result.pending) counts.skipped++;
    else if (result.success) counts.passed++;
    else counts.failed++;
  };
  this.onRunComplete = (_browsers, results) => {
    // A crash or disconnect that stopped specs from reporting counts as a failure.
    if (results.error || results.disconnected) counts.failed = Math.max(counts.failed, 1);
    const file = process.env.PV_RESULTS_FILE;
    if (file) fs.writeFileSync(file, JSON.stringify(counts));
  };
}

module.exports = function (config) {
  config.set({
    basePath: '',
    frameworks: ['jasmine'],
    plugins: [require('karma-jasmine'), require('karma-chrome-launcher'), { 'reporter:pv-counts': ['type', CountsReporter] }],
    client: { jasmine: { random: true, timeoutInterval: 30000 }, clearContext: false },
    reporters: ['progress', 'pv-counts'],
    browsers: ['ChromeHeadlessCI'],
    customLaunchers: {
      ChromeHeadlessCI: {
        base: 'ChromeHeadless',
        flags: [
          '--no-sandbox',
          '--disable-gpu',
          '--disable-quic',
          '--no-first-run',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--disable-dev-shm-usage',
        ],
      },
    },
    browserNoActivityTimeout: 120000,
    browserDisconnectTimeout: 30000,
    captureTimeout: 120000,
    singleRun: true,
    restartOnFileChange: false,
  });
};
