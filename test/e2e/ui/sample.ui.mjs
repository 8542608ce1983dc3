// The sample workspace as a newcomer meets it: "Loupe: Open Sample Workspace" from an empty
// window (the folder chosen in VS Code's own simple file dialog), the "Get Started with Loupe"
// walkthrough, and the Experiments sidebar listing the sample's committed records.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { homedir } from 'node:os';
import { ROOT } from '../setup.mjs';
import { chooseColorTheme, contextMenu, expect, openWorkbench, pickQuickItem, runCommand, tableSettled, tickQuickItem, until, webview, webviewFrame, webviewThemed } from './workbench.mjs';
import { THEMES } from './contrast.mjs';
import { localizedManifest } from './manifest.mjs';

const SAMPLE_RECORDS = readdirSync(path.join(ROOT, 'examples', '.loupe', 'experiments')).filter((n) => n.endsWith('.json'));
const recordName = (file) => JSON.parse(readFileSync(path.join(ROOT, 'examples', '.loupe', 'experiments', file), 'utf8')).name;
const WALKTHROUGH_STEPS = localizedManifest().contributes.walkthroughs[0].steps.map((s) => s.title);

/**
 * Types `folder` into the simple file dialog as a user does, waits until it lists that folder's
 * sub-folder `marker` with the typed path still in the box, then chooses OK and waits until the
 * dialog has gone. The dialog resets its box to its start folder when it finishes opening, and
 * ignores OK while it is busy reading a folder: when either happened, the user types the path again.
 */
async function chooseFolderInSimpleDialog(page, folder, marker, okLabel) {
  const input = page.locator('.quick-input-widget .quick-input-box input');
  const ok = page.locator('.quick-input-widget .monaco-button', { hasText: okLabel });
  // The dialog has opened when its box holds its start folder and the list shows that folder (its ".." row).
  await until(() => input.inputValue(), (value) => value === `${homedir()}/`, 'the folder dialog on the home folder', 30_000);
  await page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: '..' }).first().waitFor({ timeout: 15_000 });
  for (let attempt = 1; attempt <= 5; attempt++) {
    if ((await input.inputValue()) !== `${folder}/`) await input.fill(`${folder}/`);
    const listed = await page
      .locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: marker })
      .first()
      .waitFor({ timeout: 15_000 })
      .then(() => true, () => false);
    if (!listed || (await input.inputValue()) !== `${folder}/`) continue;
    await ok.click();
    const gone = await ok.waitFor({ state: 'hidden', timeout: 10_000 }).then(() => true, () => false);
    if (gone) return;
  }
  throw new Error(`the folder dialog did not accept ${folder}/ (its box holds ${await input.inputValue()})`);
}

const THEME_CLASS = { light: 'vs', dark: 'vs-dark', 'high-contrast': 'hc-black' };

/** Chooses the colour theme, then waits until the picker has closed and the workbench wears it. */
async function wearTheme(page, name, theme) {
  await chooseColorTheme(page, theme);
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
  await page.locator(`.monaco-workbench.${THEME_CLASS[name]}`).waitFor({ state: 'attached' });
}

async function waitForFolderOpened(page, folder) {
  await until(() => page.url(), (url) => decodeURIComponent(url).includes(`folder=${folder}`), `the window on ${folder}`, 60_000);
  await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
  await page.evaluate(() => window.driver?.whenWorkbenchRestored?.());
}

async function showExperimentsView(page) {
  await runCommand(page, 'Loupe: Focus on Experiments View');
  await page.locator('.pane-header[aria-label="Experiments Section"]').waitFor({ state: 'attached', timeout: 15_000 });
}

const treeRow = (page, name) => page.locator('.pane-body .monaco-list-row', { hasText: name }).first();

async function expectSampleRecordsInTree(page) {
  await showExperimentsView(page);
  for (const file of SAMPLE_RECORDS) await treeRow(page, recordName(file)).waitFor({ timeout: 30_000 });
}

export async function openSampleWorkspace({ page, server, runDir, artifacts }) {
  const parent = path.join(runDir, 'projects');
  mkdirSync(parent, { recursive: true });
  writeFileSync(path.join(parent, 'notes.txt'), 'not the sample\n');
  mkdirSync(path.join(parent, 'other-project'));
  // An empty window: no folder open.
  await page.goto(`${server.url}/?ew=true`, { waitUntil: 'domcontentloaded' });
  await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
  await page.evaluate(() => window.driver?.whenWorkbenchRestored?.());

  await runCommand(page, 'Loupe: Open Sample Workspace');
  await chooseFolderInSimpleDialog(page, parent, 'other-project', 'Copy the Sample Here');
  await pickQuickItem(page, 'Open in This Window');
  const sample = path.join(parent, 'loupe-sample');
  await waitForFolderOpened(page, sample);
  for (const file of ['speech-commands.csv', 'params.yaml', 'metrics.json', 'runs/kws-cnn/version_0/metrics.csv', ...SAMPLE_RECORDS.map((n) => `.loupe/experiments/${n}`)]) {
    assert.equal(readFileSync(path.join(sample, file), 'utf8'), readFileSync(path.join(ROOT, 'examples', file), 'utf8'), `${file} copied as it is`);
  }
  // The copy is a workspace like any other: its records are in the sidebar, its table opens.
  await expectSampleRecordsInTree(page);
  await page.screenshot({ path: path.join(artifacts, 'sample-opened.png') });

  // Again into the same folder: loupe-sample is not empty, so Loupe says so and proposes another name.
  await runCommand(page, 'Loupe: Open Sample Workspace');
  await chooseFolderInSimpleDialog(page, parent, 'loupe-sample', 'Copy the Sample Here');
  const title = page.locator('.quick-input-widget .quick-input-title', { hasText: 'is not empty' });
  await title.waitFor({ timeout: 15_000 });
  assert.match(await title.textContent(), new RegExp(`${sample.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is not empty`));
  assert.equal(await page.locator('.quick-input-widget .quick-input-box input').inputValue(), 'loupe-sample-2');
  await page.screenshot({ path: path.join(artifacts, 'sample-not-empty.png') });
  await page.keyboard.press('Enter');
  await pickQuickItem(page, 'Open in This Window');
  await waitForFolderOpened(page, path.join(parent, 'loupe-sample-2'));
  assert.ok(existsSync(path.join(parent, 'loupe-sample-2', 'speech-commands.csv')), 'the second copy');
  assert.equal(readFileSync(path.join(parent, 'notes.txt'), 'utf8'), 'not the sample\n', 'nothing else in the folder changed');
}
openSampleWorkspace.settings = { 'files.simpleDialog.enable': true };

/**
 * "Welcome: Open Walkthrough…" → Get Started with Loupe: every step is listed, and a step's button
 * runs its command (the label table opens on the sample file). One run per colour theme, set as
 * a user's setting, with a screenshot of each.
 */
async function walkthroughIn(themeName, { page, server, workspace, artifacts }) {
  await openWorkbench(page, server, workspace);
  await page.locator(`.monaco-workbench.${THEME_CLASS[themeName]}`).waitFor({ state: 'attached' });
  await runCommand(page, 'Welcome: Open Walkthrough...');
  await pickQuickItem(page, 'Get Started with Loupe');
  const steps = page.locator('.getting-started-step .step-title');
  await expect(() => steps.allTextContents(), (titles) => assert.deepEqual(titles.map((t) => t.trim()), WALKTHROUGH_STEPS), 'every step of the walkthrough listed');
  await expect(() => page.locator('.getting-started-media img').first().evaluate((img) => img.complete && img.naturalWidth), (width) => assert.ok(width > 0), 'the step picture shown');
  await page.screenshot({ path: path.join(artifacts, `walkthrough-${themeName}.png`) });
  await page.locator('.getting-started-step', { hasText: 'Tag errors while listening' }).locator('.step-title').click();
  const button = page.locator('.getting-started-step.expanded .monaco-button', { hasText: 'Open the Label Table' });
  await button.waitFor({ timeout: 15_000 });
  await button.click();
  const view = webview(page);
  await view.locator('#app[data-state="ready"]').waitFor({ state: 'attached', timeout: 60_000 });
  await tableSettled(view, '', 60_000);
  await expect(() => page.locator('.tab.active').textContent(), (t) => assert.match(t ?? '', /speech-commands\.csv/), 'the table tab on the sample file');
  await page.screenshot({ path: path.join(artifacts, `walkthrough-step-ran-${themeName}.png`) });
}

export const walkthroughSteps = (context) => walkthroughIn('light', context);
walkthroughSteps.settings = { 'workbench.colorTheme': 'Light Modern' };
export const walkthroughStepsDark = (context) => walkthroughIn('dark', context);
walkthroughStepsDark.settings = { 'workbench.colorTheme': 'Dark Modern' };
export const walkthroughStepsHighContrast = (context) => walkthroughIn('high-contrast', context);
walkthroughStepsHighContrast.settings = { 'workbench.colorTheme': 'Default High Contrast' };

export async function sampleExperimentsSidebar({ page, server, workspace, artifacts }) {
  await openWorkbench(page, server, workspace);
  await expectSampleRecordsInTree(page);
  const human = SAMPLE_RECORDS.map(recordName).find((n) => n.startsWith('Human-level'));
  assert.ok(human, 'a human-level baseline among the sample records');
  // Compare with… on the newest model against the human-level baseline.
  await contextMenu(page, treeRow(page, 'cnn-small after relabeling noisy audio'), 'Compare with…');
  await tickQuickItem(page, human);
  await page.keyboard.press('Enter');
  const log = await webviewFrame(page, '.compare-main');
  await expect(() => log.locator('.compare-main thead th').allTextContents(), (t) => assert.deepEqual(t, ['', human, 'cnn-small after relabeling noisy audio']), 'the baseline is the reference');
  for (const [name, theme] of THEMES.slice(0, 3)) {
    await wearTheme(page, name, theme);
    await webviewThemed(log, theme);
    await page.screenshot({ path: path.join(artifacts, `sample-experiments-${name}.png`) });
  }
}
sampleExperimentsSidebar.server = { sampleRecords: true };
