import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import Mocha from 'mocha';

/**
 * Mocha's spec output for people, plus the run's totals as JSON in
 * TEST_RESULTS_FILE for CI, which adds up every suite into one line.
 */
class SummaryReporter extends Mocha.reporters.Spec {
  constructor(runner: Mocha.Runner, options?: Mocha.MochaOptions) {
    super(runner, options);
    runner.once(Mocha.Runner.constants.EVENT_RUN_END, () => {
      const file = process.env.TEST_RESULTS_FILE;
      if (!file) return;
      mkdirSync(dirname(file), { recursive: true });
      const { passes = 0, failures = 0, pending = 0 } = this.stats;
      writeFileSync(file, JSON.stringify({ passes, failures, pending }));
    });
  }
}

export = SummaryReporter;
