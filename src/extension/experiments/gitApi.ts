/**
 * The code state of a palette record, read through VS Code's built-in git extension (never
 * by running git ourselves in the extension host). Only called in a trusted workspace.
 * Changes under `.loupe/` (experiments, annotations) are data, not code, and untracked files
 * are not part of `git diff HEAD`: neither makes the tree dirty, as with `loupe record`.
 */
import { createHash } from 'node:crypto';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { redactRemote } from '../../core/experiments/gitRemote';
import { codeWithoutGit, type CodeState } from '../../core/experiments/schema';

// The slice of the git extension's API (extensions/git/src/api/git.d.ts, version 1) used here.
interface GitChange {
  readonly uri: vscode.Uri;
  readonly status: number;
}
interface GitRepository {
  readonly rootUri: vscode.Uri;
  readonly state: {
    readonly HEAD: { readonly name?: string; readonly commit?: string } | undefined;
    readonly remotes: readonly { readonly name: string; readonly fetchUrl?: string; readonly pushUrl?: string }[];
    readonly workingTreeChanges: readonly GitChange[];
    readonly indexChanges: readonly GitChange[];
  };
  status(): Promise<void>;
  /** `git diff <ref> -- <path>` (the API's diffWithHEAD is `git diff -- <path>`: the working tree against the index). */
  diffWith(ref: string, path: string): Promise<string>;
}
interface GitApi {
  readonly state: 'uninitialized' | 'initialized';
  readonly onDidChangeState: vscode.Event<'uninitialized' | 'initialized'>;
  readonly repositories: readonly GitRepository[];
  getRepository(uri: vscode.Uri): GitRepository | null;
  /** Opens the repository holding `root`, also when it is in a parent folder of the workspace. */
  openRepository(root: vscode.Uri): Promise<GitRepository | null>;
}
interface GitExtension {
  getAPI(version: 1): GitApi;
}

// Status.UNTRACKED and Status.IGNORED in the git extension's enum.
const NOT_TRACKED = new Set([7, 8]);
const WAIT_FOR_GIT_MS = 10_000;

export async function readVsCodeGitState(root: string): Promise<CodeState> {
  const api = await gitApi();
  if (!api) return codeWithoutGit("VS Code's git extension is disabled or missing");
  const repository = await findRepository(api, vscode.Uri.file(root));
  if (!repository) return codeWithoutGit(`not in a git repository (${root})`);
  await repository.status();
  const { HEAD, remotes } = repository.state;
  const changed = codeChanges(repository);
  const commit = HEAD?.commit ?? null;
  const remote = remotes.find((r) => r.name === 'origin') ?? remotes[0];
  const url = remote?.fetchUrl ?? remote?.pushUrl;
  return {
    gitAvailable: true,
    commit,
    branch: HEAD?.name ?? null,
    dirty: changed.length > 0,
    diffSha256: changed.length > 0 && commit ? await diffHash(repository, changed) : null,
    remote: url ? redactRemote(url) : null,
  };
}

async function gitApi(): Promise<GitApi | undefined> {
  const extension = vscode.extensions.getExtension<GitExtension>('vscode.git');
  if (!extension) return undefined;
  try {
    const exports = extension.isActive ? extension.exports : await extension.activate();
    return exports.getAPI(1);
  } catch {
    return undefined;
  }
}

/**
 * The repository holding `root`, once the git extension has finished looking for repositories.
 * One it has not opened (a workspace in a sub-folder of a repository is left closed by default,
 * `git.openRepositoryInParentFolders`) is opened through its API, as `loupe record` would find it.
 */
async function findRepository(api: GitApi, root: vscode.Uri): Promise<GitRepository | undefined> {
  if (api.state !== 'initialized') await initialized(api);
  return api.getRepository(root) ?? (await api.openRepository(root)) ?? undefined;
}

function initialized(api: GitApi): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, WAIT_FOR_GIT_MS);
    const listener = api.onDidChangeState((state) => state === 'initialized' && done());
    function done(): void {
      clearTimeout(timer);
      listener.dispose();
      resolve();
    }
  });
}

/** Changed tracked files, less those in any `.loupe/` folder of the repository (as `loupe record`). */
function codeChanges(repository: GitRepository): string[] {
  const paths = new Set<string>();
  for (const change of [...repository.state.indexChanges, ...repository.state.workingTreeChanges]) {
    const inRepository = path.relative(repository.rootUri.fsPath, change.uri.fsPath).split(path.sep);
    if (NOT_TRACKED.has(change.status) || inRepository.slice(0, -1).includes('.loupe')) continue;
    paths.add(change.uri.fsPath);
  }
  return [...paths].sort();
}

/** SHA-256 of the changed files' diffs against HEAD (staged and unstaged), in path order, as `git diff HEAD` prints them. */
async function diffHash(repository: GitRepository, paths: readonly string[]): Promise<string | null> {
  const hash = createHash('sha256');
  try {
    for (const file of paths) hash.update(await repository.diffWith('HEAD', file));
  } catch {
    return null;
  }
  return hash.digest('hex');
}
