/**
 * Entry of the suite that runs inside VS Code's extension host. It keeps the shape
 * @vscode/test-electron expects (`run()` returning a promise), so the same bundle runs in
 * desktop VS Code (`npm run test:desktop`) and in code-server (`npm run test:e2e`).
 */
import { writeFileSync } from 'node:fs';
import Mocha from 'mocha';

export async function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, color: false, reporter: 'spec' });
  mocha.suite.emit('pre-require', globalThis, 'loupe', mocha);
  await import('./labelTable.vscode.test');
  const failures: { title: string; error: string }[] = [];
  let passed = 0;
  await new Promise<void>((resolve) => {
    const runner = mocha.run(() => resolve());
    runner.on('pass', () => passed++);
    runner.on('fail', (test, error: Error) => failures.push({ title: test.fullTitle(), error: error.stack ?? error.message }));
  });
  const resultFile = process.env.LOUPE_TEST_RESULT;
  if (resultFile) writeFileSync(resultFile, JSON.stringify({ passed, failed: failures.length, failures }, null, 2));
  if (failures.length > 0) throw new Error(`${failures.length} ${failures.length === 1 ? 'test' : 'tests'} failed`);
}
