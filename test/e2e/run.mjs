// End-to-end tests in a real VS Code (code-server), on the packaged extension:
//   Route A: the mocha suite in test/vscode runs inside the extension host (as @vscode/test-electron would);
//   Route B: Chromium drives the workbench as a person does (test/e2e/ui/*.ui.mjs).
// Installs what it needs, stops every process it started, exits non-zero on any failure.
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { BUILD, ROOT, SETUP_STEPS, ensureAll, packageExtension } from './setup.mjs';
import { createProgress, runLogged } from './progress.mjs';
import { freePort, installExtension, prepareProfile, startCodeServer } from './codeServer.mjs';
import { launchBrowser } from './browser.mjs';

const TMP = path.join(ROOT, '.e2e-tmp');
export const ARTIFACTS = path.join(ROOT, 'artifacts', 'e2e');
const only = process.argv.slice(2);
const cleanups = [];

function cleanup() {
  for (const c of cleanups.splice(0).reverse()) {
    try {
      c();
    } catch {
      // keep cleaning
    }
  }
}
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    cleanup();
    process.exit(130);
  });
}
process.on('exit', cleanup);

// The sample's .loupe folder holds only its experiment records.
const SAMPLE_LOUPE = path.join(ROOT, 'examples', '.loupe');

/**
 * A copy of the sample workspace: tests never change the repository's files. The sample's
 * experiment records (its whole .loupe folder) are left out unless a test asks for them (`test.server = { sampleRecords: true }`):
 * most tests start from an empty Experiments view.
 */
export function freshWorkspace(name, { sampleRecords = false } = {}) {
  const dir = path.join(TMP, name, 'workspace');
  rmSync(path.join(TMP, name), { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  cpSync(path.join(ROOT, 'examples'), dir, { recursive: true, filter: (from) => sampleRecords || from !== SAMPLE_LOUPE });
  return dir;
}

async function startInstance(name, vsix, settings = {}, { workspaceTrust = false, sampleRecords = false } = {}) {
  const runDir = path.join(TMP, name);
  const workspace = freshWorkspace(name, { sampleRecords });
  prepareProfile(runDir, { ...settings, ...(workspaceTrust ? { 'security.workspace.trust.enabled': true, 'security.workspace.trust.startupPrompt': 'always' } : {}) });
  installExtension(runDir, vsix);
  const server = await startCodeServer({ runDir, workspace, port: await freePort(), workspaceTrust });
  cleanups.push(server.stop);
  return { runDir, workspace, server };
}

async function routeA(vsix) {
  console.log('\n== Route A: mocha suite inside the VS Code extension host');
  const { runDir, workspace, server } = await startInstance('route-a', vsix);
  const extensionDir = readdirSync(path.join(runDir, 'exts')).find((d) => d.startsWith('loupe-ml.loupe-'));
  if (!extensionDir) throw new Error('the packaged extension was not installed');
  const resultFile = path.join(runDir, 'mocha-result.json');
  const payload = [
    ['extensionDevelopmentPath', `vscode-remote://remote${path.join(runDir, 'exts', extensionDir)}`],
    ['extensionTestsPath', `vscode-remote://remote${path.join(BUILD, 'out', 'test', 'vscode', 'index')}`],
    ['skipWelcome', 'true'],
    ['skipReleaseNotes', 'true'],
    ['extensionEnvironment', JSON.stringify({ LOUPE_TEST_HOOKS: '1', LOUPE_TEST_RESULT: resultFile, LOUPE_TEST_WORKSPACE: workspace })],
  ];
  const browser = await launchBrowser();
  cleanups.push(() => void browser.close());
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  page.setDefaultNavigationTimeout(120_000);
  const exit = new Promise((resolve) => page.exposeFunction('codeAutomationExit', (code) => resolve(code)));
  page.on('console', (m) => {
    const text = m.text();
    if (/^\s*(✔|✓|[0-9]+\)|passing|failing|pending| {2})/.test(text) || text.includes('Loupe') || text.includes('Error')) console.log(`  ${text}`);
  });
  await page.goto(`${server.url}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
  const code = await Promise.race([exit, new Promise((r) => setTimeout(() => r('timeout'), 300_000))]);
  await page.screenshot({ path: path.join(ARTIFACTS, 'route-a-final.png') }).catch(() => undefined);
  await browser.close();
  const result = existsSync(resultFile) ? JSON.parse(readFileSync(resultFile, 'utf8')) : undefined;
  if (!result) throw new Error(`Route A: no result file (exit code ${code}); see ${server.logFile}`);
  console.log(`Route A: ${result.passed} passed, ${result.failed} failed`);
  for (const f of result.failures) console.log(`  ✖ ${f.title}\n    ${f.error}`);
  if (code !== 0 || result.failed > 0 || result.passed === 0) throw new Error('Route A failed');
}

async function routeB(vsix) {
  console.log('\n== Route B: the UI, driven as a person would');
  const files = readdirSync(path.join(ROOT, 'test', 'e2e', 'ui')).filter((f) => f.endsWith('.ui.mjs')).sort();
  let failed = 0;
  for (const file of files) {
    const { default: _unused, ...mod } = await import(path.join(ROOT, 'test', 'e2e', 'ui', file));
    void _unused;
    for (const [name, test] of Object.entries(mod)) {
      if (typeof test !== 'function') continue;
      const title = `${file.replace('.ui.mjs', '')}: ${name}`;
      if (only.length && !only.some((o) => title.includes(o))) continue;
      const instance = await startInstance(`route-b-${name}`, vsix, test.settings ?? {}, test.server ?? {});
      const browser = await launchBrowser();
      const page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
      // Limits, not pauses: generous, because a busy two-core machine loads the 19 MB workbench slowly.
      page.setDefaultNavigationTimeout(120_000);
      page.setDefaultTimeout(60_000);
      if (process.env.LOUPE_E2E_CONSOLE) page.on('console', (m) => m.text().includes(process.env.LOUPE_E2E_CONSOLE) && console.log(`    [console] ${m.text()}`));
      const started = Date.now();
      try {
        await test({ page, ...instance, artifacts: ARTIFACTS });
        console.log(`  ✔ ${title} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
      } catch (error) {
        failed++;
        console.log(`  ✖ ${title}\n    ${error?.stack ?? error}`);
        await page.screenshot({ path: path.join(ARTIFACTS, `failed-${name}.png`) }).catch(() => undefined);
      } finally {
        await browser.close();
        instance.server.stop();
      }
    }
  }
  if (failed > 0) throw new Error(`Route B: ${failed} failed`);
}

async function main() {
  mkdirSync(ARTIFACTS, { recursive: true });
  const progress = createProgress(SETUP_STEPS + 2);
  await ensureAll(progress);
  await progress.phase('building Loupe and its in-VS Code tests (npm run build)', async () => {
    const logFile = path.join(TMP, 'logs', 'build.log');
    rmSync(logFile, { force: true });
    await runLogged('npm', ['run', '--silent', 'build'], { logFile, cwd: ROOT });
    return 'built';
  });
  const vsix = await packageExtension(progress);
  const testBundle = path.join(BUILD, 'out', 'test', 'vscode', 'index.js');
  if (!existsSync(testBundle)) throw new Error('the in-VS Code test bundle is missing');
  if (!only.length || only.includes('route-a')) await routeA(vsix);
  if (!only.includes('route-a')) await routeB(vsix);
}

main().then(
  () => {
    cleanup();
    console.log('\nend-to-end tests passed');
    process.exit(0);
  },
  (error) => {
    cleanup();
    console.error(`\nend-to-end tests failed: ${error?.message ?? error}`);
    process.exit(1);
  },
);
