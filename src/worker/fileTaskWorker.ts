/** Worker thread entry: runs one file task (workerData), posts progress, then its result or why it failed. */
import { join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { compareLoadedFiles } from '../node/driftFiles';
import { loadWithSettings, type SettledFile } from '../node/loadWithSettings';
import { releaseLoadedFile } from '../node/loadDataset';
import { splitLoadedFile, SplitFileError } from '../node/splitFile';
import type { FileTask, FileTaskEvent, FileTaskFailure, FileTaskPayloads, FileTaskResults } from '../protocol/fileTasks';
import { noun } from '../core/plural';

const port = parentPort!;
const post = (event: FileTaskEvent) => port.postMessage(event);

class TaskFailure extends Error {
  constructor(readonly failure: FileTaskFailure) {
    super(failure.message);
  }
}

/** A file read with its settings; error-level CSV problems stop the task (no figure from a misread file). */
async function load(file: string): Promise<SettledFile> {
  post({ type: 'progress', message: `reading ${file}…` });
  const loaded = await loadWithSettings(file, { partWorker: join(__dirname, 'parsePartWorker.js') });
  if (loaded.dataset.columns.length === 0) throw new TaskFailure({ code: 'other', message: `${file}:1: empty file: no header (a label file starts with a header row naming its columns)` });
  const errors = loaded.dataset.problems.filter((p) => p.severity === 'error');
  if (errors.length > 0) {
    const where = errors.slice(0, 3).map((p) => `line ${p.line}: ${p.message}`).join('; ');
    throw new TaskFailure({ code: 'csvProblems', file, problems: errors, message: `${file} has ${errors.length} error-level CSV ${noun(errors.length, 'problem')}, so it was not read correctly and no figure is shown (${where}). Fix the file (or its encoding in .loupe/config.json) and try again.` });
  }
  return loaded;
}

async function drift(task: FileTaskPayloads['drift']): Promise<FileTaskResults['drift']> {
  const reference = await load(task.reference);
  const current = await load(task.current);
  try {
    post({ type: 'progress', message: 'comparing columns…' });
    const { json, distributions } = await compareLoadedFiles(reference, current, null);
    return { json, distributions };
  } finally {
    await Promise.all([releaseLoadedFile(reference), releaseLoadedFile(current)]);
  }
}

async function split(task: FileTaskPayloads['split']): Promise<FileTaskResults['split']> {
  const loaded = await load(task.file);
  try {
    post({ type: 'progress', message: 'splitting and writing the new file…' });
    return await splitLoadedFile(task.file, loaded, task.options);
  } catch (error) {
    if (error instanceof SplitFileError) {
      const code = error.code === 'columnExists' || error.code === 'outputExists' || error.code === 'isInput' ? error.code : 'other';
      throw new TaskFailure({ code, message: error.message });
    }
    throw error;
  } finally {
    await releaseLoadedFile(loaded);
  }
}

async function run(task: FileTask): Promise<FileTaskResults[FileTask['type']]> {
  switch (task.type) {
    case 'drift':
      return drift(task);
    case 'split':
      return split(task);
  }
}

run(workerData as FileTask).then(
  (result) => post({ type: 'result', result }),
  (error: unknown) => post({ type: 'failure', failure: error instanceof TaskFailure ? error.failure : { code: 'other', message: error instanceof Error ? error.message : String(error) } }),
);
