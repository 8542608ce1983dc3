// `npm run test:desktop`: the in-VS Code suite (test/vscode) in desktop VS Code, downloaded by
// @vscode/test-electron. Needs network access to VS Code's download site; CI uses code-server
// instead (npm run test:e2e), which runs the very same bundle.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runTests } from '@vscode/test-electron';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
if (spawnSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' }).status !== 0) process.exit(1);
const workspace = mkdtempSync(path.join(os.tmpdir(), 'loupe-desktop-'));
cpSync(path.join(root, 'examples'), workspace, { recursive: true });
try {
  await runTests({
    extensionDevelopmentPath: root,
    extensionTestsPath: path.join(root, 'out', 'test', 'vscode', 'index'),
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust'],
    extensionTestsEnv: { LOUPE_TEST_HOOKS: '1' },
  });
} catch (error) {
  console.error(`desktop tests failed: ${error?.message ?? error}`);
  process.exit(1);
}
