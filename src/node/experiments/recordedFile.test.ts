import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { it } from 'node:test';
import { buildExperiment, codeWithoutGit, type Experiment } from '../../core/experiments/schema';
import { recordedFileState } from './recordedFile';

const record = (recordedPath: string | null): Experiment => buildExperiment({ name: 'r', code: codeWithoutGit('test'), data: { path: recordedPath }, source: { kind: 'cli' } }, 'r', '2024-01-01T00:00:00.000Z');

it('hashes a record\'s dataset as it is now, and looks only inside the workspace', async () => {
  const parent = mkdtempSync(path.join(os.tmpdir(), 'loupe-recorded-'));
  const root = path.join(parent, 'ws');
  mkdirSync(path.join(root, 'data'), { recursive: true });
  const text = 'id,label,prediction\n1,a,a\n';
  writeFileSync(path.join(root, 'data', 'v1.csv'), text);
  writeFileSync(path.join(parent, 'outside.csv'), text);
  assert.deepEqual(await recordedFileState(root, record('data/v1.csv')), { exists: true, sha256: createHash('sha256').update(text).digest('hex') });
  assert.deepEqual(await recordedFileState(root, record('../outside.csv')), { exists: false });
  assert.deepEqual(await recordedFileState(root, record('data/nope.csv')), { exists: false });
  assert.deepEqual(await recordedFileState(root, record(null)), { exists: false });
});
