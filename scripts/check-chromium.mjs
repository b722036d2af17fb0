// `npm test` runs this first: the browser suites need Debian's Chromium (test/helpers/browser.ts, chromiumPath).
// Without it, stop with one line that says how to get it, instead of six failing suites.
import { accessSync, constants } from 'node:fs';

const chromium = '/usr/bin/chromium';
try {
  accessSync(chromium, constants.X_OK);
} catch {
  process.stderr.write(
    `Chromium is missing at ${chromium}: run "apt-get install -y chromium" (as root) or "bash .ci/run", which installs it.\n`,
  );
  process.exit(1);
}
