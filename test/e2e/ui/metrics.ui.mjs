// Model metrics and audits as a user reaches them: the Metrics view from the table, a click in
// the confusion matrix filters the table; "Loupe: Audit Dataset" writes the report with the
// slice the sample was built to fail (device = feature_phone).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CLI } from '../setup.mjs';
import { expect, openLabelTable, parseCsv, runCommand, webviewFrame } from './workbench.mjs';

export async function metricsViewAndAudit({ page, server, workspace, artifacts }) {
  const table = await openLabelTable(page, server, workspace, 'speech-commands.csv');
  await table.locator('vscode-button', { hasText: 'Metrics' }).click();

  const metrics = await webviewFrame(page, '.confusion');
  await expect(() => metrics.locator('.summary').first().textContent(), (t) => assert.match(t ?? '', /2,000 examples .* accuracy 89\.0%/), 'metrics summary');
  const classes = await metrics.locator('table.data-table').nth(1).locator('tbody tr td:first-child').allTextContents();
  assert.deepEqual(classes.slice(0, 10), ['down', 'go', 'left', 'no', 'off', 'on', 'right', 'stop', 'up', 'yes'], 'classes in scikit-learn order');
  await expect(() => metrics.locator('.slices tr.flagged').count(), (n) => assert.ok(n > 0), 'flagged slices');
  await page.screenshot({ path: path.join(artifacts, 'metrics.png') });

  // The cell label = go, prediction = no filters the table to those rows.
  const cell = metrics.locator('.confusion tbody tr', { has: metrics.locator('th', { hasText: /^go$/ }) }).locator('td').nth(3);
  const expected = (await cell.textContent()).trim();
  await cell.click();
  const filtered = await webviewFrame(page, '.grid-viewport');
  await expect(() => filtered.locator('.counts').textContent(), (t) => assert.match(t ?? '', new RegExp(`^${expected} of 2,000 rows`)), 'table filtered to the cell');

  await runCommand(page, 'Loupe: Audit Dataset');
  const reports = path.join(workspace, 'reports');
  const md = await expect(
    () => (existsSync(reports) ? readdirSync(reports).find((f) => /^loupe-audit-speech-commands-[0-9a-f]{6}-\d{4}-\d{2}-\d{2}\.md$/.test(f)) : undefined),
    (f) => assert.ok(f),
    'the audit report',
    60_000,
  );
  const text = readFileSync(path.join(reports, md), 'utf8');
  const flaggedSection = text.split('## Flagged slices')[1].split('## ')[0];
  assert.match(flaggedSection, /\| device = feature_phone \| \d+ \| \d+\.\d% .*⚠ yes/, 'the feature_phone slice is flagged');
  assert.match(text, /Reproduce: `loupe audit speech-commands\.csv --margin 0\.02 --md`/);
  const json = JSON.parse(readFileSync(path.join(reports, md.replace(/\.md$/, '.json')), 'utf8'));
  assert.ok(json.slices.results.some((s) => s.flagged && s.key.length === 1 && s.key[0].value === 'feature_phone'));
  // The markdown preview opens.
  await page.locator('.tab', { hasText: /Preview loupe-audit/ }).first().waitFor({ timeout: 20_000 });
  const preview = await webviewFrame(page, 'h1');
  await expect(() => preview.locator('h1').first().textContent(), (t) => assert.match(t ?? '', /Loupe audit: speech-commands\.csv/), 'the preview shows the report');
  await page.screenshot({ path: path.join(artifacts, 'audit-report.png') });
}

// Binary data with a probability column: ROC AUC and AP as `loupe metrics` computes them, the
// threshold slider recounts the confusion, and the positive class chosen in the view is kept in
// .loupe/config.json, where the CLI finds it too.
export async function binaryThresholdAndPositiveClass({ page, server, workspace, artifacts }) {
  const rows = parseCsv(readFileSync(path.join(workspace, 'speech-commands.csv'), 'utf8')).slice(1);
  assert.equal(rows.length, 2000);
  const data = rows.map((f) => {
    const wake = f[4] === 'yes';
    const confidence = Number(f[5]);
    return { id: f[0], label: f[3] === 'yes' ? 'wake' : 'other', prediction: wake ? 'wake' : 'other', prob: (wake ? 0.5 + confidence / 2 : 0.5 - confidence / 2).toFixed(4), device: f[10] };
  });
  const file = path.join(workspace, 'wake-word.csv');
  writeFileSync(file, ['id,label,prediction,prob,device', ...data.map((d) => `${d.id},${d.label},${d.prediction},${d.prob},${d.device}`)].join('\n') + '\n');
  const cli = () => JSON.parse(execFileSync(process.execPath, [CLI, 'metrics', file, '--json'], { encoding: 'utf8' })).binary;
  const before = cli();
  assert.equal(before.positive, 'wake', 'the minority class by default');

  const table = await openLabelTable(page, server, workspace, 'wake-word.csv');
  await table.locator('vscode-button', { hasText: 'Metrics' }).click();
  const metrics = await webviewFrame(page, 'section.binary canvas');
  const facts = () => metrics.locator('section.binary p.summary').textContent();
  await expect(facts, (t) => assert.match(t ?? '', new RegExp(`ROC AUC ${before.rocAuc.toFixed(4)} · average precision ${before.averagePrecision.toFixed(4)}`)), 'ranking metrics as the CLI computes them');

  // The slider: everything with P(wake) ≥ 0.7 is predicted wake.
  await metrics.locator('section.binary input[type=range]').evaluate((input) => {
    input.value = '0.7';
    input.dispatchEvent(new input.ownerDocument.defaultView.Event('input'));
  });
  const count = (p, l) => data.filter((d) => (Number(d.prob) >= 0.7) === p && (d.label === 'wake') === l).length;
  const expected = `TP ${count(true, true)} · FP ${count(true, false)} · FN ${count(false, true)} · TN ${count(false, false)}`;
  await expect(() => metrics.locator('section.binary .summary').first().textContent(), (t) => assert.ok((t ?? '').endsWith(expected), `${t} ends with ${expected}`), 'the confusion at threshold 0.7');
  await page.screenshot({ path: path.join(artifacts, 'metrics-binary.png') });

  // Another positive class: remembered in config.json, used by the CLI, the score read as 1 − P(wake).
  await metrics.locator('section.binary vscode-single-select').first().evaluate((select) => {
    select.value = 'other';
    select.dispatchEvent(new select.ownerDocument.defaultView.Event('change'));
  });
  const config = path.join(workspace, '.loupe', 'config.json');
  await expect(() => (existsSync(config) ? JSON.parse(readFileSync(config, 'utf8')) : {}), (c) => assert.equal(c.datasets?.['wake-word.csv']?.positiveClass, 'other'), 'the positive class in config.json');
  const after = cli();
  assert.deepEqual([after.positive, after.scoreReadAs], ['other', 'negative']);
  assert.ok(Math.abs(after.rocAuc - before.rocAuc) < 1e-12, 'ROC AUC does not depend on which class is positive');
  await expect(() => metrics.locator('section.binary .reading').textContent(), (t) => assert.equal(t, 'Positive class other, as chosen. Score: prob read as a probability of the other class: P(other) = 1 − prob.'), 'the view says how the score is read');
}

// Logits written for the other class: the view reads them negated (never 1 − score), says so,
// starts the slider at 0 on the logit scale and counts the confusion there as `loupe metrics` does.
export async function logitScoresInMetricsView({ page, server, workspace, artifacts }) {
  const rows = parseCsv(readFileSync(path.join(workspace, 'speech-commands.csv'), 'utf8')).slice(1);
  const data = rows.map((f) => {
    const wake = f[4] === 'yes';
    const confidence = Math.min(0.999, Number(f[5]));
    const logit = Math.log(confidence / (1 - confidence));
    // The logit of "other": negative where the model predicts wake.
    return { id: f[0], label: f[3] === 'yes' ? 'wake' : 'other', prediction: wake ? 'wake' : 'other', margin: (wake ? -logit : logit).toFixed(3) };
  });
  const file = path.join(workspace, 'wake-logits.csv');
  writeFileSync(file, ['id,label,prediction,logit', ...data.map((d) => `${d.id},${d.label},${d.prediction},${d.margin}`)].join('\n') + '\n');
  const cli = JSON.parse(execFileSync(process.execPath, [CLI, 'metrics', file, '--json'], { encoding: 'utf8' })).binary;
  assert.deepEqual([cli.positive, cli.scoreScale, cli.scoreReadAs, cli.atThreshold.threshold], ['wake', 'logit', 'negated', 0]);

  const table = await openLabelTable(page, server, workspace, 'wake-logits.csv');
  await table.locator('vscode-button', { hasText: 'Metrics' }).click();
  const metrics = await webviewFrame(page, 'section.binary canvas');
  await expect(
    () => metrics.locator('section.binary .reading').textContent(),
    (t) => assert.match(t ?? '', /^Positive class wake: the label's minority class \(the default; choose another above\)\. Score: logit read as a logit or margin for the other class, negated: score for wake = −logit/),
    'the view says how the score and the positive class were read',
  );
  const t = cli.atThreshold;
  await expect(() => metrics.locator('section.binary .summary').first().textContent(), (text) => assert.ok((text ?? '').endsWith(`TP ${t.truePositives} · FP ${t.falsePositives} · FN ${t.falseNegatives} · TN ${t.trueNegatives}`), text), 'the confusion at 0 on the logit scale');
  assert.equal(await metrics.locator('section.binary .threshold-value').textContent(), '0.00');
  await expect(() => metrics.locator('section.binary p.summary').first().textContent(), (text) => assert.match(text ?? '', new RegExp(`ROC AUC ${cli.rocAuc.toFixed(4)} .* on 2,000 rows with a label and a score`)), 'ROC AUC as the CLI computes it');
  await page.screenshot({ path: path.join(artifacts, 'metrics-logits.png') });
}


// A positive class saved in .loupe/config.json that the file does not have (here "Wake" for
// "wake"): the Metrics view says so in its banner, naming it and the classes; the CLI exits 2.
export async function savedPositiveClassNotInTheFile({ page, server, workspace, artifacts }) {
  const file = path.join(workspace, 'wake-word.csv');
  writeFileSync(file, ['id,label,prediction,prob', '1,wake,wake,0.9', '2,other,other,0.2', '3,wake,other,0.4', '4,other,other,0.1', '5,other,wake,0.7', '6,other,other,0.3', ''].join('\n'));
  mkdirSync(path.join(workspace, '.loupe'), { recursive: true });
  writeFileSync(path.join(workspace, '.loupe', 'config.json'), JSON.stringify({ version: 1, datasets: { 'wake-word.csv': { positiveClass: 'Wake' } } }));
  let exitCode = 0;
  let stderr = '';
  try {
    execFileSync(process.execPath, [CLI, 'metrics', file, '--json'], { encoding: 'utf8', stdio: 'pipe' });
  } catch (error) {
    exitCode = error.status;
    stderr = String(error.stderr);
  }
  assert.equal(exitCode, 2);
  assert.match(stderr, /the positive class "Wake" saved in \.loupe\/config\.json is not a class of this file \(classes: other, wake\)/);

  const table = await openLabelTable(page, server, workspace, 'wake-word.csv');
  await table.locator('vscode-button', { hasText: 'Metrics' }).click();
  const metrics = await webviewFrame(page, 'section.binary canvas');
  const banner = metrics.locator('.problem-banner');
  await expect(() => banner.textContent(), (t) => assert.match(t ?? '', /the positive class "Wake" saved in \.loupe\/config\.json is not a class of this file \(classes: other, wake\); the ranking figures use the minority class "wake" instead/), 'the warning in the banner');
  assert.equal(await banner.isVisible(), true);
  await page.screenshot({ path: path.join(artifacts, 'metrics-unknown-positive.png') });
}
