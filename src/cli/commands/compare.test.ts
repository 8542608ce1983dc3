import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { CliError } from '../cliError';
import { runCompare, type CompareOptions } from './compare';
import { aCsv, bCsv, oneCsv, oneExpected, sidecarLines, twoExpected } from './fixtures/compareReference';

/** A project folder with label files and, for the named ones, the reference sidecar. */
function project(files: Record<string, string>, sidecarFor: string[] = []): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'loupe-cli-compare-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(root, name), text);
  if (sidecarFor.length > 0) mkdirSync(path.join(root, '.loupe', 'annotations'), { recursive: true });
  for (const name of sidecarFor) {
    const header = JSON.stringify({ loupe: 'annotations', version: 1, dataset: name, key: 'id' });
    writeFileSync(path.join(root, '.loupe', 'annotations', `${name}.jsonl`), [header, ...sidecarLines, ''].join('\n'));
  }
  return root;
}

async function compareJson(files: string[], options: Partial<CompareOptions> = {}) {
  const { output, exitCode } = await runCompare(files, { json: true, ...options });
  return { out: JSON.parse(output), exitCode };
}

interface Group {
  n: number;
  accuracyA: number | null;
  accuracyB: number | null;
  delta: number | null;
  fixed?: number;
  broken?: number;
}

const close = (x: number | null, y: number | null, what: string) => assert.ok(x === y || (x !== null && y !== null && Math.abs(x - y) < 1e-12), `${what}: ${x} vs ${y}`);

function assertSameComparison(out: Record<string, unknown> & { perTag: (Group & { tag: string })[]; perSlice: (Group & { column: string; value: string })[] }, ref: typeof oneExpected): void {
  for (const key of ['n', 'skipped', 'bothRight', 'fixed', 'broken', 'bothWrong'] as const) assert.equal(out[key], ref[key], key);
  for (const key of ['accuracyA', 'accuracyB', 'macroF1A', 'macroF1B'] as const) close(out[key] as number, ref[key], key);
  const m = out.mcnemar as typeof ref.mcnemar;
  assert.ok(Math.abs(m.exactP - ref.mcnemar.exactP) <= 1e-9 * ref.mcnemar.exactP, `exact p ${m.exactP}`);
  close(m.chi2, ref.mcnemar.chi2, 'chi2');
  assert.ok(Math.abs(m.chi2P! - ref.mcnemar.chi2P) <= 1e-9 * ref.mcnemar.chi2P, `chi2 p ${m.chi2P}`);
  assert.deepEqual((out.perClass as { class: string }[]).map((c) => c.class), ref.perClass.map((c) => c.class));
  (out.perClass as typeof ref.perClass).forEach((c, k) => {
    assert.equal(c.support, ref.perClass[k].support);
    close(c.recallA, ref.perClass[k].recallA, `recall A ${c.class}`);
    close(c.recallB, ref.perClass[k].recallB, `recall B ${c.class}`);
  });
  const tags = new Map<string, Group>(Object.entries(ref.perTag));
  assert.deepEqual(out.perTag.map((g) => g.tag).sort(), [...tags.keys()].sort());
  for (const g of out.perTag) assertGroup(g, tags.get(g.tag)!, `tag ${g.tag}`);
  const slices = new Map<string, Group>(Object.entries(ref.perSlice));
  assert.deepEqual(out.perSlice.map((g) => `${g.column}=${g.value}`).sort(), [...slices.keys()].sort());
  for (const g of out.perSlice) assertGroup(g, slices.get(`${g.column}=${g.value}`)!, `slice ${g.value}`);
  for (const groups of [out.perTag, out.perSlice]) {
    const sizes = groups.map((g) => Math.abs(g.delta ?? 0));
    assert.deepEqual(sizes, [...sizes].sort((x, y) => y - x), 'largest change first');
  }
}

function assertGroup(g: Group & { small?: boolean }, ref: Group, what: string): void {
  assert.equal(g.n, ref.n, `${what} n`);
  close(g.accuracyA, ref.accuracyA, `${what} accuracy A`);
  close(g.accuracyB, ref.accuracyB, `${what} accuracy B`);
  close(g.delta, ref.delta, `${what} delta`);
  assert.deepEqual([g.fixed, g.broken], [ref.fixed, ref.broken], `${what} fixed, broken`);
  assert.equal(g.small, ref.n < 30, `${what} small`);
}

describe('loupe compare', () => {
  it('two prediction columns of one file: counts, McNemar, per class, per tag (sidecar applied) and per slice equal pandas, scikit-learn and statsmodels', async () => {
    const root = project({ 'one.csv': oneCsv }, ['one.csv']);
    const { out, exitCode } = await compareJson([path.join(root, 'one.csv')], { a: 'pred_v1', b: 'pred_v2' });
    assert.equal(exitCode, 0);
    assertSameComparison(out, oneExpected);
    assert.deepEqual(out.unmatched, { onlyA: 0, onlyB: 0, onlyAIds: [], onlyBIds: [], repeatedIdsA: 0, repeatedIdsB: 0 });
    assert.deepEqual(out.columns, { label: 'label', a: 'pred_v1', b: 'pred_v2' });
  });

  it('two files matched by id: only matched examples count, unmatched ids are listed, differing labels reported, tags compared where both files carry them', async () => {
    const root = project({ 'a.csv': aCsv, 'b.csv': bCsv }, ['a.csv']);
    const { out } = await compareJson([path.join(root, 'a.csv'), path.join(root, 'b.csv')]);
    assertSameComparison(out, twoExpected as unknown as typeof oneExpected);
    assert.equal(out.unmatched.onlyA, twoExpected.onlyA.length);
    assert.equal(out.unmatched.onlyB, twoExpected.onlyB.length);
    assert.deepEqual([...out.unmatched.onlyAIds].sort(), twoExpected.onlyA);
    assert.deepEqual([...out.unmatched.onlyBIds].sort(), twoExpected.onlyB);
    assert.deepEqual(out.labelMismatches, { count: twoExpected.labelMismatches.length, examples: twoExpected.labelMismatches, checked: true });
    assert.match(out.perTagRows, /in both files/);
    const text = (await runCompare([path.join(root, 'a.csv'), path.join(root, 'b.csv')], { json: false })).output;
    assert.match(text, /8 only in A \(ex000, ex001/);
    assert.match(text, /labels differ between the files on 4 matched examples/);
    assert.match(text, /\| A right \| 135 both right \| 19 broken \|/);
    assert.match(text, /B is significantly better/);
  });

  it('lists at most 20 unmatched ids and counts them all', async () => {
    const rows = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => `r${from + i},x,x`).join('\n');
    const root = project({ 'a.csv': `id,label,prediction\n${rows(0, 50)}\n`, 'b.csv': `id,label,prediction\n${rows(25, 100)}\n` });
    const { out } = await compareJson([path.join(root, 'a.csv'), path.join(root, 'b.csv')]);
    assert.deepEqual([out.n, out.unmatched.onlyA, out.unmatched.onlyAIds.length, out.unmatched.onlyB, out.unmatched.onlyBIds.length], [25, 25, 20, 50, 20]);
    assert.equal(out.unmatched.onlyAIds[0], 'r0');
  });

  it('--fail-if-worse exits 1 only when B is significantly worse', async () => {
    const file = path.join(project({ 'one.csv': oneCsv }), 'one.csv');
    assert.equal((await runCompare([file], { json: false, a: 'pred_v1', b: 'pred_v2', failIfWorse: true })).exitCode, 0, 'B better');
    const worse = await runCompare([file], { json: false, a: 'pred_v2', b: 'pred_v1', failIfWorse: true });
    assert.equal(worse.exitCode, 1);
    assert.match(worse.output, /B is significantly worse/);
    assert.equal((await runCompare([file], { json: false, a: 'pred_v2', b: 'pred_v1' })).exitCode, 0, 'no gate without the flag');
    const even = path.join(project({ 'even.csv': 'id,label,p,q\n1,a,a,b\n2,a,b,a\n3,b,b,a\n' }), 'even.csv');
    assert.equal((await runCompare([even], { json: false, a: 'p', b: 'q', failIfWorse: true })).exitCode, 0, 'more broken, not significant');
  });

  it('keeps hostile ids, tags, classes and column names as data', async () => {
    const a = 'id,label,prediction,tags\n__proto__,constructor,constructor,__proto__\nconstructor,__proto__,constructor,constructor\ntoString,__proto__,__proto__,__proto__\nhasOwnProperty,constructor,constructor,\n';
    const b = 'id,label,prediction,tags\ntoString,__proto__,constructor,__proto__\nconstructor,__proto__,__proto__,constructor\n__proto__,constructor,constructor,__proto__|constructor\nvalueOf,x,x,\n';
    const root = project({ 'a.csv': a, 'b.csv': b });
    const { out } = await compareJson([path.join(root, 'a.csv'), path.join(root, 'b.csv')]);
    assert.deepEqual([out.n, out.fixed, out.broken, out.bothRight], [3, 1, 1, 1]);
    assert.deepEqual([out.unmatched.onlyAIds, out.unmatched.onlyBIds], [['hasOwnProperty'], ['valueOf']]);
    assert.deepEqual(out.perClass.map((c: { class: string; support: number }) => [c.class, c.support]), [['__proto__', 2], ['constructor', 1]]);
    assert.deepEqual(out.perTag.map((g: { tag: string; n: number }) => [g.tag, g.n]).sort(), [['__proto__', 2], ['constructor', 1]]);
    const cols = project({ 'c.csv': 'id,label,__proto__,constructor\n1,a,a,b\n2,b,b,b\n' });
    const { out: byName } = await compareJson([path.join(cols, 'c.csv')], { a: '__proto__', b: 'constructor' });
    assert.deepEqual([byName.columns.a, byName.columns.b, byName.broken], ['__proto__', 'constructor', 1]);
  });

  it('refuses a file it could not read correctly (exit 2, no figures), and computes with --allow-problems', async () => {
    const root = project({ 'a.csv': 'id,label,prediction\n1,a,a\n2,b,"b\n', 'b.csv': 'id,label,prediction\n1,a,b\n2,b,b\n' });
    const files = [path.join(root, 'a.csv'), path.join(root, 'b.csv')];
    await assert.rejects(runCompare(files, { json: true }), (e: unknown) => e instanceof CliError && e.exitCode === 2 && /error-level CSV problem/.test(e.message));
    await assert.rejects(runCompare([...files].reverse(), { json: true }), (e: unknown) => e instanceof CliError && e.exitCode === 2);
    const stderr = process.stderr.write;
    process.stderr.write = () => true;
    try {
      assert.equal((await compareJson(files, { allowProblems: true })).out.unmatched.onlyB, 0);
    } finally {
      process.stderr.write = stderr;
    }
  });

  it('says what is missing: the two columns of one file, an id column to match two files, a named column', async () => {
    const root = project({ 'a.csv': 'label,prediction\na,a\n', 'b.csv': 'label,prediction\na,b\n' });
    const [a, b] = [path.join(root, 'a.csv'), path.join(root, 'b.csv')];
    await assert.rejects(runCompare([a], { json: true }), /needs the two prediction columns: --a <column> --b <column>/);
    await assert.rejects(runCompare([a, b], { json: true }), /no id column: two files are matched by id/);
    await assert.rejects(runCompare([a], { json: true, a: 'prediction', b: 'nope' }), /no column named "nope"/);
    await assert.rejects(runCompare([a, b, a], { json: true }), /one file .* or two files/);
  });

  it('swapping A and B swaps fixed and broken, negates every delta and keeps the p-values', async () => {
    const value = fc.constantFrom('', 'x', 'y', '__proto__');
    const row = fc.tuple(value, value, value, fc.constantFrom('', 't', 'u', 't;u'), fc.constantFrom('p', 'q'));
    await fc.assert(
      fc.asyncProperty(fc.array(row, { minLength: 1, maxLength: 25 }), async (rows) => {
        const csv = `id,label,m1,m2,tags,site\n${rows.map((r, i) => [i, ...r].join(',')).join('\n')}\n`;
        const file = path.join(project({ 'r.csv': csv }), 'r.csv');
        let ab;
        try {
          ab = (await compareJson([file], { a: 'm1', b: 'm2' })).out;
        } catch (error) {
          assert.ok(error instanceof CliError && /nothing to compare/.test(error.message), String(error));
          return;
        }
        const ba = (await compareJson([file], { a: 'm2', b: 'm1' })).out;
        assert.deepEqual([ab.fixed, ab.broken, ab.bothRight, ab.bothWrong, ab.n], [ba.broken, ba.fixed, ba.bothRight, ba.bothWrong, ba.n]);
        assert.deepEqual(ab.mcnemar, ba.mcnemar);
        const deltas = (groups: { delta: number | null; tag?: string; value?: string }[]) => new Map(groups.map((g) => [g.tag ?? g.value, g.delta]));
        for (const key of ['perTag', 'perSlice']) {
          const [x, y] = [deltas(ab[key]), deltas(ba[key])];
          for (const [name, d] of x) assert.ok(d === null ? y.get(name) === null : Math.abs(d + y.get(name)!) < 1e-12, `${key} ${name}`);
        }
      }),
      { numRuns: 30 },
    );
  });
});
