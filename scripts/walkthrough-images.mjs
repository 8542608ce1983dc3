// Takes the walkthrough's pictures (media/walkthrough/*.png) in a real VS Code on the sample
// workspace, as a user would get there, at a modest window size, then shrinks them with pngquant.
// Run after `npm run -s build`, holding the end-to-end lock:
//   flock /work/e2e.lock node scripts/walkthrough-images.mjs
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { launchBrowser } from '../test/e2e/browser.mjs';
import { freePort, installExtension, prepareProfile, startCodeServer } from '../test/e2e/codeServer.mjs';
import { ROOT, SETUP_STEPS, ensureAll, packageExtension } from '../test/e2e/setup.mjs';
import { createProgress } from '../test/e2e/progress.mjs';
import { contextMenu, expect, openLabelTable, runCommand, tickQuickItem, webviewFrame } from '../test/e2e/ui/workbench.mjs';

const OUT = path.join(ROOT, 'media', 'walkthrough');
const RUN = path.join(ROOT, '.e2e-tmp', 'walkthrough-images');

function shrink(file) {
  const quantize = spawnSync('pngquant', ['--force', '--skip-if-larger', '--quality=60-85', '--output', file, file]);
  if (quantize.status !== 0 && quantize.status !== 98 && quantize.status !== 99) throw new Error(`pngquant ${file}: ${quantize.stderr}`);
}

async function shoot(page, name) {
  const file = path.join(OUT, `${name}.png`);
  await page.screenshot({ path: file });
  shrink(file);
  console.log(`wrote ${path.relative(ROOT, file)}`);
}

/** The last quick input has gone: F1 pressed while it is still closing is not heard. */
async function settled(page) {
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
}

async function main() {
  const progress = createProgress(SETUP_STEPS + 1);
  await ensureAll(progress);
  const vsix = await packageExtension(progress);
  rmSync(RUN, { recursive: true, force: true });
  const workspace = path.join(RUN, 'loupe-sample');
  mkdirSync(workspace, { recursive: true });
  cpSync(path.join(ROOT, 'examples'), workspace, { recursive: true });
  mkdirSync(OUT, { recursive: true });
  prepareProfile(RUN, { 'workbench.colorTheme': 'Dark Modern' });
  installExtension(RUN, vsix);
  const server = await startCodeServer({ runDir: RUN, workspace, port: await freePort() });
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage({ viewport: { width: 1200, height: 720 } });
    page.setDefaultTimeout(60_000);
    const view = await openLabelTable(page, server, workspace, 'speech-commands.csv');
    await runCommand(page, 'View: Show Explorer');
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'params.yaml' }).waitFor();
    await shoot(page, 'sample');

    await view.locator('.grid-viewport').focus();
    await page.keyboard.press('m');
    await expect(() => view.locator('.counts').textContent(), (t) => assert.match(t ?? '', /^\d+ of 2,000/), 'misclassified rows');
    await page.keyboard.press('ArrowDown');
    await view.locator('.grid-row.selected.error:not(.loading)').waitFor();
    await page.keyboard.press('t');
    await view.locator('.tag-picker:not([hidden])').waitFor();
    await page.keyboard.type('f');
    await shoot(page, 'tag-errors');
    await page.keyboard.press('Escape');

    // Each view beside the table alone.
    await settled(page);
    await runCommand(page, 'Loupe: Show Error Analysis');
    const analysis = await webviewFrame(page, 'h2.title:has-text("Error Analysis")');
    await analysis.locator('.data-table tbody tr').first().waitFor();
    await shoot(page, 'error-analysis');

    await settled(page);
    await runCommand(page, 'View: Close All Editors');
    await openLabelTable(page, server, workspace, 'speech-commands.csv', { reload: false });
    await settled(page);
    await runCommand(page, 'Loupe: Show Label Consistency');
    const consistency = await webviewFrame(page, 'h2.title:has-text("Label Consistency")');
    await consistency.locator('.data-table').first().waitFor();
    await shoot(page, 'label-consistency');

    await settled(page);
    await runCommand(page, 'View: Close All Editors');
    await openLabelTable(page, server, workspace, 'speech-commands.csv', { reload: false });
    await settled(page);
    await runCommand(page, 'Loupe: Focus on Experiments View');
    const row = (name) => page.locator('.pane-body .monaco-list-row', { hasText: name }).first();
    await row('cnn-small baseline').waitFor();
    await settled(page);
    await runCommand(page, 'Loupe: Record Experiment');
    await page.locator('.quick-input-widget .quick-input-box input').fill('fixed car-noise labels');
    await shoot(page, 'record-experiment');
    await page.keyboard.press('Escape');

    await contextMenu(page, row('cnn-small after relabeling noisy audio'), 'Compare with…');
    await tickQuickItem(page, 'Human-level');
    await page.keyboard.press('Enter');
    await webviewFrame(page, '.compare-main');
    // The pointer off the tree, so that no row's hover covers the comparison.
    await page.mouse.move(900, 600);
    await page.locator('.monaco-hover').waitFor({ state: 'hidden' });
    await shoot(page, 'compare-experiments');
  } finally {
    await browser.close();
    server.stop();
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
