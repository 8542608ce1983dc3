/**
 * Hostile keys on the CSV side: headers, column roles, config.json, long-format judgements and
 * Label Studio exports whose names are `__proto__`, `constructor`, `prototype`, `toString` or
 * `hasOwnProperty`. Each is data: kept, counted and looked up as such, and Object.prototype is
 * never touched. Corpus files are in corpus/keys/; random inputs are generated here.
 */
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { judgementsFromLong, judgementsFromLongColumns } from '../../src/core/agreement/longFormat';
import { parseLabelStudioExport } from '../../src/core/agreement/labelStudio';
import { NOT_LABELED, sortCategories, type Judgements } from '../../src/core/agreement/judgements';
import { parseProjectConfig } from '../../src/core/config/projectConfig';
import { formatCsvRow } from '../../src/core/csv/write';
import type { Dataset } from '../../src/core/dataset/dataset';
import { DatasetLoader } from '../../src/core/dataset/loader';
import { COLUMN_ROLES, type ColumnRole } from '../../src/core/dataset/roles';
import { readExternalJudgements } from '../../src/node/externalJudgements';
import { loadDatasetFile } from '../../src/node/loadDataset';
import { readDatasetConfig } from '../../src/node/projectConfigFile';

const CORPUS = path.join(__dirname, 'corpus', 'keys');
const HOSTILE = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__', 'isPrototypeOf'] as const;
const PROTOTYPE_NAMES = Object.getOwnPropertyNames(Object.prototype).sort();

/** Object.prototype has its own names only, and no key written through a prototype landed on it. */
function assertPrototypeUntouched(): void {
  assert.deepEqual(Object.getOwnPropertyNames(Object.prototype).sort(), PROTOTYPE_NAMES);
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
  assert.equal(Object.getPrototypeOf({}), Object.prototype);
}

/** A JSON object written key by key, so that `__proto__` is an own key as in a file. */
function jsonObject(entries: readonly (readonly [string, string])[]): string {
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(',')}}`;
}

/** Every cell of a categorical column ('' for empty). */
function categoricalCells(dataset: Dataset, index: number): string[] {
  const codes = dataset.codes[index]!;
  const dictionary = dataset.dictionaries[index]!;
  return Array.from(codes, (c) => (c < 0 ? '' : dictionary[c]));
}

function loadText(text: string, options: ConstructorParameters<typeof DatasetLoader>[0] = {}, chunk = 1 << 20): Dataset {
  const bytes = new TextEncoder().encode(text);
  const loader = new DatasetLoader({ headBytes: 16, ...options });
  for (let at = 0; at < bytes.length; at += chunk) loader.push(bytes.subarray(at, at + chunk));
  return loader.end();
}

function names(judgements: Judgements) {
  return { items: judgements.itemIds, raters: judgements.raterNames, categories: judgements.categories };
}

/** Per rater, per item: the label name or null. */
function labelsOf(judgements: Judgements): (string | null)[][] {
  return judgements.raters.map((codes) => Array.from(codes, (c) => (c === NOT_LABELED ? null : judgements.categories[c])));
}

describe('hostile keys: corpus', () => {
  let workspace: string;
  before(async () => {
    workspace = await fs.mkdtemp(path.join(os.tmpdir(), 'loupe-keys-'));
    await fs.mkdir(path.join(workspace, '.loupe'));
    await fs.copyFile(path.join(CORPUS, 'config.json'), path.join(workspace, '.loupe', 'config.json'));
    await fs.copyFile(path.join(CORPUS, 'hostile-headers.csv'), path.join(workspace, 'hostile-headers.csv'));
  });
  after(async () => {
    await fs.rm(workspace, { recursive: true, force: true });
    assertPrototypeUntouched();
  });

  it('a CSV headed __proto__,constructor,prototype,toString,hasOwnProperty loads them as ordinary columns, values intact', async () => {
    const { dataset } = await loadDatasetFile(path.join(CORPUS, 'hostile-headers.csv'));
    assert.deepEqual(
      dataset.columns.map((c) => [c.name, c.role, c.kind]),
      [
        ['__proto__', 'other', 'numeric'],
        ['constructor', 'other', 'text'],
        ['prototype', 'slice', 'categorical'],
        ['toString', 'other', 'text'],
        ['hasOwnProperty', 'other', 'numeric'],
        ['label', 'label', 'categorical'],
        ['prediction', 'prediction', 'categorical'],
      ],
    );
    assert.equal(dataset.rowCount, 3);
    assert.deepEqual(dataset.problems, []);
    assert.deepEqual(Array.from(dataset.numbers[0]!), [1, 2, 3]);
    assert.deepEqual(categoricalCells(dataset, 2), ['x', 'y', 'x']);
    assert.deepEqual(Array.from(dataset.numbers[4]!), [0.5, 0.25, 0.75]);
    assert.deepEqual(categoricalCells(dataset, 5), ['toString', '__proto__', 'constructor']);
    assert.deepEqual(categoricalCells(dataset, 6), ['toString', 'constructor', 'constructor']);
    assertPrototypeUntouched();
  });

  it('with any roles chosen, a column named constructor or toString keeps a real role (never Object\'s method)', () => {
    const text = '__proto__,constructor,prototype,toString,hasOwnProperty,label,prediction\n1,a,x,b,0.5,p,p\n';
    const dataset = loadText(text, { roles: { label: 'label' } });
    for (const column of dataset.columns) assert.ok((COLUMN_ROLES as readonly string[]).includes(column.role), `${column.name}: ${String(column.role)}`);
    assert.deepEqual(dataset.columns.map((c) => c.role), ['other', 'slice', 'slice', 'slice', 'other', 'label', 'prediction']);
  });

  it('config.json roles for columns named __proto__ and constructor are honoured', async () => {
    const file = path.join(workspace, 'hostile-headers.csv');
    const { config, problem } = await readDatasetConfig(file, workspace);
    assert.equal(problem, undefined);
    assert.equal(config.classNotes?.['__proto__'], 'a class named __proto__');
    const { dataset } = await loadDatasetFile(file, { roles: config.roles });
    assert.deepEqual(
      dataset.columns.map((c) => [c.name, c.role, c.kind]),
      [
        ['__proto__', 'id', 'key'],
        ['constructor', 'labeler', 'categorical'],
        ['prototype', 'slice', 'categorical'],
        ['toString', 'labeler', 'categorical'],
        ['hasOwnProperty', 'score', 'numeric'],
        ['label', 'label', 'categorical'],
        ['prediction', 'prediction', 'categorical'],
      ],
    );
    assert.deepEqual(categoricalCells(dataset, 1), ['__proto__', 'constructor', 'toString']);
    assert.deepEqual(categoricalCells(dataset, 3), ['constructor', 'toString', '__proto__']);
    const other = await readDatasetConfig(path.join(workspace, '__proto__'), workspace);
    assert.equal(other.config.positiveClass, 'yes', 'a dataset path named __proto__ is a key like any other');
    const none = await readDatasetConfig(path.join(workspace, 'constructor'), workspace);
    assert.deepEqual(none.config, {}, 'a dataset named constructor has no settings, not Object');
    assertPrototypeUntouched();
  });

  it('long-format judgements with example ids, annotators and labels named __proto__, constructor, toString are counted as data', async () => {
    const external = await readExternalJudgements(path.join(CORPUS, 'long.csv'), null);
    assert.equal(external.format, 'long');
    const { judgements } = external;
    assert.deepEqual(names(judgements), {
      items: ['__proto__', 'constructor', 'toString'],
      raters: ['constructor', 'toString', '__proto__'],
      categories: ['__proto__', 'constructor', 'hasOwnProperty', 'toString'],
    });
    assert.deepEqual(labelsOf(judgements), [
      ['toString', 'constructor', null],
      ['__proto__', null, 'toString'],
      [null, 'toString', 'hasOwnProperty'],
    ]);
    assert.deepEqual(external.keysOfItem, [['__proto__'], ['constructor'], ['toString']]);
    const text = await fs.readFile(path.join(CORPUS, 'long.csv'), 'utf8');
    const rows = text.trim().split('\n').slice(1).map((l) => l.split(','));
    const fromStrings = judgementsFromLong(rows.map((r) => r[0]), rows.map((r) => r[1]), rows.map((r) => r[2]));
    assert.deepEqual([fromStrings.duplicates, fromStrings.conflicts, fromStrings.emptyLabels, fromStrings.missingKeys], [1, 1, 0, 0]);
    assert.deepEqual(labelsOf(fromStrings.judgements), labelsOf(judgements));
  });

  it('a Label Studio export with such keys: raters, labels and task keys are data', async () => {
    const external = await readExternalJudgements(path.join(CORPUS, 'label-studio.json'), 'constructor');
    assert.equal(external.format, 'label-studio');
    assert.deepEqual(names(external.judgements), {
      items: ['1', '2', 'toString'],
      raters: ['__proto__', 'toString', 'constructor'],
      categories: ['__proto__', 'constructor', 'toString'],
    });
    assert.deepEqual(labelsOf(external.judgements), [
      ['constructor', 'toString', null],
      ['__proto__', null, null],
      [null, 'toString', '__proto__'],
    ]);
    assert.deepEqual(external.keysOfItem, [['c1', '1'], ['2'], ['toString']], 'task 2 has no constructor field; task 3\'s is an object');
    const parsed = parseLabelStudioExport(await fs.readFile(path.join(CORPUS, 'label-studio.json'), 'utf8'), '__proto__');
    assert.ok(parsed.ok);
    assert.deepEqual([parsed.value.cancelled, parsed.value.withoutChoice, parsed.value.duplicates], [1, 0, 1]);
    assert.deepEqual(parsed.value.keysOfItem, [['__proto__', '1'], ['2'], ['toString']]);
    assertPrototypeUntouched();
  });
});

const hostileKey = fc.constantFrom(...HOSTILE);
/** Cells: hostile words, blanks, and text with the characters CSV quotes. */
const cell = fc.oneof(hostileKey, fc.constant(''), fc.stringMatching(/^[a-z ,"\n]{1,6}$/));
const ROLES_WITHOUT_ID = COLUMN_ROLES.filter((r) => r !== 'id');

/** A random table: unique headers (hostile keys and ordinary names), rows of random cells. */
const table = fc
  .uniqueArray(fc.oneof(hostileKey, fc.constantFrom('label', 'prediction', 'text', 'c1', 'c2')), { minLength: 1, maxLength: 7 })
  .chain((header) => fc.record({ header: fc.constant(header), rows: fc.array(fc.array(cell, { minLength: header.length, maxLength: header.length }), { minLength: 1, maxLength: 12 }) }));

function csvOf(header: readonly string[], rows: readonly string[][]): string {
  // A lone empty cell is quoted so that its row is not a blank line.
  return [header, ...rows].map((r) => formatCsvRow(r, ',', r.length === 1)).join('\n') + '\n';
}

/** Roles for every column as a file would give them: JSON text, so `__proto__` is an own key. */
function rolesJson(header: readonly string[], roles: readonly ColumnRole[]): Record<string, ColumnRole> {
  return JSON.parse(jsonObject(header.map((h, i) => [h, JSON.stringify(roles[i])]))) as Record<string, ColumnRole>;
}

describe('hostile keys: fuzz', () => {
  after(assertPrototypeUntouched);

  it('CSV loader: hostile headers are columns, inferred roles are roles, chosen roles are honoured, cells are kept', () => {
    fc.assert(
      fc.property(table, fc.integer({ min: 1, max: 64 }), fc.array(fc.option(fc.constantFrom(...ROLES_WITHOUT_ID), { nil: undefined }), { minLength: 7, maxLength: 7 }), ({ header, rows }, chunk, picked) => {
        const text = csvOf(header, rows);
        const inferred = loadText(text, {}, chunk);
        assert.deepEqual(inferred.columns.map((c) => c.name), header);
        for (const c of inferred.columns) assert.ok((COLUMN_ROLES as readonly string[]).includes(c.role), `${c.name}: ${String(c.role)}`);
        // Roles chosen for some columns only: the others keep the role inferred for them.
        const chosen = header.flatMap((h, i) => (picked[i] === undefined ? [] : [[h, picked[i]] as const]));
        const roles = JSON.parse(jsonObject(chosen.map(([h, r]) => [h, JSON.stringify(r)]))) as Record<string, ColumnRole>;
        const withRoles = loadText(text, { roles }, chunk);
        assert.deepEqual(withRoles.columns.map((c) => c.role), inferred.columns.map((c, i) => picked[i] ?? c.role));
        const categorical = loadText(text, { roles: rolesJson(header, header.map(() => 'slice')) }, chunk);
        assert.equal(categorical.rowCount, rows.length);
        assert.deepEqual(categorical.problems, []);
        header.forEach((_, i) => assert.deepEqual(categoricalCells(categorical, i), rows.map((r) => r[i])));
        assertPrototypeUntouched();
      }),
      { numRuns: 300 },
    );
  });

  it('CSV loader, torn tail: the records before the cut are exact; the torn one is reported at its line or holds only a prefix of its cells', () => {
    fc.assert(
      fc.property(table, fc.nat(), fc.integer({ min: 1, max: 64 }), ({ header, rows }, cutSeed, chunk) => {
        const text = csvOf(header, rows);
        const bytes = new TextEncoder().encode(text);
        const headerBytes = new TextEncoder().encode(csvOf(header, [])).length;
        // Row i ends (its newline included) at rowEnds[i].
        const rowEnds = rows.map((_, i) => new TextEncoder().encode(csvOf(header, rows.slice(0, i + 1))).length);
        const cut = headerBytes + (cutSeed % (bytes.length - headerBytes + 1));
        const torn = new TextDecoder().decode(bytes.subarray(0, cut));
        const roles = rolesJson(header, header.map(() => 'slice'));
        const dataset = loadText(torn, { roles }, chunk);
        const whole = rowEnds.filter((end) => end <= cut).length;
        const cells = header.map((_, i) => categoricalCells(dataset, i));
        const row = (r: number) => header.map((_, i) => cells[i][r]);
        for (let r = 0; r < whole; r++) assert.deepEqual(row(r), rows[r], `row ${r + 1} before the cut`);
        if (whole === rows.length || rowEnds[whole - 1] === cut || (whole === 0 && cut === headerBytes)) {
          assert.equal(dataset.rowCount, whole);
          assert.deepEqual(dataset.problems, []);
          return;
        }
        // The cut falls inside record `whole`.
        assert.equal(dataset.rowCount, whole + 1);
        const line = dataset.rowLines[whole];
        const reported = dataset.problems.some((p) => p.line === line && (p.kind === 'ragged-row' || p.kind === 'unterminated-quote'));
        if (reported) return;
        // Unreported only when every field is there: the last is a prefix of the original, the others exact.
        const got = row(whole);
        const original = rows[whole];
        got.forEach((value, i) => (i < got.length - 1 ? assert.equal(value, original[i]) : assert.ok(original[i].startsWith(value), `${JSON.stringify(value)} is not a prefix of ${JSON.stringify(original[i])}`)));
        assertPrototypeUntouched();
      }),
      { numRuns: 500 },
    );
  });

  it('config.json: roles and notes keyed by any name are kept as data; a torn file gives a located problem and no settings', () => {
    const name = fc.oneof(hostileKey, fc.string({ maxLength: 6 }));
    const entries = fc.uniqueArray(fc.tuple(name, fc.constantFrom(...COLUMN_ROLES)), { selector: ([k]) => k, maxLength: 8 });
    fc.assert(
      fc.property(entries, entries, fc.oneof(hostileKey, fc.constant('data/labels.csv')), fc.nat(), (roles, notes, dataset, cutSeed) => {
        const settings = jsonObject([
          ['roles', jsonObject(roles.map(([k, v]) => [k, JSON.stringify(v)]))],
          ['classNotes', jsonObject(notes.map(([k, v]) => [k, JSON.stringify(`note ${v}`)]))],
        ]);
        const text = jsonObject([['version', '1'], ['datasets', jsonObject([[dataset, settings]])]]);
        const { config, problem } = parseProjectConfig(text);
        assert.equal(problem, undefined);
        const parsed = config.datasets[dataset];
        assert.ok(Object.hasOwn(config.datasets, dataset));
        assert.deepEqual(new Map(Object.entries(parsed.roles ?? {})), new Map(roles));
        assert.deepEqual(new Map(Object.entries(parsed.classNotes ?? {})), new Map(notes.map(([k, v]) => [k, `note ${v}`])));
        for (const [k] of roles) assert.ok(Object.hasOwn(parsed.roles!, k));
        for (const key of HOSTILE) if (!roles.some(([k]) => k === key)) assert.equal(parsed.roles?.[key], undefined, `${key} is not a role unless chosen`);
        const cut = cutSeed % text.length;
        const torn = parseProjectConfig(text.slice(0, cut));
        assert.match(torn.problem ?? '', /not valid JSON: .*(position|end of JSON|Unexpected end)/);
        assert.equal(Object.keys(torn.config.datasets).length, 0);
        assertPrototypeUntouched();
      }),
      { numRuns: 300 },
    );
  });

  it('long format: hostile example ids, annotators and labels are counted exactly, from strings and from a loaded CSV', () => {
    const word = fc.oneof(hostileKey, fc.constantFrom('', ' ', 'a', 'b'));
    const judgementRows = fc.array(fc.tuple(word, word, word), { minLength: 1, maxLength: 30 });
    fc.assert(
      fc.property(judgementRows, (rows) => {
        const long = judgementsFromLong(rows.map((r) => r[0]), rows.map((r) => r[1]), rows.map((r) => r[2]));
        const expected = referenceLong(rows);
        assert.deepEqual(names(long.judgements), { items: expected.items, raters: expected.raters, categories: expected.categories });
        assert.deepEqual(labelsOf(long.judgements), expected.labels);
        assert.deepEqual([long.emptyLabels, long.missingKeys, long.duplicates, long.conflicts], expected.counts);
        const text = csvOf(['example_id', 'annotator', 'label'], rows.map((r) => [...r]));
        const dataset = loadText(text, { roles: { example_id: 'slice', annotator: 'slice', label: 'label' } }, 13);
        const coded = (i: number) => ({ codes: dataset.codes[i]!, dictionary: dataset.dictionaries[i]! });
        const fromCsv = judgementsFromLongColumns(coded(0), coded(1), coded(2));
        assert.deepEqual(labelsOf(fromCsv.judgements), expected.labels);
        assert.deepEqual(fromCsv.judgements.raterNames, expected.raters);
        assertPrototypeUntouched();
      }),
      { numRuns: 400 },
    );
  });

  it('Label Studio: hostile annotators, choices, task ids and data keys are data; a torn export is refused with a located problem', () => {
    const word = fc.oneof(hostileKey, fc.constantFrom('a', 'b'));
    const annotation = fc.record({ by: word, byEmail: fc.boolean(), choice: fc.option(word, { nil: undefined }), cancelled: fc.boolean() });
    const task = fc.record({ id: fc.oneof(word, fc.nat(99)), data: fc.uniqueArray(fc.tuple(word, word), { selector: ([k]) => k, maxLength: 4 }), annotations: fc.array(annotation, { maxLength: 4 }) });
    fc.assert(
      fc.property(fc.array(task, { minLength: 1, maxLength: 6 }), word, fc.nat(), (tasks, keyColumn, cutSeed) => {
        const text = `[${tasks.map((t) => labelStudioTask(t)).join(',')}]`;
        const parsed = parseLabelStudioExport(text, keyColumn);
        assert.ok(parsed.ok, parsed.ok ? '' : parsed.problem);
        const expected = referenceLabelStudio(tasks, keyColumn);
        assert.deepEqual(names(parsed.value.judgements), { items: expected.items, raters: expected.raters, categories: expected.categories });
        assert.deepEqual(labelsOf(parsed.value.judgements), expected.labels);
        assert.deepEqual(parsed.value.keysOfItem, expected.keys);
        const torn = parseLabelStudioExport(text.slice(0, cutSeed % text.length), keyColumn);
        assert.equal(torn.ok, false);
        assert.match(torn.ok ? '' : torn.problem, /not valid JSON: .*(position|end of JSON|Unexpected end)/);
        assertPrototypeUntouched();
      }),
      { numRuns: 300 },
    );
  });
});

/** Long-format judgements the plain way (Maps, first judgement kept), to check the coded one against. */
function referenceLong(rows: readonly (readonly [string, string, string])[]) {
  const blank = (s: string) => s.trim() === '';
  const items = [...new Set(rows.map((r) => r[0]).filter((s) => !blank(s)))];
  const raters = [...new Set(rows.map((r) => r[1]).filter((s) => !blank(s)))];
  const categories = sortCategories(rows.map((r) => r[2]).filter((s) => !blank(s)));
  const labels: (string | null)[][] = raters.map(() => items.map(() => null));
  const counts = [0, 0, 0, 0];
  for (const [example, annotator, label] of rows) {
    if (blank(example) || blank(annotator)) counts[1]++;
    else if (blank(label)) counts[0]++;
    else {
      const row = labels[raters.indexOf(annotator)];
      const item = items.indexOf(example);
      if (row[item] === null) row[item] = label;
      else {
        counts[2]++;
        if (row[item] !== label) counts[3]++;
      }
    }
  }
  return { items, raters, categories, labels, counts };
}

interface FuzzAnnotation {
  by: string;
  byEmail: boolean;
  choice: string | undefined;
  cancelled: boolean;
}
interface FuzzTask {
  id: string | number;
  data: [string, string][];
  annotations: FuzzAnnotation[];
}

function labelStudioTask(task: FuzzTask): string {
  const annotations = task.annotations.map((a) =>
    jsonObject([
      ['completed_by', a.byEmail ? jsonObject([['email', JSON.stringify(a.by)]]) : JSON.stringify(a.by)],
      ['was_cancelled', String(a.cancelled)],
      ['result', a.choice === undefined ? '[]' : `[${jsonObject([['value', jsonObject([['choices', JSON.stringify([a.choice])]])]])}]`],
    ]),
  );
  return jsonObject([
    ['id', JSON.stringify(task.id)],
    ['data', jsonObject(task.data.map(([k, v]) => [k, JSON.stringify(v)]))],
    ['annotations', `[${annotations.join(',')}]`],
  ]);
}

function referenceLabelStudio(tasks: readonly FuzzTask[], keyColumn: string) {
  const raters: string[] = [];
  const seenLabels: string[] = [];
  const cells: [number, string, string][] = [];
  tasks.forEach((task, item) => {
    const done = new Set<string>();
    for (const a of task.annotations) {
      if (a.cancelled || a.choice === undefined) continue;
      if (!raters.includes(a.by)) raters.push(a.by);
      if (!done.has(a.by)) cells.push([item, a.by, a.choice]);
      done.add(a.by);
      seenLabels.push(a.choice);
    }
  });
  const labels: (string | null)[][] = raters.map(() => tasks.map(() => null));
  for (const [item, rater, label] of cells) labels[raters.indexOf(rater)][item] = label;
  const keys = tasks.map((t) => {
    const own = t.data.find(([k]) => k === keyColumn);
    return own ? [own[1], String(t.id)] : [String(t.id)];
  });
  return { items: tasks.map((t) => String(t.id)), raters, categories: sortCategories(cells.map((c) => c[2])), labels, keys };
}
