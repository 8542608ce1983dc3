// `npm test`: every check, in order, stopping at the first failure:
// build, type-check, lint, unit tests (Node), webview tests (Chromium), end-to-end tests (real VS Code).
import { spawnSync } from 'node:child_process';

const steps = [
  ['build', ['npm', 'run', '--silent', 'build']],
  ['type-check', ['npm', 'run', '--silent', 'typecheck']],
  ['lint', ['npm', 'run', '--silent', 'lint']],
  ['unit tests', ['npm', 'run', '--silent', 'test:unit']],
  ['webview tests', ['npm', 'run', '--silent', 'test:web']],
  ['end-to-end tests', ['npm', 'run', '--silent', 'test:e2e']],
];

for (const [name, [command, ...args]] of steps) {
  const started = Date.now();
  console.log(`\n▶ ${name}`);
  const result = spawnSync(command, args, { stdio: 'inherit' });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (result.status !== 0) {
    console.error(`\n✖ ${name} failed after ${seconds} s`);
    process.exit(result.status ?? 1);
  }
  console.log(`✔ ${name} (${seconds} s)`);
}
console.log('\nall tests passed');
