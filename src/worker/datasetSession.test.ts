/** The dataset session in-process: every request the worker relays, and its caches following their inputs. */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { WorkerNotice } from '../protocol/datasetWorker';
import type { FileLoadOptionsMessage } from '../protocol/labelTable';
import { DatasetSession } from './datasetSession';
import { rowFiltersCsv, rowFiltersExpected } from '../core/modelComparison/fixtures/rowFilters';
import { COMPARISON_KINDS } from '../core/modelComparison/rowOutcomes';
import * as scoreReading from '../core/labelIssues/fixtures/scoreReadingReference';

// Binary speech-like data: 3 errors (r2, r4, r7) of 8; three labelers who disagree on r2, r4 and r5.
const CSV = `id,text,label,prediction,score,labeler_1,labeler_2,labeler_3,tags,device
r1,the cat sat,yes,yes,0.9,yes,yes,yes,,phone
r2,a dog barked,yes,no,0.4,yes,no,yes,noisy,phone
r3,hello world,no,no,0.2,no,no,no,,laptop
r4,loud car noise,no,yes,0.7,no,yes,no,noisy,laptop
r5,quiet room,yes,yes,0.8,yes,yes,no,,laptop
r6,car horn outside,no,no,0.3,no,no,no,car,phone
r7,wind,yes,no,0.45,yes,yes,yes,,laptop
__proto__,proto row,no,no,0.1,no,no,no,weird,phone
`;
const ALL = ['r1', 'r2', 'r3', 'r4', 'r5', 'r6', 'r7', '__proto__'];

// Other judgements of the same rows: two labelers who agree everywhere but on r1.
const LONG = ['example_id,annotator,label', 'r1,a,yes', 'r1,b,no', ...ALL.slice(1).flatMap((id, i) => [`${id},a,${i % 2 ? 'no' : 'yes'}`, `${id},b,${i % 2 ? 'no' : 'yes'}`])].join('\n') + '\n';

function write(name: string, text: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'loupe-session-'));
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
}

async function open(text = CSV, options: FileLoadOptionsMessage = {}): Promise<DatasetSession> {
  return DatasetSession.load(write('labels.csv', text), options);
}

const noisy = (s: DatasetSession) => s.tagAnalysis({}).tags.find((t) => t.tag === 'noisy');

describe('DatasetSession', () => {
  it('loads a file: summary, head rows and progress as notices', async () => {
    const notices: WorkerNotice[] = [];
    const session = await DatasetSession.load(write('labels.csv', CSV), {}, { onNotice: (n) => notices.push(n) });
    const { summary } = session;
    assert.deepEqual([summary.rows, summary.keyColumn, summary.hasOutcomes, summary.hasLabelers, summary.delimiter], [8, 'id', true, true, ',']);
    assert.deepEqual([...summary.fileTagNames].sort(), ['car', 'noisy', 'weird']);
    assert.deepEqual(summary.categories[2], ['no', 'yes']);
    const head = notices.find((n) => n.type === 'head');
    assert.equal(head?.type, 'head');
    if (head?.type === 'head') assert.deepEqual(head.rows.map((r) => r.key), ALL);
    assert.ok(notices.some((n) => n.type === 'progress'));
    session.close();
  });

  it('filters, sorts and reads windows of the view', async () => {
    const session = await open();
    const errors = await session.setView({ misclassified: true }, null);
    // The score read as P(yes) also finds one likely label error (binary data: the score serves as P(positive)).
    assert.deepEqual(errors, { count: 3, total: 8, errors: 3, taggedErrors: 2, openIssues: 1 });
    assert.deepEqual(session.rows(0, 10).map((r) => [r.key, r.error, r.line]), [['r2', true, 3], ['r4', true, 5], ['r7', true, 8]]);
    assert.deepEqual(await session.keysAt([[1, 5]]), ['r4', 'r7'], 'ranges end at the view');

    await session.setView({}, { column: 4, descending: true });
    assert.deepEqual(session.rows(0, 3).map((r) => r.key), ['r1', 'r5', 'r4']);
    assert.deepEqual(session.rows(6, 5).map((r) => r.key), ['r3', '__proto__'], 'a window past the end is cut');
    assert.deepEqual(session.rows(20, 5), []);

    await session.setView({}, { column: 1, descending: false });
    assert.deepEqual(await session.viewKeys(100), ['r2', 'r6', 'r3', 'r4', '__proto__', 'r5', 'r1', 'r7']);

    assert.equal((await session.setView({ search: 'CAR' }, null)).count, 2);
    assert.deepEqual(await session.viewKeys(10), ['r4', 'r6']);
    assert.equal((await session.setView({ search: 'wind' }, null)).count, 1, 'another needle is searched again');
    assert.equal((await session.setView({ tag: 'noisy' }, null)).count, 2);
    assert.deepEqual(await session.keysMatching({ columns: [{ column: 9, values: ['phone'] }] }, 2), ['r1', 'r2']);
    assert.equal((await session.setView({ tag: 'noisy' }, null)).count, 2, 'keysMatching leaves the view as it is');
    session.close();
  });

  it('search looks in every text column (the id, a path, a transcript), not only the input', async () => {
    const session = await open(['id,audio,transcript,label,prediction', 'u1,audio/a.wav,oui allume,on,on', 'u2,audio/b.wav,non merci,no,on', 'u3,clips/c.wav,stop,stop,stop', ''].join('\n'));
    assert.equal(session.summary.columns.find((c) => c.role === 'input')?.name, 'transcript', 'the words are the input');
    assert.deepEqual(await session.keysMatching({ search: 'OUI' }, 10), ['u1'], 'a word of the transcript');
    assert.deepEqual(await session.keysMatching({ search: 'audio/' }, 10), ['u1', 'u2'], 'a path');
    assert.deepEqual(await session.keysMatching({ search: 'u3' }, 10), ['u3'], 'an id');
    assert.deepEqual(await session.keysMatching({ search: 'stop' }, 10), ['u3'], 'not the categorical label');
    // The setting loupe.table.searchColumns narrows the search to the columns it names.
    assert.deepEqual(await session.keysMatching({ search: 'audio/', searchColumns: ['transcript'] }, 10), [], 'paths not searched');
    assert.deepEqual(await session.keysMatching({ search: 'non', searchColumns: ['transcript'] }, 10), ['u2']);
    assert.deepEqual(await session.keysMatching({ search: 'audio/', searchColumns: ['no such column'] }, 10), ['u1', 'u2'], 'no named column in the file: every text column');
    session.close();
  });

  it('tells what the labelers said about each row, and filters by a pair of classes they confuse', async () => {
    const session = await open();
    await session.setView({}, null);
    const r2 = session.rows(1, 1)[0];
    assert.deepEqual(r2.review, { labels: [{ labeler: 'labeler_1', label: 'yes' }, { labeler: 'labeler_2', label: 'no' }, { labeler: 'labeler_3', label: 'yes' }], consensus: 'yes', tie: false, agreement: 2 / 3 });
    assert.equal((await session.setView({ disagree: true }, null)).count, 3);
    assert.deepEqual(await session.keysMatching({ pair: ['no', 'yes'] }, 10), ['r2', 'r4', 'r5']);
    session.setReviewed(['r3', 'nowhere']);
    assert.deepEqual(await session.keysMatching({ reviewed: true }, 10), ['r3']);
    session.setReviewed([]);
    assert.deepEqual(await session.keysMatching({ reviewed: true }, 10), []);
    session.close();
  });

  it('warns, in the metrics the views show, when the saved positive class is not a class of the file', async () => {
    const session = await open();
    const metrics = await session.modelMetrics('Yes', undefined);
    assert.equal(metrics.binary?.positiveChosenBy, 'minority');
    assert.ok(
      metrics.warnings.includes(`the positive class "Yes" saved in .loupe/config.json is not a class of this file (classes: no, yes); the ranking figures use the minority class "${metrics.binary?.positive}" instead. Choose the positive class again in the Metrics view.`),
      metrics.warnings.join('\n'),
    );
    assert.deepEqual((await session.modelMetrics('yes', undefined)).warnings.filter((w) => w.includes('positive class')), []);
    const audit = await session.auditReport({ file: 'labels.csv', date: '2026-01-01', command: 'audit', weights: {}, margin: 0.02, positive: 'Yes' });
    assert.ok(audit.warnings.some((w) => w.startsWith('the positive class "Yes"')), 'the audit report carries it too');
    session.close();
  });

  it('computes metrics and follows the threshold; other roles give other metrics', async () => {
    const session = await open();
    assert.throws(() => session.threshold(0.5), /open the metrics first/);
    const metrics = await session.modelMetrics('yes', undefined);
    assert.equal(metrics.n, 8);
    assert.equal(metrics.accuracy, 5 / 8);
    assert.deepEqual(metrics.labels, ['no', 'yes']);
    assert.deepEqual(metrics.confusion, [[3, 1], [2, 2]]);
    const at = session.threshold(0.35);
    assert.deepEqual([at.truePositives, at.falsePositives, at.falseNegatives, at.trueNegatives], [4, 1, 0, 3]);
    session.close();

    const relabeled = await open(CSV, { roles: { labeler_3: 'prediction', prediction: 'other' } });
    const other = await relabeled.modelMetrics('yes', undefined);
    assert.equal(other.columns.prediction, 'labeler_3');
    assert.equal(other.accuracy, 7 / 8);
    relabeled.close();
  });

  it('sends the score cells that are not numbers with binary metrics and the audit, counted once', async () => {
    const rows = ['a,yes,yes,0.9', 'b,no,no,n/a', 'c,yes,no,', 'd,no,yes,0x10', 'e,yes,yes,0.7', 'f,no,no,Infinity', 'g,no,no,0.1'];
    const session = await open(`id,label,prediction,score\n${rows.join('\n')}\n`);
    const metrics = await session.modelMetrics('yes', undefined);
    assert.equal(metrics.binary?.scoreColumn, 'score');
    assert.deepEqual(metrics.scoreCells, { empty: 1, notANumber: 3, first: { line: 3, text: 'n/a' } });
    assert.equal((await session.modelMetrics('no', undefined)).scoreCells, metrics.scoreCells, 'kept in the session, not counted again');
    const audit = await session.auditReport({ file: 'labels.csv', date: '2024-01-01', command: 'loupe audit', weights: {}, positive: 'yes', margin: 0.05 });
    assert.deepEqual(audit.metrics.scoreCells, { empty: 1, notANumber: 3, first: { line: 3, text: 'n/a' } });
    session.close();

    const clean = await open();
    assert.deepEqual((await clean.modelMetrics('yes', undefined)).scoreCells, { empty: 0, notANumber: 0, first: null });
    clean.close();
    const threeClasses = await open('id,label,prediction,score\na,x,x,n/a\nb,y,z,0.5\nc,z,y,0.2\n');
    const multi = await threeClasses.modelMetrics(undefined, undefined);
    assert.equal(multi.binary, null);
    assert.equal('scoreCells' in multi, false, 'only binary metrics rank by score');
    assert.equal('scoreCells' in (await threeClasses.auditReport({ file: 'x.csv', date: '2024-01-01', command: 'loupe audit', weights: {}, margin: 0.05 })).metrics, false);
    threeClasses.close();
  });

  it('audits slices and writes the audit report', async () => {
    const session = await open();
    const report = session.sliceAudit(['device'], 0.05, false);
    assert.deepEqual(report.overall, { n: 8, correct: 5, accuracy: 5 / 8, macroF1: report.overall.macroF1 });
    const device = report.results.filter((r) => r.key.length === 1 && r.key[0].column === 'device');
    assert.deepEqual(device.map((r) => [r.key[0].value, r.n, r.correct]).sort(), [['laptop', 4, 2], ['phone', 4, 3]]);
    const audit = await session.auditReport({ file: 'labels.csv', date: '2024-01-01', command: 'loupe audit', weights: {}, positive: 'yes', margin: 0.05 });
    assert.deepEqual([audit.rows, audit.metrics.accuracy, audit.tags?.errors, audit.agreement?.labelers.length], [8, 5 / 8, 3, 3]);
    session.close();
  });

  it('error analysis follows tag edits, before and after it was first computed', async () => {
    const session = await open();
    await session.setView({ misclassified: true }, null);
    assert.equal(session.nextUntaggedError(-1), 2, 'r7: the only error with no tag');
    assert.deepEqual(session.setAnnotations([['r7', ['noisy']], ['gone', ['x']]]), { missingKeys: ['gone'] });
    assert.equal(session.nextUntaggedError(-1), -1);
    const first = session.tagAnalysis({});
    assert.deepEqual([first.total, first.errors], [8, 3]);
    assert.deepEqual([noisy(session)?.count, noisy(session)?.errors, noisy(session)?.shareOfErrors], [3, 3, 1]);
    // Counts computed once are moved row by row by later edits.
    session.setAnnotations([['r7', ['noisy']], ['r1', ['noisy', 'car']]]);
    assert.deepEqual([noisy(session)?.count, noisy(session)?.errors], [4, 3]);
    assert.equal(session.tagAnalysis({}).tags.find((t) => t.tag === 'car')?.count, 2);
    session.setAnnotations([['r2', []]]);
    assert.deepEqual([noisy(session)?.count, noisy(session)?.errors], [1, 1], 'the file tags again, but r2 is untagged by the sidecar');
    assert.deepEqual(await session.keysWithTag('noisy'), ['r4']);
    assert.deepEqual(await session.keysWithTag('never'), []);
    assert.deepEqual((await session.setView({ misclassified: true }, null)).taggedErrors, 1);
    session.close();
  });

  it('agreement, HLP and error analysis follow the judgements they come from', async () => {
    const session = await open();
    const wide = session.agreement(true)!;
    assert.deepEqual(wide.consensus, { labeled: 8, tied: 0, disagreements: 3 });
    assert.deepEqual(wide.summary.labelers, ['labeler_1', 'labeler_2', 'labeler_3']);
    assert.ok(wide.summary.alphaCI.every((bound) => bound !== null), "1,000 resamples by default: alpha's interval");
    assert.deepEqual(session.agreement(true, 0)!.summary.alphaCI, [null, null], 'loupe.agreement.bootstrapResamples = 0 skips it');
    assert.deepEqual(wide.hlpBySlice.map((s) => `${s.column}=${s.value}:${s.items}`).sort(), ['device=laptop:4', 'device=phone:4']);
    const wideHlp = session.tagAnalysis({}).overallHlp;
    assert.deepEqual(await session.keysMatching({ pair: ['no', 'yes'] }, 10), ['r2', 'r4', 'r5']);

    const merged = await session.useJudgements(write('long.csv', LONG));
    assert.deepEqual(merged && [merged.items, merged.matched, merged.unmatched, merged.labelers], [8, 8, 0, 2]);
    const other = session.agreement(false)!;
    assert.deepEqual(other.consensus, { labeled: 8, tied: 1, disagreements: 1 });
    assert.deepEqual(await session.keysMatching({ pair: ['no', 'yes'] }, 10), ['r1'], 'pairs of the new judgements');
    assert.deepEqual(await session.keysMatching({ disagree: true }, 10), ['r1']);
    const otherAnalysis = session.tagAnalysis({});
    assert.notEqual(otherAnalysis.overallHlp, wideHlp);
    // Same inputs, fresh session: the caches kept nothing of the former judgements.
    const fresh = await open();
    await fresh.useJudgements(write('long.csv', LONG));
    assert.deepEqual(otherAnalysis, fresh.tagAnalysis({}));
    session.setAnnotations([['r3', ['noisy']]]);
    fresh.setAnnotations([['r3', ['noisy']]]);
    assert.deepEqual(session.tagAnalysis({}), fresh.tagAnalysis({}));
    fresh.close();

    assert.equal(await session.useJudgements(null), null);
    assert.deepEqual(session.agreement(false)!.summary, wide.summary);
    assert.equal(session.tagAnalysis({}).overallHlp, wideHlp);
    assert.deepEqual(await session.keysMatching({ pair: ['no', 'yes'] }, 10), ['r2', 'r4', 'r5']);
    await assert.rejects(session.useJudgements(write('none.csv', 'example_id,annotator,label\nzz,a,yes\nzz,b,no\n')), /none of the 1 items/);
    session.close();
  });

  it('reads a long-format file opened on its own as judgements', async () => {
    const session = await open(LONG);
    assert.equal(session.agreement(false), null, 'no labeler columns in a long file');
    assert.deepEqual(await session.useOwnLongFormat(), { items: 8, labelers: 2 });
    assert.equal(session.agreement(false)!.summary.items, 8);
    assert.throws(() => session.tagAnalysis({}), /no label and prediction columns/);
    session.close();
  });

  it('answers file tags by key, __proto__ and keys with no row included', async () => {
    const session = await open();
    const tags = session.fileTags(['__proto__', 'r2', 'r1', 'constructor']);
    assert.deepEqual(Object.keys(tags).sort(), ['__proto__', 'constructor', 'r1', 'r2']);
    assert.deepEqual(tags.constructor, [], 'a key with no row has no file tags (not an inherited property)');
    assert.deepEqual(tags['__proto__'], ['weird']);
    assert.deepEqual(tags.r2, ['noisy']);
    assert.deepEqual(tags.r1, []);
    session.close();
  });

  it('writes chosen rows as they are in the file, a tagged copy and label fixes', async () => {
    const session = await open();
    const dir = mkdtempSync(path.join(os.tmpdir(), 'loupe-session-out-'));
    const rows = path.join(dir, 'rows.csv');
    assert.equal(await session.exportRows(['r4', 'gone', 'r2'], rows), 2);
    const lines = CSV.split('\n');
    assert.equal(readFileSync(rows, 'utf8'), [lines[0], lines[2], lines[4]].join('\n') + '\n');
    session.setAnnotations([['r1', ['blurry']]]);
    const copy = path.join(dir, 'copy.csv');
    assert.equal(await session.exportTaggedCopy([['r1', 'a note']], copy), 8);
    const copied = readFileSync(copy, 'utf8').split('\r\n');
    assert.equal(copied[0], `${lines[0]},tag: noisy,tag: car,tag: weird,tag: blurry,note`);
    assert.equal(copied[1], `${lines[1]},false,false,false,true,a note`);
    assert.equal(copied[2], `${lines[2]},true,false,false,false,`);
    const fixed = path.join(dir, 'fixed.csv');
    assert.deepEqual(await session.applyLabelFixes([['r7', 'no'], ['gone', 'yes']], fixed), { changed: 1, missing: ['gone'] });
    const relabeled = await open(readFileSync(fixed, 'utf8'));
    assert.equal((await relabeled.modelMetrics('yes', undefined)).accuracy, 6 / 8);
    relabeled.close();
    session.close();
  });

  it('reports ids that repeat past the sample after the load, as a notice', async () => {
    const unique = await open();
    assert.equal(unique.checkIds(), undefined);
    unique.close();
    const rows = Array.from({ length: 3000 }, (_, i) => `u${i},a,${i % 3 ? 'a' : 'b'}`);
    const session = await open(`id,label,prediction\n${rows.join('\n')}\nu17,b,b\n`);
    assert.equal(session.summary.problems.some((p) => p.kind === 'duplicate-id'), false, 'not in the load result: the table comes first');
    const notice = session.checkIds();
    assert.equal(notice?.type, 'problems');
    if (notice?.type === 'problems') assert.deepEqual([notice.problems.filter((p) => p.kind === 'duplicate-id').map((p) => p.line), notice.problemCount], [[3002], 1]);
    session.close();
  });

  it('error analysis carries the look-alike classes of the file, for the Error Analysis banner', async () => {
    const session = await open(['id,label,prediction,labeler_1,labeler_2', '1,cat,cat,cat,cat', '2,dog,Dog,dog,dog', '3,cat,cat,cat,cat', ''].join('\n'));
    const warnings = session.tagAnalysis({}).warnings;
    assert.equal(warnings.length, 1);
    assert.match(warnings[0], /^classes "Dog" \(prediction\) and "dog" \(label, labeler_1, labeler_2\) differ only in letter case/);
    const plain = await open();
    assert.deepEqual(plain.tagAnalysis({}).warnings, []);
    plain.close();
    session.close();
  });
});

describe('dataset session: data-check filters', () => {
  it('keeps the rows whose input repeats, repeats with another label, or repeats in another split, as loupe audit finds them', async () => {
    const session = await open('id,text,label,split\na1,turn the lights on,on,train\na2,stop the music,stop,train\na3,Turn the  lights ON ,off,test\na4,play jazz,play,dev\na5,play jazz,play,dev\n');
    assert.deepEqual(await session.keysMatching({ dataCheck: 'duplicate' }, 10), ['a1', 'a3', 'a4', 'a5']);
    assert.deepEqual(await session.keysMatching({ dataCheck: 'conflicting' }, 10), ['a1', 'a3']);
    assert.deepEqual(await session.keysMatching({ dataCheck: 'leaked' }, 10), ['a1', 'a3']);
    assert.equal((await session.setView({ dataCheck: 'leaked', misclassified: undefined }, null)).count, 2);
    const section = await session.dataChecks('labels.csv', '/', false);
    assert.deepEqual([section?.duplicateGroups, section?.conflictingGroups, section?.leakedGroups], [2, 1, 1], 'the same computation as the Problems panel');
  });

  it('keeps no row when the file has no input column', async () => {
    const session = await open('id,label,prediction\na,x,x\nb,x,x\n');
    assert.deepEqual(await session.keysMatching({ dataCheck: 'duplicate' }, 10), []);
  });
});

describe('dataset session: likely label errors', () => {
  const fixture = path.join(__dirname, 'fixtures', 'wine-probabilities.csv');
  interface Reference {
    classes: string[];
    used: number;
    leftOut: number;
    perClass: { label: string; rows: number; issues: number }[];
    issues: { row: number; id: string; label: string; suggested: string; selfConfidence: number }[];
  }
  const reference = JSON.parse(readFileSync(path.join(__dirname, 'fixtures', 'wine-probabilities.reference.json'), 'utf8')) as Reference;

  it('finds them once per load from the p_<class> columns, as the pandas/numpy reference does', async () => {
    const session = await DatasetSession.load(fixture, {});
    const summary = session.summary.labelIssues;
    assert.ok(summary);
    assert.deepEqual(summary.classes, reference.classes);
    assert.deepEqual(summary.probabilityColumns, ['p_barbera', 'p_barolo', 'p_grignolino']);
    assert.deepEqual([summary.used, summary.leftOut, summary.issues], [reference.used, reference.leftOut, reference.issues.length]);
    assert.deepEqual(summary.perClass, reference.perClass);
    session.close();
  });

  it('filters the likely errors and ranks them by label quality ascending; each row says what the probabilities say', async () => {
    const session = await DatasetSession.load(fixture, {});
    const view = await session.setView({ likelyError: true }, { column: 'labelQuality', descending: false });
    assert.equal(view.count, reference.issues.length);
    assert.equal(view.openIssues, reference.issues.length);
    const rows = session.rows(0, 100);
    assert.deepEqual(
      rows.map((r) => [r.key, r.labelIssue?.given, r.labelIssue?.suggested]),
      reference.issues.map((e) => [e.id, e.label, e.suggested]),
    );
    rows.forEach((r, i) => assert.ok(Math.abs((r.labelIssue?.selfConfidence ?? NaN) - reference.issues[i].selfConfidence) < 1e-12));
    const top = rows[0].labelIssue!;
    assert.equal(top.issue, true);
    assert.equal(top.top.length, 3);
    assert.ok(top.top[0].p >= top.top[1].p && top.top[1].p >= top.top[2].p, 'most probable first');
    assert.equal(top.top[0].label, top.suggested, 'here the suggestion is also the arg-max');
    session.close();
  });

  it('sorts every row by label quality (rows left out last) and by suggested label; a row without probabilities says nothing', async () => {
    const session = await DatasetSession.load(fixture, {});
    await session.setView({}, { column: 'labelQuality', descending: false });
    const all = session.rows(0, 1000);
    const qualities = all.map((r) => r.labelIssue?.selfConfidence ?? Number.NaN);
    const known = qualities.filter((q) => !Number.isNaN(q));
    assert.equal(known.length, reference.used);
    assert.deepEqual(known, [...known].sort((a, b) => a - b));
    assert.deepEqual(all.slice(-2).map((r) => r.key).sort(), ['w021', 'w031'], 'no label, a missing probability: last');
    assert.equal(all.at(-1)?.labelIssue, undefined);
    await session.setView({ likelyError: true }, { column: 'suggestedLabel', descending: false });
    const suggested = session.rows(0, 100).map((r) => r.labelIssue!.suggested!);
    assert.deepEqual(suggested, [...suggested].sort());
    session.close();
  });

  it('a row decided in review (relabeled or confirmed) leaves the queue, and comes back when the decision is undone', async () => {
    const session = await DatasetSession.load(fixture, {});
    const first = reference.issues[0].id;
    session.setReviewed([first]);
    const view = await session.setView({ likelyError: true }, { column: 'labelQuality', descending: false });
    assert.deepEqual([view.count, view.openIssues], [reference.issues.length - 1, reference.issues.length - 1]);
    assert.equal(session.rows(0, 1)[0].key, reference.issues[1].id);
    session.setReviewed([]);
    assert.equal((await session.setView({ likelyError: true }, null)).count, reference.issues.length);
    session.close();
  });

  it('binary data with only a score: the score read as P(positive) as loupe metrics reads it, the saved positive class first (fixtures/scoreReadingReference.py)', async () => {
    for (const ref of [scoreReading.logitOtherClass, scoreReading.percent]) {
      const session = await open(ref.csv, { positiveClass: ref.positive });
      const summary = session.summary.labelIssues;
      assert.ok(summary);
      assert.deepEqual([summary.probabilityColumns, summary.issues], [['score', 'score'], ref.issues.length]);
      await session.setView({ likelyError: true }, { column: 'labelQuality', descending: false });
      const rows = session.rows(0, 1000);
      assert.deepEqual(
        rows.map((r) => [r.row, r.labelIssue?.given, r.labelIssue?.suggested]),
        ref.issues.map((e) => [e.row, ['benign', 'malignant'][e.given], ['benign', 'malignant'][e.suggested]]),
      );
      session.close();
    }
  });

  it('a file without probability columns or a score has no label issues: the filter keeps nothing and the derived sorts keep the order', async () => {
    const session = await open(CSV.replace(/^([^,\n]*,[^,\n]*,[^,\n]*,[^,\n]*),[^,\n]*/gm, '$1'));
    assert.equal(session.summary.labelIssues, null);
    assert.equal((await session.setView({ likelyError: true }, null)).count, 0);
    const view = await session.setView({}, { column: 'labelQuality', descending: false });
    assert.equal(view.openIssues, undefined);
    assert.deepEqual(session.rows(0, 10).map((r) => r.key), ALL);
    session.close();
  });
});

describe('dataset session: two predictions compared', () => {
  it('keeps the rows B fixed, broke or changed, reading 1, 1.0 and 01 as one class as pandas does', async () => {
    const session = await open(rowFiltersCsv);
    const b = session.summary.columns.findIndex((c) => c.name === 'prediction_v2');
    for (const kind of COMPARISON_KINDS) assert.deepEqual(await session.keysMatching({ comparison: { b, kind } }, 100), rowFiltersExpected[kind], kind);
    const fixed = rowFiltersExpected.fixed.length;
    assert.equal((await session.setView({ comparison: { b, kind: 'fixed' } }, null)).count, fixed);
    const device = session.summary.columns.findIndex((c) => c.name === 'device');
    const phones = await session.keysMatching({ columns: [{ column: device, values: ['phone'] }], comparison: { b, kind: 'fixed' } }, 100);
    assert.ok(phones.length > 0 && phones.length < fixed && phones.every((id) => rowFiltersExpected.fixed.includes(id)), 'combines with a slice filter');
    const ones = await session.keysMatching({ comparison: { b, kind: 'changed', labelClass: '1' } }, 100);
    assert.deepEqual(ones, rowFiltersExpected.changedOfClass1, 'rows labelled 1, 1.0 or 01 whose prediction changed');
    assert.deepEqual(await session.keysMatching({ comparison: { b, kind: 'changed', labelClass: '1.0' } }, 100), [], 'classes are named as loupe compare names them');
  });

  it('keeps no row when B is the prediction column itself, is not categorical, or the file has no label', async () => {
    const session = await open();
    const prediction = session.summary.columns.findIndex((c) => c.role === 'prediction');
    const score = session.summary.columns.findIndex((c) => c.name === 'score');
    assert.deepEqual(await session.keysMatching({ comparison: { b: prediction, kind: 'changed' } }, 10), []);
    assert.deepEqual(await session.keysMatching({ comparison: { b: score, kind: 'bothRight' } }, 10), []);
    const device = session.summary.columns.findIndex((c) => c.name === 'device');
    assert.deepEqual(await session.keysMatching({ comparison: { b: device, kind: 'broken' } }, 10), ['r1', 'r3', 'r5', 'r6', '__proto__'], 'a slice column as B is wrong on every row A got right');
    const unlabeled = await open('id,prediction,pred_v2\na,x,y\n');
    assert.deepEqual(await unlabeled.keysMatching({ comparison: { b: 2, kind: 'changed' } }, 10), []);
  });
});
