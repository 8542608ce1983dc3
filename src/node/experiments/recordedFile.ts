import type { Experiment } from '../../core/experiments/schema';
import type { RecordedFileState } from '../../core/experiments/perExample';
import { resolveWorkspaceFile } from '../safePath';
import { sha256File } from './hash';

/**
 * What is at a record's dataset path now, for `perExampleComparability`. The path comes from a
 * file, so it is looked at only inside the workspace: a path leaving it counts as gone.
 */
export async function recordedFileState(root: string, experiment: Experiment, signal?: AbortSignal): Promise<RecordedFileState> {
  if (experiment.data.path === null) return { exists: false };
  const resolved = await resolveWorkspaceFile(root, experiment.data.path, Number.MAX_SAFE_INTEGER);
  if (!resolved.ok) return { exists: false };
  return { exists: true, sha256: await sha256File(resolved.path, { signal }) };
}
