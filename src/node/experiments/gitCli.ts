/**
 * The code state of a command-line record, read by running git. Every call runs
 * `git -c core.fsmonitor=false` (a repository's fsmonitor hook would otherwise run a program
 * it names), without external diff or textconv drivers, and without taking optional locks,
 * so recording never blocks or disturbs a git command the user runs at the same time.
 * Changes under `.loupe/` are data (experiments, annotations), not code: they never make
 * the tree dirty. A missing git or a folder outside any repository is recorded, not fatal.
 */
import { spawn } from 'node:child_process';
import { createHash, type Hash } from 'node:crypto';
import { redactRemote } from '../../core/experiments/gitRemote';
import { codeWithoutGit, type CodeState } from '../../core/experiments/schema';

const TIMEOUT_MS = 30_000;
const NOT_CODE = ':(exclude,top).loupe';

interface GitResult {
  code: number;
  stdout: string;
}

export interface GitOptions {
  /** The git program (default "git" on PATH). */
  git?: string;
}

/** Commit, branch, dirty flag, hash of the diff against HEAD, and remote of the repository holding `cwd`. */
export async function readGitState(cwd: string, options: GitOptions = {}): Promise<CodeState> {
  const run = (args: string[], hash?: Hash) => runGit(options.git ?? 'git', cwd, args, hash);
  let top: GitResult;
  try {
    top = await run(['rev-parse', '--show-toplevel']);
  } catch (error) {
    return codeWithoutGit(`git could not be run (${(error as Error).message}); install git or put it on PATH`);
  }
  if (top.code !== 0) return codeWithoutGit(`not in a git repository (${cwd})`);
  const commit = await firstLine(run(['rev-parse', '--verify', '-q', 'HEAD']));
  const branch = await firstLine(run(['symbolic-ref', '--short', '-q', 'HEAD']));
  const status = await run(['status', '--porcelain', '--untracked-files=no', '--', '.', NOT_CODE]);
  const dirty = status.code === 0 ? status.stdout.trim() !== '' : null;
  return { gitAvailable: true, commit, branch, dirty, diffSha256: dirty && commit ? await diffHash(run) : null, remote: await readRemote(run) };
}

async function diffHash(run: (args: string[], hash?: Hash) => Promise<GitResult>): Promise<string | null> {
  const hash = createHash('sha256');
  const result = await run(['diff', 'HEAD', '--no-ext-diff', '--no-textconv', '--no-color', '--', '.', NOT_CODE], hash);
  return result.code === 0 ? hash.digest('hex') : null;
}

async function readRemote(run: (args: string[]) => Promise<GitResult>): Promise<string | null> {
  const names = (await run(['remote'])).stdout.split('\n').filter(Boolean);
  const name = names.includes('origin') ? 'origin' : names[0];
  if (!name) return null;
  const url = await firstLine(run(['remote', 'get-url', name]));
  return url ? redactRemote(url) : null;
}

async function firstLine(result: Promise<GitResult>): Promise<string | null> {
  const { code, stdout } = await result;
  const line = stdout.split('\n')[0]?.trim();
  return code === 0 && line ? line : null;
}

/** Runs git; stdout is collected as text, or streamed into `hash` (a diff can be large). Rejects only when git cannot start. */
function runGit(git: string, cwd: string, args: string[], hash?: Hash): Promise<GitResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(git, ['-c', 'core.fsmonitor=false', ...args], {
      cwd,
      env: { ...process.env, GIT_OPTIONAL_LOCKS: '0', GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' },
      stdio: ['ignore', 'pipe', 'ignore'],
    });
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
