// `npm start` as a developer meets it once everything is installed: one line per step, each
// skipped step saying so, the URL in seconds, Loupe working at that URL, Ctrl+C stopping
// code-server too, and a start after that reusing the installed extension.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { CACHE, CODE_SERVER_DIR, NODE24_DIR, ROOT, SETUP_STEPS } from '../setup.mjs';
import { freePort } from '../codeServer.mjs';
import { openLabelTable, tableSettled, until } from './workbench.mjs';

const STEPS = SETUP_STEPS + 3;
const URL_LINE = /^\s+(http:\/\/127\.0\.0\.1:\d+\/\?folder=\S+)$/m;

/**
 * Runs `npm start` in its own process group (as a terminal would) with the install folder at
 * `folder` and the port `port`; resolves once it printed the URL, with that URL, its output and
 * the seconds it took.
 */
async function npmStart(folder, port) {
  const started = Date.now();
  const child = spawn('npm', ['start'], { cwd: ROOT, detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LOUPE_VSCODE_TEST_DIR: folder, LOUPE_PORT: String(port) } });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const exited = new Promise((resolve) => child.on('exit', resolve));
  const interrupt = () => {
    try {
      process.kill(-child.pid, 'SIGINT');
    } catch {
      // already gone
    }
    return exited;
  };
  try {
    await until(
      () => {
        if (child.exitCode !== null) throw Object.assign(new Error(`npm start exited (${child.exitCode}):\n${output}`), { fatal: true });
        return URL_LINE.exec(output)?.[1];
      },
      (url) => url !== undefined,
      'npm start to print the URL',
      120_000,
    );
  } catch (error) {
    await interrupt();
    throw error;
  }
  return { url: URL_LINE.exec(output)[1], output, seconds: (Date.now() - started) / 1000, interrupt };
}

function stepLines(output) {
  return output.split('\n').filter((line) => /^\[\d+\/\d+\] /.test(line));
}

const answers = (origin) => fetch(`${origin}/healthz`).then((r) => r.ok, () => false);

export async function npmStartReusesTheInstall({ page, artifacts }) {
  // An install folder of its own, holding the installed Node 24 and code-server (links), so the
  // profile npm start makes is this test's and nothing is installed again.
  const folder = path.join(ROOT, '.e2e-tmp', 'npm-start', 'install');
  mkdirSync(folder, { recursive: true });
  for (const dir of [NODE24_DIR, CODE_SERVER_DIR]) {
    try {
      symlinkSync(dir, path.join(folder, path.basename(dir)));
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
    }
  }
  assert.notEqual(folder, CACHE);
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;

  const first = await npmStart(folder, port);
  const lines = stepLines(first.output);
  assert.equal(lines.length, STEPS, `one line per step:\n${first.output}`);
  lines.forEach((line, i) => assert.match(line, new RegExp(`^\\[${i + 1}/${STEPS}\\] .+ … .*\\d+(\\.\\d)? s$`), line));
  assert.match(lines[0], /Debian packages .* present/);
  assert.match(lines[1], /Node 24 .* present \(v24\./);
  assert.match(lines[2], /code-server .* present/);
  assert.match(lines[3], /packaging Loupe .* reused/, 'the .vsix the harness just packaged is reused');
  assert.doesNotMatch(first.output, /First start/, 'nothing to install, so no first-start notice');
  assert.ok(first.seconds < 60, `the URL came after ${first.seconds} s`);
  assert.ok(first.url.startsWith(`${origin}/?folder=`));
  assert.equal(decodeURIComponent(first.url.split('folder=')[1]), path.join(ROOT, 'examples'));

  // The URL is Loupe on the sample, as the README promises.
  const view = await openLabelTable(page, { url: origin }, path.join(ROOT, 'examples'));
  await tableSettled(view);
  await page.screenshot({ path: path.join(artifacts, 'npm-start.png') });

  // Ctrl+C: npm start and the code-server it started both stop.
  await first.interrupt();
  await until(() => answers(origin), (ok) => ok === false, 'code-server to stop after Ctrl+C');

  // Started again: the extension is already in the profile.
  const second = await npmStart(folder, port);
  try {
    assert.match(stepLines(second.output)[4], /installing Loupe into the code-server profile … already installed/);
    assert.equal(await answers(origin), true);
  } finally {
    await second.interrupt();
  }
  await until(() => answers(origin), (ok) => ok === false, 'code-server to stop after the second Ctrl+C');
}
