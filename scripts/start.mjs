// `npm start`: builds and packages Loupe, then opens VS Code in the browser (code-server on
// 127.0.0.1) with Loupe installed and the sample workspace (examples/). Ctrl+C stops it.
import path from 'node:path';
import { mkdirSync } from 'node:fs';
import { ROOT, ensureAll, packageExtension } from '../test/e2e/setup.mjs';
import { installExtension, prepareProfile, startCodeServer } from '../test/e2e/codeServer.mjs';

const port = Number(process.env.LOUPE_PORT ?? 8080);
const runDir = path.join(ROOT, '.vscode-test', 'start');
mkdirSync(runDir, { recursive: true });
ensureAll();
const vsix = packageExtension();
prepareProfile(runDir, { 'workbench.colorTheme': process.env.LOUPE_THEME ?? 'Dark Modern', 'files.autoSave': 'off' });
installExtension(runDir, vsix);
const workspace = path.join(ROOT, 'examples');
const server = await startCodeServer({ runDir, workspace, port, testDriver: false });
const url = `${server.url}/?folder=${encodeURIComponent(workspace)}`;
console.log(`\nLoupe is running in VS Code at:\n\n  ${url}\n\nOpen it in a browser, then run "Loupe: Open Label File" from the command palette (F1).`);
console.log('Press Ctrl+C to stop.');
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
