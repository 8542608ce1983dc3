import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { categoricalCases, ksTwoSampleCases } from '../../core/drift/fixtures/driftReference';
import { CliError } from '../cliError';
import { runDrift } from './drift';

interface DriftColumnJson {
  name: string;
  kind: string;
  psi?: number;
  chi2?: number;
  chi2P?: number;
  ks?: { d: number; p: number };
  missing: { reference: number; current: number };
  newCategories: string[];
  drifted: boolean;
}

function pair(reference: string, current: string): [string, string] {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'loupe-cli-drift-'));
  writeFileSync(path.join(dir, 'reference.csv'), reference);
  writeFileSync(path.join(dir, 'current.csv'), current);
  return [path.join(dir, 'reference.csv'), path.join(dir, 'current.csv')];
}

function csv(header: string, rows: (string | number)[][]): string {
  return `${header}\n${rows.map((r) => r.join(',')).join('\n')}\n`;
}

function column(values: (string | number)[]): string {
  return csv('id,value', values.map((v, i) => [i, v]));
}

async function drift(files: [string, string], options: { columns?: string; failOnDrift?: boolean } = {}) {
  const { output, exitCode } = await runDrift(files[0], files[1], { json: true, ...options });
  const json = JSON.parse(output) as { rows: { reference: number; current: number }; columns: DriftColumnJson[]; driftedColumns: number; onlyInReference: string[]; onlyInCurrent: string[] };
  return { json, exitCode, byName: new Map(json.columns.map((c) => [c.name, c])) };
}

const close = (actual: number | undefined, expected: number, what: string) => assert.ok(actual !== undefined && Math.abs(actual - expected) <= 1e-10 * Math.max(1, Math.abs(expected)), `${what}: ${actual} vs ${expected}`);

describe('loupe drift matches scipy (the core fixtures)', () => {
  for (const name of ['moved-with-new', 'missing-as-category', 'hostile-names']) {
    it(`categorical label: ${name}`, async () => {
      const c = categoricalCases.find((k) => k.name === name)!;
      const files = pair(csv('id,label', c.reference.map((v, i) => [i, v])), csv('id,label', c.current.map((v, i) => [i, v])));
      const { byName } = await drift(files);
      const label = byName.get('label')!;
      assert.equal(label.kind, 'categorical');
      close(label.psi, c.psi, 'psi');
      close(label.chi2, c.chi2, 'chi2');
      assert.ok(Math.abs(label.chi2P! - c.p) <= 1e-12 + 1e-9 * c.p, `p ${label.chi2P} vs ${c.p}`);
      assert.deepEqual(label.newCategories, c.newCategories);
      assert.equal(label.drifted, c.psi >= 0.25);
      assert.equal(byName.has('id'), false, 'the id column is not compared');
    });
  }
  for (const name of ['moderate-shift', 'same-distribution']) {
    it(`numeric column: ${name}`, async () => {
      const c = ksTwoSampleCases.find((k) => k.name === name)!;
      const { byName } = await drift(pair(column(c.reference), column(c.current)));
      const value = byName.get('value')!;
      assert.equal(value.kind, 'numeric');
      assert.equal(value.ks!.d, c.d);
      close(value.ks!.p, c.p!, 'ks p');
      assert.deepEqual(value.newCategories, []);
      assert.equal(value.drifted, c.d >= 0.1 && c.p! < 0.05);
    });
  }
});

describe('loupe drift over two versions of a label file', () => {
  const rows = (shift: number, n = 200) =>
    Array.from({ length: n }, (_, i) => [i, `${'word '.repeat(2 + ((i + shift) % 7))}end`, i % 4 === 0 ? '' : ['car', 'home', 'street'][(i + shift) % 3], i + 0.5 + shift, i % 3 ? 'yes' : 'no']);
  const header = 'id,text,device,duration,label';

  it('identical files: nothing drifted, PSI 0, KS D 0', async () => {
    const content = csv(header, rows(0));
    const { json, exitCode, byName } = await drift(pair(content, content), { failOnDrift: true });
    assert.equal(exitCode, 0);
    assert.equal(json.driftedColumns, 0);
    assert.deepEqual(json.columns.map((c) => [c.name, c.kind]), [['text', 'text'], ['device', 'categorical'], ['duration', 'numeric'], ['label', 'categorical']]);
    assert.equal(byName.get('device')!.psi, 0);
    assert.deepEqual(byName.get('duration')!.ks, { d: 0, p: 1 });
    assert.deepEqual(byName.get('device')!.missing, { reference: 50 / 200, current: 50 / 200 });
  });

  it('a shifted copy drifts, and --fail-on-drift exits 1', async () => {
    const shifted = rows(0).map((r) => [r[0], `${r[1]} and more words here`, r[2] === '' ? 'plane' : r[2], (r[3] as number) + 40, r[4]]);
    const files = pair(csv(header, rows(0)), csv(header, shifted));
    const { json, exitCode, byName } = await drift(files, { failOnDrift: true });
    assert.equal(exitCode, 1);
    assert.equal(byName.get('text')!.drifted, true, 'longer texts');
    assert.equal(byName.get('duration')!.drifted, true);
    // Independent: 200 distinct values 0.5…199.5 against the same plus 40 → D = 40/200.
    close(byName.get('duration')!.ks!.d, 0.2, 'duration D');
    assert.equal(byName.get('device')!.drifted, true);
    assert.deepEqual(byName.get('device')!.newCategories, ['plane']);
    assert.deepEqual(byName.get('device')!.missing, { reference: 0.25, current: 0 });
    assert.equal(byName.get('label')!.drifted, false);
    assert.equal(json.driftedColumns, 3);
    assert.equal((await drift(files)).exitCode, 0, 'without --fail-on-drift');
    assert.deepEqual((await drift(files, { columns: 'label' })).json.columns.map((c) => c.name), ['label']);
  });

  it('reports columns present in only one file', async () => {
    const { json } = await drift(pair('id,label,old\n1,a,x\n2,b,y\n', 'id,label,__proto__\n1,a,constructor\n2,b,toString\n'));
    assert.deepEqual(json.onlyInReference, ['old']);
    assert.deepEqual(json.onlyInCurrent, ['__proto__']);
    assert.deepEqual(json.columns.map((c) => c.name), ['label']);
  });

  it('keeps hostile column and category names as data', async () => {
    const before = Object.getOwnPropertyNames(Object.prototype).sort();
    const { byName } = await drift(pair('id,__proto__\n1,toString\n2,toString\n', 'id,__proto__\n1,constructor\n2,__proto__\n'));
    assert.deepEqual(byName.get('__proto__')!.newCategories, ['__proto__', 'constructor']);
    assert.equal(byName.get('__proto__')!.drifted, true);
    assert.deepEqual(Object.getOwnPropertyNames(Object.prototype).sort(), before);
  });

  it('refuses a corrupt file with exit 2, and unknown --columns', async () => {
    await assert.rejects(runDrift(...pair('id,label\n1,a\n', 'id,label\n1,"a\n2,b\n'), { json: true }), (e: unknown) => e instanceof CliError && e.exitCode === 2 && /not read correctly/.test(e.message));
    await assert.rejects(runDrift(...pair('id,label\n1,a\n', 'id,label\n1,a\n'), { json: true, columns: 'nope' }), /no column named "nope"/);
  });
});
