// Runs the webview tests (`*.web.test.ts`) in headless Chromium against the built bundles.
import { spawnSync } from 'node:child_process';
import { globSync } from 'glob';

const files = globSync('test/web/**/*.web.test.ts').sort();
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', '--test-concurrency=1', ...files], { stdio: 'inherit' });
process.exit(result.status ?? 1);
