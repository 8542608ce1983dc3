// Runs the Node unit tests (`*.test.ts`, not `*.web.test.ts` / `*.vscode.test.ts`) with node's test runner.
import { spawnSync } from 'node:child_process';
import { globSync } from 'glob';

const patterns = process.argv.slice(2);
const files = globSync(patterns.length ? patterns : ['src/**/*.test.ts', 'test/unit/**/*.test.ts', 'test/hostile/**/*.test.ts', 'tools/**/*.test.ts'], {
  ignore: ['**/*.web.test.ts', '**/*.vscode.test.ts', '**/node_modules/**'],
}).sort();
if (files.length === 0) {
  console.error('no unit tests found');
  process.exit(1);
}
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...files], {
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
