// Starts and stops code-server (VS Code in the browser) for a test run or `npm start`.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync, openSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { until } from './poll.mjs';
import { CODE_SERVER_BIN, NODE24_DIR, node24Env } from './setup.mjs';

const NODE24 = path.join(NODE24_DIR, 'bin', 'node');

export async function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/** A fresh user-data folder with quiet settings (and the given theme). */
export function prepareProfile(runDir, settings = {}) {
  const userDir = path.join(runDir, 'udd', 'User');
  mkdirSync(userDir, { recursive: true });
  writeFileSync(
    path.join(userDir, 'settings.json'),
    JSON.stringify(
      {
        'chat.disableAIFeatures': true,
        'workbench.startupEditor': 'none',
        'workbench.tips.enabled': false,
        'telemetry.telemetryLevel': 'off',
        'extensions.autoCheckUpdates': false,
        'extensions.autoUpdate': false,
        'update.mode': 'none',
        'files.hotExit': 'onExitAndWindowClose',
        'files.autoSave': 'off',
        'security.workspace.trust.enabled': false,
        'workbench.secondarySideBar.defaultVisibility': 'hidden',
        'chat.commandCenter.enabled': false,
        ...settings,
      },
      null,
      2,
    ),
  );
  writeFileSync(path.join(runDir, 'config.yaml'), '');
  return { userDataDir: path.join(runDir, 'udd'), extensionsDir: path.join(runDir, 'exts') };
}

export function installExtension(runDir, vsix) {
  const { userDataDir, extensionsDir } = { userDataDir: path.join(runDir, 'udd'), extensionsDir: path.join(runDir, 'exts') };
  const result = spawnSync(
    NODE24,
    [CODE_SERVER_BIN, '--config', path.join(runDir, 'config.yaml'), '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, '--install-extension', vsix, '--force'],
    { env: node24Env(), encoding: 'utf8' },
  );
  if (result.status !== 0) throw new Error(`installing ${vsix} failed:\n${result.stdout}\n${result.stderr}`);
}

/**
 * Starts code-server on 127.0.0.1 in its own process group (so that stopping it also stops
 * its file watcher and extension hosts). Resolves once it answers HTTP.
 */
export async function startCodeServer({ runDir, workspace, port, testDriver = true, workspaceTrust = false, extraArgs = [], bind = '127.0.0.1' }) {
  const logFile = path.join(runDir, 'code-server.log');
  const out = openSync(logFile, 'a');
  const args = [
    CODE_SERVER_BIN,
    '--config', path.join(runDir, 'config.yaml'),
    '--user-data-dir', path.join(runDir, 'udd'),
    '--extensions-dir', path.join(runDir, 'exts'),
    '--auth', 'none',
    '--bind-addr', `${bind}:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-getting-started-override',
    '--reconnection-grace-time', '30',
    ...(testDriver && !workspaceTrust ? ['--disable-workspace-trust'] : []),
    ...(testDriver ? ['--vscode-option', 'enable-smoke-test-driver'] : []),
    ...extraArgs,
    workspace,
  ];
  const child = spawn(NODE24, args, { env: node24Env(), detached: true, stdio: ['ignore', out, out] });
  const stop = () => {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  };
  const answers = async () => {
    if (child.exitCode !== null) throw Object.assign(new Error(`code-server exited early (see ${logFile})`), { fatal: true });
    try {
      return (await fetch(`http://${bind}:${port}/healthz`)).ok;
    } catch {
      return false; // not listening yet
    }
  };
  try {
    await until(answers, (ok) => ok === true, `code-server to answer on port ${port} (see ${logFile})`, 60_000);
  } catch (error) {
    stop();
    throw error;
  }
  return { url: `http://${bind}:${port}`, stop, child, logFile };
}
