import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { CliError } from '../cliError';
import { runAudit, type AuditCliOptions } from './audit';

/** A workspace (it has .loupe/) holding labels.csv and the given files. */
function workspace(csv: string, files: Record<string, string> = {}): { root: string; file: string } {
  const outer = mkdtempSync(path.join(os.tmpdir(), 'loupe-cli-checks-'));
  const root = path.join(outer, 'project');
  mkdirSync(path.join(root, '.loupe'), { recursive: true });
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    writeFileSync(path.join(root, name), content);
  }
  writeFileSync(path.join(root, 'labels.csv'), csv);
  return { root, file: path.join(root, 'labels.csv') };
}

async function audit(file: string, options: Partial<AuditCliOptions> = {}) {
  const { output, exitCode } = await runAudit(file, { json: true, md: false, failOnFlagged: false, ...options }, ['audit']);
  return { report: JSON.parse(output), exitCode };
}

const CORPUS = [
  'id,text,label,prediction,split',
  '1,The cat,pos,pos,train',
  '2,"the  CAT ",neg,neg,test',
  '3,dog,pos,pos,train',
  '4,Dog,pos,neg,train',
  '5,bird,neg,neg,dev',
  '6,fish,__proto__,__proto__,train',
  '7,FISH,constructor,x,train',
  '8,unique,pos,pos,test',
  '9,,pos,pos,test',
  '10,  ,neg,neg,train',
].join('\n');

describe('loupe audit: data checks', () => {
  it('counts duplicate, conflicting and leaked groups of normalized inputs', async () => {
    const { file } = workspace(CORPUS);
    const { report, exitCode } = await audit(file);
    const checks = report.dataChecks;
    assert.equal(exitCode, 0);
    assert.equal(checks.inputColumn, 'text');
    assert.equal(checks.splitColumn, 'split');
    assert.equal(checks.keyedRows, 8, 'blank inputs have no key');
    assert.equal(checks.duplicateGroups, 3);
    assert.equal(checks.duplicateRows, 6);
    assert.equal(checks.conflictingGroups, 2);
    assert.equal(checks.leakedGroups, 1);
    assert.deepEqual(checks.examples[0], { rows: [1, 2], lines: [2, 3], size: 2, labels: ['pos', 'neg'], splits: ['train', 'test'], conflict: true, leaked: true });
    assert.deepEqual(checks.examples[1].labels, ['__proto__', 'constructor'], 'hostile labels are data');
    assert.equal(checks.media, null);
  });

  it('--fail-on-leakage exits 1 on leakage, 0 without; --split-column chooses the column', async () => {
    const { file } = workspace(CORPUS);
    assert.equal((await audit(file, { failOnLeakage: true })).exitCode, 1);
    const clean = workspace(CORPUS.replace('2,"the  CAT ",neg,neg,test', '2,"the  CAT ",neg,neg,train'));
    assert.equal((await audit(clean.file, { failOnLeakage: true })).exitCode, 0);
    const byLabel = await audit(file, { splitColumn: 'prediction' });
    assert.equal(byLabel.report.dataChecks.splitColumn, 'prediction');
    assert.equal(byLabel.report.dataChecks.leakedGroups, 3, 'every duplicate group differs in prediction');
    await assert.rejects(audit(file, { splitColumn: 'nope' }), /--split-column nope: no such column/);
  });

  it('the markdown report has a Data checks section', async () => {
    const { file } = workspace(CORPUS);
    const { output } = await runAudit(file, { json: false, md: true, failOnFlagged: false }, ['audit']);
    assert.match(output, /## Data checks/);
    assert.match(output, /- 3 duplicate groups covering 6 rows/);
    assert.match(output, /- 1 leaked group /);
  });

  it('media paths are compared by content, read only inside the workspace', async () => {
    const outside = mkdtempSync(path.join(os.tmpdir(), 'loupe-outside-'));
    writeFileSync(path.join(outside, 'secret.wav'), 'same bytes');
    const csv = [
      'id,audio,label,prediction,split',
      '1,clips/a.wav,yes,yes,train',
      '2,clips/copy-of-a.wav,no,no,test',
      '3,clips/b.wav,yes,yes,train',
      '4,clips/missing.wav,yes,yes,train',
      '5,clips/link.wav,yes,yes,test',
      `6,${path.join(outside, 'secret.wav')},yes,yes,test`,
      '7,clips/b.wav,yes,yes,train',
    ].join('\n');
    const { file, root } = workspace(csv, { 'clips/a.wav': 'same bytes', 'clips/copy-of-a.wav': 'same bytes', 'clips/b.wav': 'other bytes' });
    symlinkSync(path.join(outside, 'secret.wav'), path.join(root, 'clips', 'link.wav'));
    const checks = (await audit(file)).report.dataChecks;
    assert.deepEqual({ hashed: checks.media.hashed, unreadable: checks.media.unreadable }, { hashed: 4, unreadable: 3 });
    assert.deepEqual(checks.media.unreadableExamples.map((u: { row: number }) => u.row), [4, 5, 6]);
    assert.match(checks.media.unreadableExamples[1].reason, /outside the workspace/);
    assert.equal(checks.duplicateGroups, 2, 'a.wav and its copy by content; b.wav twice by path');
    assert.equal(checks.conflictingGroups, 1);
    assert.equal(checks.leakedGroups, 1, 'the outside file and the link are never hashed, so they leak nothing');
  });

  it('a file without an input column reports null; a corrupt file is refused with exit 2', async () => {
    const { file } = workspace('id,label,prediction\n1,a,a\n2,b,a\n');
    assert.equal((await audit(file)).report.dataChecks, null);
    const corrupt = workspace('id,text,label,prediction\n1,"x,a,a\n2,y,b,b\n');
    await assert.rejects(audit(corrupt.file), (e: unknown) => e instanceof CliError && e.exitCode === 2);
  });
});
