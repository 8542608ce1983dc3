import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { CliError } from '../cliError';
import { runAudit } from './audit';
import { runInfo } from './info';
import { runMetrics } from './metrics';
import { runTags } from './tags';

const SAMPLE = path.join(__dirname, '..', '..', '..', 'examples', 'speech-commands.csv');

/** A project folder with a label file and, optionally, its settings in .loupe/config.json. */
function project(csv: string, settings?: object): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'loupe-cli-analytics-'));
  writeFileSync(path.join(root, 'labels.csv'), csv);
  if (settings) {
    mkdirSync(path.join(root, '.loupe'));
    writeFileSync(path.join(root, '.loupe', 'config.json'), JSON.stringify({ version: 1, datasets: { 'labels.csv': settings } }));
  }
  return path.join(root, 'labels.csv');
}

describe('the CLI reads a file as the editor does', () => {
  it('applies the roles chosen in .loupe/config.json (info, metrics)', async () => {
    const csv = 'id,label,prediction,pred_v2\n1,a,a,a\n2,a,b,b\n3,b,b,a\n4,b,b,b\n';
    const inferred = JSON.parse(await runMetrics(project(csv), { json: true }));
    assert.equal(inferred.accuracy, 0.75);
    const file = project(csv, { roles: { prediction: 'other', pred_v2: 'prediction' } });
    assert.equal(JSON.parse(await runMetrics(file, { json: true })).accuracy, 0.5);
    assert.equal(JSON.parse((await runInfo(file, { json: true })).output).misclassified, 2);
  });

  it('uses the positive class saved in config.json unless --positive says otherwise', async () => {
    const csv = 'id,label,prediction,score\n1,pos,pos,0.9\n2,neg,pos,0.8\n3,pos,pos,0.7\n4,pos,neg,0.4\n5,neg,neg,0.2\n';
    assert.equal(JSON.parse(await runMetrics(project(csv), { json: true })).binary.positive, 'neg', 'default: the minority class');
    const file = project(csv, { positiveClass: 'pos' });
    assert.equal(JSON.parse(await runMetrics(file, { json: true })).binary.positive, 'pos');
    assert.equal(JSON.parse(await runMetrics(file, { json: true, positive: 'neg' })).binary.positive, 'neg');
    const audit = JSON.parse((await runAudit(file, { json: true, md: false, failOnFlagged: false }, ['audit'])).output);
    assert.equal(audit.metrics.binary.positive, 'pos');
  });

  it('refuses a saved positive class that is not a class of the file (exit code 2), naming it and the classes', async () => {
    const csv = 'id,label,prediction,score\n1,pos,pos,0.9\n2,neg,pos,0.8\n3,pos,pos,0.7\n4,pos,neg,0.4\n5,neg,neg,0.2\n';
    const file = project(csv, { positiveClass: 'Pos' });
    const saved = (e: unknown) => e instanceof CliError && e.exitCode === 2 && /the positive class "Pos" saved in \.loupe\/config\.json is not a class of this file \(classes: neg, pos\)/.test(e.message);
    await assert.rejects(runMetrics(file, { json: true }), saved);
    await assert.rejects(runAudit(file, { json: true, md: false, failOnFlagged: false }, ['audit']), saved);
    assert.equal(JSON.parse(await runMetrics(file, { json: true, positive: 'pos' })).binary.positive, 'pos', '--positive overrides the saved class');
    await assert.rejects(runMetrics(file, { json: true, positive: 'Neg' }), (e: unknown) => e instanceof CliError && e.exitCode === 2 && /--positive Neg: not a class/.test(e.message));
  });
});

describe('binary scores', () => {
  // score = P(1); 1 is the majority, so the default positive class is 0, the minority.
  // roc_auc_score(y == 1, score) = 5/6 (positives 0.9, 0.8, 0.4 against negatives 0.3, 0.6).
  const csv = 'id,label,prediction,prob\n1,1,1,0.9\n2,1,1,0.8\n3,1,0,0.4\n4,0,0,0.3\n5,0,1,0.6\n';

  it('reads a score that is P(the other class) as 1 − score, as the predictions show', async () => {
    const m = JSON.parse(await runMetrics(project(csv), { json: true }));
    assert.equal(m.binary.positive, '0');
    assert.equal(m.binary.scoreReadAs, 'negative');
    assert.ok(Math.abs(m.binary.rocAuc - 5 / 6) < 1e-12, String(m.binary.rocAuc));
  });

  it('keeps the score as P(positive) when the predictions agree with it', async () => {
    const m = JSON.parse(await runMetrics(project(csv), { json: true, positive: '1' }));
    assert.equal(m.binary.scoreReadAs, 'positive');
    assert.ok(Math.abs(m.binary.rocAuc - 5 / 6) < 1e-12);
    // average_precision_score(y == 1, score): ranks 0.9 (P), 0.8 (P), 0.6 (N), 0.4 (P), 0.3 (N)
    // → (1/3)(1 + 1 + 3/4) = 11/12.
    assert.ok(Math.abs(m.binary.averagePrecision - 11 / 12) < 1e-12, String(m.binary.averagePrecision));
  });

  it('reads the confidence of each prediction as P(positive) = score or 1 − score', async () => {
    // The same model as above, its score written as the confidence of the predicted class.
    const conf = 'id,label,prediction,confidence\n1,1,1,0.9\n2,1,1,0.8\n3,1,0,0.6\n4,0,0,0.7\n5,0,1,0.6\n';
    const m = JSON.parse(await runMetrics(project(conf), { json: true, positive: '1' }));
    assert.equal(m.binary.scoreReadAs, 'prediction');
    assert.ok(Math.abs(m.binary.rocAuc - 5 / 6) < 1e-12, String(m.binary.rocAuc));
  });
});

describe('loupe tags and loupe audit with chosen columns', () => {
  it('tags accepts --label and --prediction', async () => {
    const byLabeler = JSON.parse(await runTags(SAMPLE, { json: true, md: false, label: 'labeler_1', prediction: 'prediction' }));
    const metrics = JSON.parse(await runMetrics(SAMPLE, { json: true, label: 'labeler_1' }));
    assert.equal(byLabeler.total, metrics.n);
    assert.equal(byLabeler.errors, Math.round(metrics.n * (1 - metrics.accuracy)));
  });

  it('the tag section of an audit uses the same columns as its metrics', async () => {
    const audit = JSON.parse((await runAudit(SAMPLE, { json: true, md: false, failOnFlagged: false, label: 'labeler_1' }, ['audit'])).output);
    assert.ok(audit.tags, 'the sample has tags');
    assert.equal(audit.tags.total, audit.metrics.n);
    assert.ok(audit.metrics.n < 2000, 'labeler_1 left some examples unlabeled');
  });
});
