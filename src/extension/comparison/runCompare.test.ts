import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { mcnemarTest } from '../../core/modelComparison/mcnemar';
import { compareArguments } from './comparisonSource';
import { CompareFailedError, parseReport, runCompare, stderrLines } from './runCompare';

// The CLI from source, as the extension runs the bundled one: in its own process.
const TSX = pathToFileURL(path.join(__dirname, '..', '..', '..', 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;
const CLI = ['--import', TSX, path.join(__dirname, '..', '..', 'cli', 'loupe.ts')];

describe('running loupe compare for the Comparison view', () => {
  let root: string;
  before(async () => {
    root = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), 'loupe-compare-view-')));
    await fs.mkdir(path.join(root, '.loupe'));
    // A and B: rows 1-2 both right, 3-5 fixed, 6 broken, 7 both wrong; row 8 has no B and is left out.
    const rows = ['id,label,prediction,pred_v2,device', '1,x,x,x,phone', '2,y,y,y,phone', '3,x,y,x,phone', '4,y,x,y,laptop', '5,x,y,x,laptop', '6,y,y,x,laptop', '7,x,y,y,phone', '8,x,x,,phone'];
    await fs.writeFile(path.join(root, 'labels.csv'), rows.join('\n') + '\n');
    await fs.writeFile(path.join(root, 'a.csv'), 'id,label,prediction\n1,x,x\n2,y,y\n3,x,y\n9,x,x\n');
    await fs.writeFile(path.join(root, 'b.csv'), 'id,label,prediction\n1,x,x\n2,x,x\n3,x,x\n10,y,y\n');
    await fs.writeFile(path.join(root, 'broken.csv'), 'id,label,prediction,pred_v2\n1,x,"x,x\n');
  });
  after(() => fs.rm(root, { recursive: true, force: true }));

  it('returns the report of two columns of one file, checked against its schema', async () => {
    const { report, warnings } = await runCompare(CLI, compareArguments({ kind: 'columns', file: path.join(root, 'labels.csv'), a: 'prediction', b: 'pred_v2' }), { cwd: root });
    assert.deepEqual([report.n, report.skipped, report.bothRight, report.fixed, report.broken, report.bothWrong], [7, 1, 2, 3, 1, 1]);
    assert.deepEqual(report.mcnemar, mcnemarTest(3, 1));
    assert.deepEqual([report.accuracyA, report.accuracyB], [3 / 7, 5 / 7]);
    assert.deepEqual(report.perSlice.map((s) => [s.value, s.n, s.fixed, s.broken]), [['laptop', 3, 2, 1], ['phone', 4, 1, 0]]);
    assert.deepEqual(warnings, []);
  });

  it('matches two files by id, counting and listing the rows of one file only and the labels that differ', async () => {
    const { report } = await runCompare(CLI, compareArguments({ kind: 'files', fileA: path.join(root, 'a.csv'), fileB: path.join(root, 'b.csv') }), { cwd: root });
    assert.deepEqual([report.n, report.unmatched.onlyA, report.unmatched.onlyAIds, report.unmatched.onlyB, report.unmatched.onlyBIds], [3, 1, ['9'], 1, ['10']]);
    assert.deepEqual([report.labelMismatches.count, report.labelMismatches.examples], [1, [{ id: '2', labelA: 'y', labelB: 'x' }]]);
    assert.deepEqual([report.fixed, report.broken], [1, 1]);
  });

  it('gives no figures for a file with an error-level problem: the error names the file and line', async () => {
    await assert.rejects(runCompare(CLI, compareArguments({ kind: 'columns', file: path.join(root, 'broken.csv'), a: 'prediction', b: 'pred_v2' }), { cwd: root }), (error: Error) => {
      assert.ok(error instanceof CompareFailedError);
      assert.match(error.message, /broken\.csv/);
      assert.match(error.message, /:2\b|line 2/);
      return true;
    });
  });

  it('says which column is missing', async () => {
    await assert.rejects(runCompare(CLI, compareArguments({ kind: 'columns', file: path.join(root, 'labels.csv'), a: 'prediction', b: 'nope' }), { cwd: root }), /no column named "nope"/);
  });

  it('stops when cancelled', async () => {
    const controller = new AbortController();
    const running = runCompare(CLI, compareArguments({ kind: 'columns', file: path.join(root, 'labels.csv'), a: 'prediction', b: 'pred_v2' }), { cwd: root, signal: controller.signal });
    controller.abort();
    await assert.rejects(running, { name: 'AbortError' });
  });

  it('refuses output that is not a report', () => {
    assert.throws(() => parseReport('not json'), /not JSON/);
    assert.throws(() => parseReport('{"n": 1}'), /unexpected report/);
    assert.deepEqual(stderrLines('loupe: a.csv:3: unterminated quote\n\nloupe: warning: x\n'), ['a.csv:3: unterminated quote', 'warning: x']);
  });
});
