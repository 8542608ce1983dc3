/**
 * The code state of a command-line record, read by running git so that no program the
 * repository configures can run (see SECURITY.md, which lists these exact commands):
 * - git is found on PATH as an absolute path (never in the workspace: Windows would look there first);
 * - every call is `git --no-pager -c core.fsmonitor=false -c core.hooksPath=<null device>
 *   -c safe.bareRepository=explicit <command>`, with no inherited GIT_* variable (they could
 *   carry config, an external diff or another repository), no prompt and no optional locks;
 * - the diff is taken with `--no-ext-diff --no-textconv --ignore-submodules=all`;
 * - `git status` and `git diff` run a filter's clean program on files the repository marks,
 *   so when the repository's own config defines one they are not run at all: commit, branch
 *   and remote are recorded, the dirty flag and diff hash are not, and the record says why.
 * Changes under `.loupe/` are data (experiments, annotations), not code: they never make
 * the tree dirty. A missing git or a folder outside any repository is recorded, not fatal.
 */
import { spawn } from 'node:child_process';
import { createHash, type Hash } from 'node:crypto';
import { constants, promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { redactRemote } from '../../core/experiments/gitRemote';
import { codeWithoutGit, type CodeState } from '../../core/experiments/schema';

const TIMEOUT_MS = 30_000;
// The whole working tree, wherever in it the command runs (a workspace may be a sub-folder of
// the repository), less every `.loupe/` folder in it.
const WHOLE_TREE = ':/';
const NOT_CODE = ':(exclude,top,glob)**/.loupe/**';
/** Global options of every git call. */
export const GIT_SAFETY_ARGS = ['--no-pager', '-c', 'core.fsmonitor=false', '-c', `core.hooksPath=${os.devNull}`, '-c', 'safe.bareRepository=explicit'];
/** Config a repository could use to make `git status` or `git diff` run a program that no flag turns off. */
const FILTER_PROGRAM = /^filter\..+\.(clean|smudge|process)$/i;
/** Scopes git reports for the repository's own config (.git/config, config.worktree and files they include). */
const REPOSITORY_SCOPES = new Set(['local', 'worktree']);
const NAMED_KEYS = 3;

interface GitResult {
  code: number;
  stdout: string;
}

type RunGit = (args: string[], hash?: Hash) => Promise<GitResult>;

export interface GitOptions {
  /** The git program (default: "git" found on PATH, as an absolute path). */
  git?: string;
  /** The environment git's is made from (default process.env); GIT_* variables are never passed on. */
  env?: NodeJS.ProcessEnv;
}

/** Commit, branch, dirty flag, hash of the diff against HEAD, and remote of the repository holding `cwd`. */
export async function readGitState(cwd: string, options: GitOptions = {}): Promise<CodeState> {
  const env = gitEnvironment(options.env ?? process.env);
  let run: RunGit;
  let top: GitResult;
  try {
    const git = options.git ?? (await findOnPath('git', env));
    run = (args, hash) => runGit(git, cwd, env, args, hash);
    top = await run(['rev-parse', '--show-toplevel']);
  } catch (error) {
    return codeWithoutGit(`git could not be run (${(error as Error).message}); install git or put it on PATH`);
  }
  if (top.code !== 0) return codeWithoutGit(`not in a git repository (${cwd})`);
  const commit = await firstLine(run(['rev-parse', '--verify', '-q', 'HEAD']));
  const branch = await firstLine(run(['symbolic-ref', '--short', '-q', 'HEAD']));
  const remote = await readRemote(run);
  const refusal = await filterPrograms(run);
  if (refusal) return { gitAvailable: true, reason: refusal, commit, branch, dirty: null, diffSha256: null, remote };
  const status = await run(['status', '--porcelain', '--untracked-files=no', '--ignore-submodules=all', '--', WHOLE_TREE, NOT_CODE]);
  const dirty = status.code === 0 ? status.stdout.trim() !== '' : null;
  return { gitAvailable: true, commit, branch, dirty, diffSha256: dirty && commit ? await diffHash(run) : null, remote };
}

/** Why the working tree is not read, when the repository's config names a filter program (reading the config runs nothing). */
async function filterPrograms(run: RunGit): Promise<string | null> {
  const listed = await run(['config', '--list', '--show-scope', '-z']);
  if (listed.code !== 0) return 'dirty state and diff not recorded: the repository configuration could not be read';
  const keys = repositoryKeys(listed.stdout).filter((key) => FILTER_PROGRAM.test(key));
  if (keys.length === 0) return null;
  const named = [...new Set(keys)].slice(0, NAMED_KEYS).join(', ') + (new Set(keys).size > NAMED_KEYS ? ', …' : '');
  return `dirty state and diff not recorded: the repository configures filter programs (${named}); Loupe does not run them`;
}

/** Keys set by the repository's own config, from `git config --list --show-scope -z` (scope NUL key LF value NUL). */
export function repositoryKeys(listing: string): string[] {
  const fields = listing.split('\0');
  const keys: string[] = [];
  for (let i = 0; i + 1 < fields.length; i += 2) {
    if (REPOSITORY_SCOPES.has(fields[i]!)) keys.push(fields[i + 1]!.split('\n')[0]!.slice(0, 200));
  }
  return keys;
}

async function diffHash(run: RunGit): Promise<string | null> {
  const hash = createHash('sha256');
  const result = await run(['diff', '--no-ext-diff', '--no-textconv', '--ignore-submodules=all', '--no-color', 'HEAD', '--', WHOLE_TREE, NOT_CODE], hash);
  return result.code === 0 ? hash.digest('hex') : null;
}

async function readRemote(run: RunGit): Promise<string | null> {
  const names = (await run(['remote'])).stdout.split('\n').filter(Boolean);
  const name = names.includes('origin') ? 'origin' : names[0];
  if (!name) return null;
  const url = await firstLine(run(['remote', 'get-url', '--', name]));
  return url ? redactRemote(url) : null;
}

async function firstLine(result: Promise<GitResult>): Promise<string | null> {
  const { code, stdout } = await result;
  const line = stdout.split('\n')[0]?.trim();
  return code === 0 && line ? line : null;
}

/** The environment git runs in: the caller's without any GIT_* variable, with no prompts, no optional locks and plain messages. */
export function gitEnvironment(inherited: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  // Variable names are data: no prototype, so a variable named `__proto__` is passed on as one.
  const env = Object.create(null) as NodeJS.ProcessEnv;
  for (const [key, value] of Object.entries(inherited)) {
    if (!/^GIT_/i.test(key)) env[key] = value;
  }
  return { ...env, GIT_OPTIONAL_LOCKS: '0', GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' };
}

/** The absolute path of `program` in PATH's absolute folders (a relative entry such as "." would search the workspace). */
export async function findOnPath(program: string, env: NodeJS.ProcessEnv): Promise<string> {
  const pathKey = Object.keys(env).find((key) => key.toUpperCase() === 'PATH') ?? 'PATH';
  const names = process.platform === 'win32' ? [`${program}.exe`] : [program];
  for (const folder of (env[pathKey] ?? '').split(path.delimiter)) {
    if (!path.isAbsolute(folder)) continue;
    for (const name of names) {
      const candidate = path.join(folder, name);
      try {
        await fs.access(candidate, constants.X_OK);
        if ((await fs.stat(candidate)).isFile()) return candidate;
      } catch {
        // not here
      }
    }
  }
  throw new Error(`${program} was not found on PATH`);
}

/** Runs git; stdout is collected as text, or streamed into `hash` (a diff can be large). Rejects only when git cannot start. */
function runGit(git: string, cwd: string, env: NodeJS.ProcessEnv, args: string[], hash?: Hash): Promise<GitResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(git, [...GIT_SAFETY_ARGS, ...args], { cwd, env, stdio: ['ignore', 'pipe', 'ignore'] });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => (hash ? hash.update(chunk) : chunks.push(chunk)));
    const timer = setTimeout(() => child.kill('SIGKILL'), TIMEOUT_MS);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? 1, stdout: Buffer.concat(chunks).toString('utf8') });
    });
  });
}
