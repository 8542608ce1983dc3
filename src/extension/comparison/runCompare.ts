import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { comparisonReportSchema, type ComparisonReport } from '../../protocol/comparison';

/** `loupe compare` refused or failed: its message, with the file and line it names. */
export class CompareFailedError extends Error {
  override readonly name = 'CompareFailedError';
}

/** Comparing was cancelled by the user. */
export class CompareCancelledError extends Error {
  override readonly name = 'AbortError';
}

const MAX_OUTPUT = 64 * 1024 * 1024;

/** The CLI bundled with the extension, as arguments of the host's runtime. */
export function bundledCli(extensionPath: string): string[] {
  return [path.join(extensionPath, 'dist', 'cli', 'loupe.js')];
}

/**
 * Runs the CLI (`cli`: the bundled one, `bundledCli`) with the extension host's own runtime on
 * the arguments of `compareArguments`: the comparison is computed in another process (the host
 * stays responsive, cancelling kills it) and the view shows exactly what `loupe compare --json` prints.
 */
export function runCompare(cli: readonly string[], args: string[], options: { cwd: string; signal?: AbortSignal }): Promise<CompareResult> {
  // Inside Electron the host's runtime acts as Node only when told so.
  const child = spawn(process.execPath, [...cli, ...args], { cwd: options.cwd, env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
  const onAbort = () => child.kill();
  options.signal?.addEventListener('abort', onAbort);
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  let size = 0;
  child.stdout.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size > MAX_OUTPUT) child.kill();
    else out.push(chunk);
  });
  child.stderr.on('data', (chunk: Buffer) => void err.push(chunk));
  return new Promise<CompareResult>((resolve, reject) => {
    child.on('error', (error) => reject(new CompareFailedError(`could not run loupe compare (${error.message})`)));
    child.on('close', (code) => {
      if (options.signal?.aborted) return reject(new CompareCancelledError('cancelled'));
      const stderr = stderrLines(Buffer.concat(err).toString('utf8'));
      if (code !== 0) return reject(new CompareFailedError(stderr.length > 0 ? stderr.join('\n') : `loupe compare stopped (exit code ${code ?? 'none'})`));
      try {
        resolve({ report: parseReport(Buffer.concat(out).toString('utf8')), warnings: stderr });
      } catch (error) {
        reject(error as Error);
      }
    });
  }).finally(() => options.signal?.removeEventListener('abort', onAbort));
}

export interface CompareResult {
  report: ComparisonReport;
  /** What the CLI said on stderr while succeeding (an unreadable sidecar line, tags.json not used). */
  warnings: string[];
}

/** The CLI's stderr lines without its `loupe: ` prefix. */
export function stderrLines(stderr: string): string[] {
  return stderr.split('\n').map((l) => l.replace(/^loupe: /, '').trimEnd()).filter((l) => l !== '');
}

export function parseReport(stdout: string): ComparisonReport {
  let json: unknown;
  try {
    json = JSON.parse(stdout);
  } catch {
    throw new CompareFailedError('loupe compare printed something that is not JSON');
  }
  const parsed = comparisonReportSchema.safeParse(json);
  if (!parsed.success) throw new CompareFailedError(`loupe compare printed an unexpected report (${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message})`);
  return parsed.data;
}
