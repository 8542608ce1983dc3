// `npm start`: installs what is missing (once), packages Loupe when its sources changed, then opens
// VS Code in the browser (code-server on 127.0.0.1) with Loupe installed and the sample workspace
// (examples/). One line per phase with its seconds; installers' output goes to log files.
// Ctrl+C stops it.
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { CACHE, ROOT, SETUP_STEPS, ensureAll, packageExtension } from '../test/e2e/setup.mjs';
import { installExtension, prepareProfile, startCodeServer } from '../test/e2e/codeServer.mjs';
import { createProgress, seconds } from '../test/e2e/progress.mjs';

const began = Date.now();
const port = Number(process.env.LOUPE_PORT ?? 8080);
const runDir = path.join(CACHE, 'start');
const workspace = path.join(ROOT, 'examples');
const progress = createProgress(SETUP_STEPS + 3);

function portIsFree(port) {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

/** Installs the .vsix into the profile unless this very file (same size and time) is installed. */
function installOnce(vsix) {
  const marker = path.join(runDir, 'installed-vsix.json');
  const { size, mtimeMs } = statSync(vsix);
  const stamp = JSON.stringify({ vsix, size, mtimeMs });
  const installed = existsSync(path.join(runDir, 'exts')) && readdirSync(path.join(runDir, 'exts')).some((d) => d.startsWith('loupe-ml.loupe-'));
  if (installed && existsSync(marker) && readFileSync(marker, 'utf8') === stamp) return 'already installed';
  installExtension(runDir, vsix);
  writeFileSync(marker, stamp);
  return 'installed';
}

async function main() {
  if (!(await portIsFree(port))) {
    throw new Error(`port ${port} on 127.0.0.1 is in use (another \`npm start\`?): stop it, or choose another port with LOUPE_PORT=8081 npm start`);
  }
  mkdirSync(runDir, { recursive: true });
  await ensureAll(progress);
  const vsix = await packageExtension(progress, { reuse: !process.env.LOUPE_REPACKAGE, forTests: false });
  await progress.phase('installing Loupe into the code-server profile', async () => {
    prepareProfile(runDir, { 'workbench.colorTheme': process.env.LOUPE_THEME ?? 'Dark Modern', 'files.autoSave': 'off' });
    return installOnce(vsix);
  });
  let server;
  await progress.phase(`starting code-server on 127.0.0.1:${port}`, async () => {
    server = await startCodeServer({ runDir, workspace, port, testDriver: false });
    return 'answering';
  });
  return server;
}

let server;
try {
  server = await main();
} catch (error) {
  console.error(`\nnpm start failed: ${error?.message ?? error}`);
  process.exit(1);
}
const url = `${server.url}/?folder=${encodeURIComponent(workspace)}`;
console.log(`\nLoupe is running in VS Code (ready in ${seconds(began)} s) at:\n\n  ${url}\n`);
console.log('Open it in a browser, then run "Loupe: Open Label File" from the command palette (F1),');
console.log('or Help → Welcome → "Get Started with Loupe". Press Ctrl+C to stop.');
const stop = () => {
  server.stop();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
server.child.on('exit', (code) => {
  console.log(`code-server stopped (exit ${code}); log: ${server.logFile}`);
  process.exit(code ?? 1);
});
