/** `loupe experiments --compare`: records side by side, with each tag's size and a population flag (the CLI in its own process, for exit codes). */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const CLI = path.join(__dirname, '..', 'loupe.ts');
const TSX = pathToFileURL(path.join(__dirname, '..', '..', '..', 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;

async function loupe(cwd: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', TSX, CLI, ...args], { cwd, env: { ...process.env, GIT_CEILING_DIRECTORIES: path.dirname(cwd) } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

// "blurry" holds rows 2 and 4; the fixed copy changes row 2's label (a label fix), so the tag's accuracy moves with no model change.
const LABELS = 'id,label,prediction,tags,device\n1,a,a,,phone\n2,b,a,blurry,phone\n3,b,b,,laptop\n4,a,a,blurry,laptop\n';
const FIXED = LABELS.replace('2,b,a,blurry', '2,a,a,blurry');

interface Group {
  group: string;
  n: (number | null)[];
  samePopulation: boolean;
  populationReasons: string[];
  metrics: { name: string; outcomes: string[] }[];
}

describe('loupe experiments --compare', () => {
  let root: string;
  before(async () => {
    root = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), 'loupe-compare-records-')));
    await fs.mkdir(path.join(root, '.loupe'));
    await fs.writeFile(path.join(root, 'labels.csv'), LABELS);
    await fs.writeFile(path.join(root, 'labels-fixed.csv'), FIXED);
    for (const [name, file] of [['before', 'labels.csv'], ['again', 'labels.csv'], ['after fixes', 'labels-fixed.csv']]) {
      const r = await loupe(root, 'record', '--name', name, '--dataset', file, '--score');
      assert.equal(r.code, 0, r.stderr);
    }
  });

  it('states each tag and slice size in both records and marks a label-fixed copy as another population (exit 0)', async () => {
    const r = await loupe(root, 'experiments', '--compare', 'before', '--compare', 'after fixes', '--json');
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout) as { sameDataset: boolean; perTag: Group[]; perSlice: Group[] };
    assert.equal(out.sameDataset, false);
    const blurry = out.perTag.find((g) => g.group === 'blurry')!;
    assert.deepEqual([blurry.n, blurry.samePopulation, blurry.populationReasons], [[2, 2], false, ['different-dataset']]);
    assert.deepEqual(blurry.metrics.find((m) => m.name === 'accuracy')?.outcomes, ['reference', 'different-population'], 'no gain drawn');
    assert.deepEqual(out.perSlice.find((g) => g.group === 'device=phone')?.n, [2, 2]);
    const text = await loupe(root, 'experiments', '--compare', 'before', '--compare', 'after fixes');
    assert.match(text.stdout, /blurry: n = 2 \| 2 — different populations, not a model change:\n {6}computed on different dataset contents/);
    assert.match(text.stdout, /accuracy: 0\.5 {2}\| {2}1 \(\+0\.5 ≠ examples\)/);
  });

  it('keeps ▲/▼ for two records of the same file and tags', async () => {
    const out = JSON.parse((await loupe(root, 'experiments', '--compare', 'before', '--compare', 'again', '--json')).stdout) as { perTag: Group[] };
    assert.deepEqual(out.perTag.find((g) => g.group === 'blurry')?.samePopulation, true);
  });

  it('exits 2 on an unknown record or a single one', async () => {
    const unknown = await loupe(root, 'experiments', '--compare', 'before', '--compare', 'nope');
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /no experiment with the id or name "nope"/);
    const single = await loupe(root, 'experiments', '--compare', 'before');
    assert.equal(single.code, 2);
    assert.match(single.stderr, /--compare needs two or more experiments/);
  });
});
