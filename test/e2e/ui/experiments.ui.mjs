// Experiment tracking as a user does it: record an experiment from the palette (answering
// every prompt), see it in the Experiments sidebar, record a second one with the CLI as a
// training script would (the tree follows the file), then compare the two in the log view.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { appendFileSync, cpSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CLI, ROOT } from '../setup.mjs';
import { chooseColorTheme, contextMenu, expect, openLabelTable, openRestricted, openWorkbench, parseCsv, pickQuickItem, runCommand, runCommandAndPick, tickQuickItem, webviewFrame, webviewThemed, pressTableKey } from './workbench.mjs';
import { contrast, THEMES } from './contrast.mjs';

const git = (cwd, ...args) =>
  execFileSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 'e2e', GIT_AUTHOR_EMAIL: 'e2e@loupe', GIT_COMMITTER_NAME: 'e2e', GIT_COMMITTER_EMAIL: 'e2e@loupe' } }).trim();
const loupe = (cwd, ...args) => execFileSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });

/** The workspace as a small git repository, so records carry a real commit. */
function initRepository(workspace) {
  git(workspace, 'init', '-q', '-b', 'main');
  writeFileSync(path.join(workspace, 'train.py'), 'print("training")\n');
  git(workspace, 'add', '.');
  git(workspace, 'commit', '-q', '-m', 'sample data and a training script');
  return git(workspace, 'rev-parse', 'HEAD');
}

function records(workspace) {
  const folder = path.join(workspace, '.loupe', 'experiments');
  let names = [];
  try {
    names = readdirSync(folder).filter((n) => n.endsWith('.json'));
  } catch {
    // not there yet
  }
  return names.map((n) => JSON.parse(readFileSync(path.join(folder, n), 'utf8')));
}

/** Waits for the quick input whose title has `title`, then types `value` and presses Enter. */
async function answerInput(page, title, value) {
  await page.locator('.quick-input-widget .quick-input-title', { hasText: title }).waitFor({ state: 'visible', timeout: 15_000 });
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.fill(value);
  await page.keyboard.press('Enter');
}

async function showExperimentsView(page) {
  await runCommand(page, 'Loupe: Focus on Experiments View');
  // The view's own header, or, when it is the only view shown in its container, the container's title.
  await page.locator('.pane-header[aria-label="Experiments Section"], .sidebar .composite.title .title-label', { hasText: /Experiments/ }).first().waitFor({ state: 'attached', timeout: 15_000 });
}

const treeRow = (page, name) => page.locator('.pane-body .monaco-list-row', { hasText: name }).first();

export async function recordFromPaletteThenCliThenCompare({ page, server, workspace, artifacts }) {
  const head = initRepository(workspace);
  await openWorkbench(page, server, workspace);
  await showExperimentsView(page);
  const welcome = page.locator('.welcome-view-content', { hasText: 'No experiments yet' });
  await welcome.waitFor({ timeout: 15_000 });
  assert.equal(await welcome.locator('a.monaco-button', { hasText: 'Record Experiment' }).count(), 1, 'the welcome view offers Record Experiment');
  assert.equal(await welcome.locator('a.monaco-button', { hasText: 'Import Experiments' }).count(), 1, 'the welcome view offers Import Experiments');
  await page.screenshot({ path: path.join(artifacts, 'experiments-welcome.png') });

  // 1. From the palette, answering each prompt: name, typed params, metrics computed by Loupe on the label file.
  await runCommand(page, 'Loupe: Record Experiment');
  await answerInput(page, 'Record Experiment (1/4)', 'baseline lr 0.1');
  await pickQuickItem(page, 'Type them');
  await answerInput(page, 'hyperparameters', 'lr=0.1 model.depth=3 optimizer=sgd');
  await pickQuickItem(page, 'Compute on a label file');
  await pickQuickItem(page, 'speech-commands.csv');
  const first = await expect(() => records(workspace), (r) => assert.equal(r.length, 1), 'the palette record on disk', 60_000);
  const palette = first[0];
  assert.deepEqual([palette.name, palette.source.kind, palette.params], ['baseline lr 0.1', 'palette', { lr: 0.1, model: { depth: 3 }, optimizer: 'sgd' }]);
  assert.equal(palette.data.path, 'speech-commands.csv');
  assert.equal(palette.data.sha256, createHash('sha256').update(readFileSync(path.join(workspace, 'speech-commands.csv'))).digest('hex'));
  assert.equal(palette.data.rows, 2000);
  assert.deepEqual([palette.code.gitAvailable, palette.code.commit, palette.code.branch, palette.code.dirty], [true, head, 'main', false], `git state from VS Code's git extension: ${JSON.stringify(palette.code)}`);
  // The same numbers as the CLI computes on the same file.
  const scored = JSON.parse(loupe(workspace, 'record', '--name', 'cli check', '--dataset', 'speech-commands.csv', '--score', '--json'));
  assert.deepEqual(palette.metrics, scored.experiment.metrics);
  assert.equal(palette.metrics.accuracy, (2000 - 219) / 2000);
  execFileSync('rm', [path.join(workspace, scored.file)]);
  await expect(() => treeRow(page, 'baseline lr 0.1').textContent(), (t) => assert.match(t ?? '', /macro_f1 0\.\d+ · (just now|\d+ s ago)/), 'the palette record in the tree');
  await expect(() => page.locator('.pane-body .monaco-list-row', { hasText: 'cli check' }).count(), (n) => assert.equal(n, 0), 'the deleted check record left the tree');

  // 2. A training script records with the CLI: the tree follows the new file by itself.
  writeFileSync(path.join(workspace, 'params.yaml'), 'lr: 0.01\nmodel:\n  depth: 3\noptimizer: sgd\n');
  writeFileSync(path.join(workspace, 'metrics.json'), JSON.stringify({ accuracy: 0.93, macro_f1: 0.91, val_loss: 0.25 }) + '\n');
  const cli = JSON.parse(loupe(workspace, 'record', '--name', 'lower lr', '--params', 'params.yaml', '--metrics', 'metrics.json', '--dataset', 'speech-commands.csv', '--json'));
  assert.equal(cli.experiment.code.commit, head);
  await expect(() => treeRow(page, 'lower lr').textContent(), (t) => assert.match(t ?? '', /macro_f1 0\.91/), 'the CLI record appears in the tree without a refresh');
  await page.screenshot({ path: path.join(artifacts, 'experiments-tree.png') });

  // 3. Compare with… from the tree's context menu, then read the comparison in the log view.
  await contextMenu(page, treeRow(page, 'lower lr'), 'Compare with…');
  await tickQuickItem(page, 'baseline lr 0.1');
  await page.keyboard.press('Enter');
  const log = await webviewFrame(page, '.compare-main');
  const row = (label) => log.locator('.compare-table tr', { has: log.locator('th.row-label', { hasText: new RegExp(`^${label}$`) }) });
  await expect(() => log.locator('.compare-main thead th').allTextContents(), (t) => assert.deepEqual(t, ['', 'baseline lr 0.1', 'lower lr']), 'the older run is the reference');
  assert.deepEqual(await row('lr').locator('td').allTextContents(), ['0.1', '0.01'], 'the params diff');
  assert.equal(await row('lr').getAttribute('class'), 'differs');
  assert.equal((await row('optimizer').getAttribute('class')) ?? '', '', 'same params are not marked');
  const accuracy = row('accuracy').locator('td').nth(1);
  assert.match(await accuracy.textContent(), /^0\.93 \+0\.0395 ▲$/, 'the accuracy delta');
  assert.equal(await accuracy.getAttribute('class'), 'num outcome-better');
  const colors = await accuracy.locator('.delta').evaluate((d) => [getComputedStyle(d).color, getComputedStyle(document.body).color]);
  assert.notEqual(colors[0], colors[1], 'a better delta is coloured');
  assert.match(await log.locator('.data-summary').textContent(), /^Same dataset content\./);
  await log.locator('.comparison').scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(artifacts, 'experiments-log-compare.png') });
  await log.locator('h2.title').scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(artifacts, 'experiments-log-table.png') });
}

// Code changed since the last commit, one change staged and one not: the palette's record
// (through VS Code's git extension) names the same diff as the CLI's (git diff HEAD).
export async function recordDirtyCodeMatchesTheCli({ page, server, workspace }) {
  const head = initRepository(workspace);
  writeFileSync(path.join(workspace, 'train.py'), 'print("training, staged")\n');
  git(workspace, 'add', 'train.py');
  writeFileSync(path.join(workspace, 'speech-commands.csv'), readFileSync(path.join(workspace, 'speech-commands.csv'), 'utf8').replace('utt-0000001,', 'utt-0000001b,'));
  await openWorkbench(page, server, workspace);
  await runCommand(page, 'Loupe: Record Experiment');
  await answerInput(page, 'Record Experiment (1/4)', 'dirty tree');
  await pickQuickItem(page, 'No params');
  await pickQuickItem(page, 'No metrics');
  await pickQuickItem(page, 'No dataset');
  const [record] = await expect(() => records(workspace), (r) => assert.equal(r.length, 1), 'the palette record on disk', 60_000);
  const cli = JSON.parse(loupe(workspace, 'record', '--name', 'cli', '--json')).experiment;
  assert.deepEqual([record.code.commit, record.code.dirty], [head, true], JSON.stringify(record.code));
  assert.match(record.code.diffSha256 ?? '', /^[0-9a-f]{64}$/);
  assert.equal(record.code.diffSha256, cli.code.diffSha256, 'the same diff against HEAD, staged change included');
  const unstagedOnly = createHash('sha256').update(git(workspace, 'diff', '--no-ext-diff', '--no-textconv', '--no-color')).digest('hex');
  assert.notEqual(record.code.diffSha256, unstagedOnly);
}

// The workspace is a sub-folder of a repository (a package of a monorepo), which VS Code's git
// extension leaves closed by default: the palette record names the same commit, dirty flag and
// diff as `loupe record` run in the same folder, and a .loupe/ change is not code.
export async function recordInSubfolderOfRepositoryMatchesTheCli({ page, server, workspace }) {
  const top = path.dirname(workspace);
  writeFileSync(path.join(top, '.gitignore'), '/*\n!/.gitignore\n!/code/\n!/' + path.basename(workspace) + '/\n');
  mkdirSync(path.join(top, 'code'), { recursive: true });
  writeFileSync(path.join(top, 'code', 'train.py'), 'print("training")\n');
  git(top, 'init', '-q', '-b', 'main');
  git(top, 'add', '.');
  git(top, 'commit', '-q', '-m', 'a monorepo with the data in a package');
  const head = git(top, 'rev-parse', 'HEAD');
  writeFileSync(path.join(top, 'code', 'train.py'), 'print("training, changed")\n');
  await openWorkbench(page, server, workspace);
  await runCommand(page, 'Loupe: Record Experiment');
  await answerInput(page, 'Record Experiment (1/4)', 'from a package');
  await pickQuickItem(page, 'No params');
  await pickQuickItem(page, 'No metrics');
  await pickQuickItem(page, 'No dataset');
  const [record] = await expect(() => records(workspace), (r) => assert.equal(r.length, 1), 'the palette record on disk', 60_000);
  assert.deepEqual([record.code.gitAvailable, record.code.commit, record.code.branch, record.code.dirty], [true, head, 'main', true], JSON.stringify(record.code));
  const cli = JSON.parse(loupe(workspace, 'record', '--name', 'cli', '--json')).experiment;
  assert.deepEqual(cli.code, record.code, 'the palette and the CLI record the same code state');
  assert.equal(record.code.diffSha256, createHash('sha256').update(git(top, 'diff', '--no-ext-diff', '--no-textconv', '--no-color', 'HEAD', '--', 'code') + '\n').digest('hex'));
}

// A training script appends to its log while the viewer is open: the curves grow, an
// unfinished last line waits, a broken line is reported with its number and skipped.
export async function trainingLogFollowsTheFile({ page, server, workspace, artifacts }) {
  const log = path.join(workspace, 'training_log.csv');
  writeFileSync(log, 'epoch,loss,accuracy,val_loss,val_accuracy\n0,1.20,0.52,1.10,0.55\n1,0.90,0.64,0.95,0.61\n');
  await openWorkbench(page, server, workspace);
  await runCommandAndPick(page, 'Loupe: Open Training Log', 'training_log.csv');
  const view = await webviewFrame(page, '.series-list vscode-checkbox');
  await expect(() => view.locator('.series-list vscode-checkbox').evaluateAll((c) => c.map((x) => x.getAttribute('label'))), (l) => assert.deepEqual(l, ['loss (2)', 'accuracy (2)', 'val_loss (2)', 'val_accuracy (2)']), 'four series');
  assert.match(await view.locator('.summary').textContent(), /Keras CSVLogger · 3 lines read/);
  // Keras counts epochs; the losses have the left axis, the accuracies the 0–1 right one.
  const canvas = view.locator('.chart-box canvas');
  await expect(() => canvas.getAttribute('data-x-axis'), (x) => assert.equal(x, 'epoch'), 'the x-axis counts epochs');
  assert.equal(await canvas.getAttribute('data-left-axis'), 'loss,val_loss');
  assert.equal(await canvas.getAttribute('data-right-axis'), 'accuracy,val_accuracy');
  appendFileSync(log, '2,0.70,0.71,0.80,0.66\n3,oops,0.75,0.78,0.68\n4,0.55,0.78,0.74,0.7');
  await expect(() => view.locator('.problems li').allTextContents(), (t) => assert.deepEqual(t, ['Line 5: column "loss": "oops" is not a number; this line was skipped']), 'the broken line reported');
  assert.equal(await view.locator('.series-list vscode-checkbox').first().getAttribute('label'), 'loss (3)', 'the unfinished last line waits');
  appendFileSync(log, '0\n5,0.50,0.80,0.72,0.71\n');
  await expect(() => view.locator('.series-list vscode-checkbox').first().getAttribute('label'), (l) => assert.equal(l, 'loss (5)'), 'the completed lines were read');
  await view.locator('input[type=range]').fill('0.6');
  await page.screenshot({ path: path.join(artifacts, 'training-log.png') });
}

// A label file opened as a training log by mistake: one message naming it, no warning per row.
export async function trainingLogRefusesALabelFile({ page, server, workspace, artifacts }) {
  await openWorkbench(page, server, workspace);
  await runCommandAndPick(page, 'Loupe: Open Training Log', 'speech-commands.csv');
  const view = await webviewFrame(page, '.banner.warn:not([hidden])');
  assert.match(await view.locator('.banner.warn').textContent(), /^speech-commands\.csv is not a training log: none of its first [\d,]+ rows can be read as numbers \(line 2: column "id": "utt-0000001" is not a number\)\. A training log has one row per step or epoch/);
  assert.equal(await view.locator('.problems').isHidden(), true, 'no warning per row');
  await page.screenshot({ path: path.join(artifacts, 'training-log-not-a-log.png') });
}

// In Restricted Mode the record says git was not run, and why.
export async function recordInRestrictedModeRunsNoGit({ page, server, workspace }) {
  initRepository(workspace);
  await openRestricted(page, server, workspace);
  await runCommand(page, 'Loupe: Record Experiment');
  await answerInput(page, 'Record Experiment (1/4)', 'untrusted run');
  await pickQuickItem(page, 'No params');
  await pickQuickItem(page, 'No metrics');
  await pickQuickItem(page, 'No dataset');
  const [record] = await expect(() => records(workspace), (r) => assert.equal(r.length, 1), 'the record on disk', 30_000);
  assert.deepEqual(record.code, { gitAvailable: false, reason: 'workspace not trusted (Restricted Mode): git was not run', commit: null, branch: null, dirty: null, diffSha256: null, remote: null });
}
recordInRestrictedModeRunsNoGit.server = { workspaceTrust: true };


// The comparison in every theme, as screenshots to look at, with a contrast check of the coloured deltas.
export async function experimentLogReadsInEveryTheme({ page, server, workspace, artifacts }) {
  // The CLI records into the nearest folder with .loupe/ or .git: make it this workspace.
  mkdirSync(path.join(workspace, '.loupe'));
  writeFileSync(path.join(workspace, 'm1.json'), JSON.stringify({ accuracy: 0.9, val_loss: 0.3 }));
  writeFileSync(path.join(workspace, 'm2.json'), JSON.stringify({ accuracy: 0.92, val_loss: 0.35 }));
  loupe(workspace, 'record', '--name', 'human level', '--metrics', 'm1.json', '--baseline', 'human-level', '--param', 'lr=0.1');
  loupe(workspace, 'record', '--name', 'tuned', '--metrics', 'm2.json', '--param', 'lr=0.05', '--dataset', 'speech-commands.csv', '--score');
  await openWorkbench(page, server, workspace);
  await runCommand(page, 'Loupe: Show Experiment Log');
  const log = await webviewFrame(page, '.experiments-table tbody tr');
  for (const box of await log.locator('.experiments-table tbody vscode-checkbox').all()) await box.click();
  await log.locator('.compare-main').waitFor();
  for (const [name, theme] of THEMES) {
    await chooseColorTheme(page, theme);
    await webviewThemed(log, theme);
    for (const outcome of ['better', 'worse']) {
      const [color, background] = await log.locator(`.compare-table td.outcome-${outcome} .delta`).first().evaluate((d) => [getComputedStyle(d).color, getComputedStyle(document.body).backgroundColor]);
      const ratio = contrast(color, background);
      console.log(`    ${name} ${outcome} ${ratio.toFixed(2)}`);
      assert.ok(ratio >= 4.5, `${name}: the ${outcome} delta (${color} on ${background}) has contrast ${ratio.toFixed(2)}`);
    }
    await log.locator('.compare-table td.outcome-worse').first().scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(artifacts, `experiments-log-${name}.png`) });
  }
}

// The tree's own actions: star, delete into the trash, restore, group by day.
export async function starDeleteRestoreAndGroupInTheTree({ page, server, workspace, artifacts }) {
  mkdirSync(path.join(workspace, '.loupe'));
  loupe(workspace, 'record', '--name', 'first run', '--param', 'lr=0.1');
  loupe(workspace, 'record', '--name', 'second run', '--param', 'lr=0.2', '--dataset', 'speech-commands.csv');
  const byName = (name) => records(workspace).find((r) => r.name === name);
  await openWorkbench(page, server, workspace);
  await showExperimentsView(page);
  await treeRow(page, 'second run').waitFor({ timeout: 15_000 });

  await contextMenu(page, treeRow(page, 'first run'), /^Star/, async () => byName('first run')?.starred === true);
  await expect(() => treeRow(page, 'first run').locator('.codicon-star-full').count(), (n) => assert.ok(n >= 1), 'a starred item shows a star');

  await contextMenu(page, treeRow(page, 'second run'), /^Delete/, async () => byName('second run') === undefined);
  await expect(() => page.locator('.pane-body .monaco-list-row', { hasText: 'second run' }).count(), (n) => assert.equal(n, 0), 'the deleted run left the tree');
  assert.equal(readdirSync(path.join(workspace, '.loupe', 'trash', 'experiments')).length, 1, 'it is in the trash');

  await runCommand(page, 'Loupe: Restore Deleted Experiment');
  await tickQuickItem(page, 'second run');
  await page.keyboard.press('Enter');
  await treeRow(page, 'second run').waitFor({ timeout: 15_000 });
  assert.ok(byName('second run'), 'restored on disk');

  await page.locator('.pane-header .action-label[aria-label="Group Experiments by Day"], .title-actions .action-label[aria-label="Group Experiments by Day"]').first().click();
  await expect(() => page.locator('.pane-body .monaco-list-row').first().textContent(), (t) => assert.match(t ?? '', /^Today \(\d{4}-\d{2}-\d{2}\)/), 'grouped by day');
  await page.screenshot({ path: path.join(artifacts, 'experiments-tree-by-day.png') });
}

// MLflow runs found in the workspace are imported read-only; importing again changes nothing.
export async function importMlflowRunsTwice({ page, server, workspace }) {
  cpSync(path.join(ROOT, 'test', 'fixtures', 'experiments', 'mlruns'), path.join(workspace, 'mlruns'), { recursive: true });
  await openWorkbench(page, server, workspace);
  await showExperimentsView(page);
  await page.locator('.welcome-view-content a.monaco-button', { hasText: 'Import Experiments' }).click();
  await pickQuickItem(page, 'mlruns');
  // Messages land in the notification center (toasts are not shown in this test setup).
  const notified = async (text) => {
    await runCommand(page, 'Notifications: Show Notifications');
    await page.locator('.notifications-center .notification-list-item', { hasText: text }).first().waitFor({ timeout: 30_000 });
    await runCommand(page, 'Notifications: Clear All Notifications');
  };
  await notified('MLflow: 3 created, 0 updated, 0 unchanged');
  for (const name of ['quick-and-dirty', 'bert-base-lr3e-5', 'bert-base-lr1e-4']) await treeRow(page, name).waitFor({ timeout: 15_000 });
  const imported = records(workspace);
  assert.deepEqual(imported.map((r) => r.source.kind), ['mlflow', 'mlflow', 'mlflow']);
  await runCommandAndPick(page, 'Loupe: Import Experiments', 'mlruns');
  await notified('MLflow: 0 created, 0 updated, 3 unchanged');
  assert.equal(records(workspace).length, 3, 'no duplicates');
}

// The fake gain: record, apply a label fix to a new file, record on it, compare. The
// comparison states each tag's size in both records and says the populations differ, so no
// per-tag delta is drawn as a model change.
export async function labelFixedCopyComparedWithoutFakeGain({ page, server, workspace, artifacts }) {
  mkdirSync(path.join(workspace, '.loupe'), { recursive: true });
  const before = JSON.parse(loupe(workspace, 'record', '--name', 'before fixes', '--dataset', 'speech-commands.csv', '--score', '--json')).experiment;
  assert.equal(before.perTag['blurry audio'].n, 16, 'the record says on how many examples the tag was scored');

  // Review one disagreement, decide it, save, and apply the fix to a new file.
  const view = await openLabelTable(page, server, workspace, 'speech-commands.csv');
  await view.locator('.grid-viewport').focus();
  await pressTableKey(page, 'd');
  await expect(() => view.locator('.counts').textContent(), (t) => assert.match(t ?? '', /^\d+ of 2,000 rows/), 'disagreements');
  await pressTableKey(page, 'r');
  const card = view.locator('.review-card');
  await card.waitFor();
  // A candidate that changes the label (choosing the current label only confirms it).
  const choices = await card.locator('.review-choices li span:not(.detail-muted)').allTextContents();
  const decidedId = (await view.locator('.grid-row.selected .grid-cell').nth(1).textContent()).trim();
  const current = parseCsv(readFileSync(path.join(workspace, 'speech-commands.csv'), 'utf8')).find((r) => r[0] === decidedId)[3];
  await page.keyboard.press(String(choices.findIndex((c) => c !== current) + 1));
  await view.locator('.grid-row', { has: view.locator('.grid-cell:nth-child(2)', { hasText: decidedId }) }).locator('.fix-chip').waitFor();
  await page.keyboard.press('Control+s');
  await expect(() => page.locator('.tab.dirty').count(), (n) => assert.equal(n, 0), 'saved');
  await runCommandAndPick(page, 'Loupe: Apply Label Fixes', 'Write a new file');
  const pathInput = page.locator('.quick-input-widget .quick-input-box input');
  await expect(() => pathInput.inputValue(), (v) => assert.match(v, /speech-commands-fixed\.csv$/), 'the suggested file name');
  await page.keyboard.press('Enter');
  const fixedFile = path.join(workspace, 'speech-commands-fixed.csv');
  await expect(() => readdirSync(workspace).includes('speech-commands-fixed.csv'), (ok) => assert.ok(ok), 'the fixed file');
  await expect(() => readFileSync(fixedFile, 'utf8').length, (n) => assert.ok(n > 0), 'the fixed file written');
  const after = JSON.parse(loupe(workspace, 'record', '--name', 'after fixes', '--dataset', 'speech-commands-fixed.csv', '--score', '--json')).experiment;
  assert.notEqual(after.data.sha256, before.data.sha256);

  // Compare with… from the tree: the log shows both sizes and the population note.
  await showExperimentsView(page);
  await treeRow(page, 'after fixes').waitFor({ timeout: 30_000 });
  await contextMenu(page, treeRow(page, 'after fixes'), 'Compare with…');
  await tickQuickItem(page, 'before fixes');
  await page.keyboard.press('Enter');
  const log = await webviewFrame(page, '.compare-main');
  await expect(() => log.locator('.compare-main thead th').allTextContents(), (t) => assert.deepEqual(t, ['', 'before fixes', 'after fixes']), 'the older record is the reference');
  const note = log.locator('.population-note');
  await expect(() => note.textContent(), (t) => assert.match(t ?? '', /tags and slices were computed on different populations: their deltas are marked "≠ examples", not ▲\/▼/), 'the population note');
  assert.match(await note.textContent(), /computed on different dataset contents/);
  const row = (label) => log.locator('.compare-table tr', { has: log.locator('th.row-label', { hasText: new RegExp(`^${label}$`) }) });
  for (const tag of Object.keys(before.perTag)) {
    assert.deepEqual(await row(`${tag} · n`).locator('td').allTextContents(), [String(before.perTag[tag].n), String(after.perTag[tag].n)], `the sizes of "${tag}"`);
    const accuracy = row(`${tag} · accuracy`).locator('td').nth(1);
    assert.equal(await accuracy.getAttribute('class'), 'num outcome-different-population', `no gain drawn for "${tag}"`);
    assert.doesNotMatch(await accuracy.textContent(), /[▲▼]/);
  }
  await log.locator('details.compare-groups').first().scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(artifacts, 'experiments-population-note.png') });
}
