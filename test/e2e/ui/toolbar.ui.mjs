// The table's toolbar buttons stay readable under the mouse in the four themes: the text of a
// hovered button against its hover background (blended over the page), by WCAG contrast.
import assert from 'node:assert/strict';
import path from 'node:path';
import { contrast, THEMES } from './contrast.mjs';
import { chooseColorTheme, openLabelTable, webviewThemed } from './workbench.mjs';

export async function toolbarHoverReadableInEveryTheme({ page, server, workspace, artifacts }) {
  const view = await openLabelTable(page, server, workspace, 'speech-commands.csv');
  const columns = view.locator('.toolbar vscode-button', { hasText: 'Columns' });
  for (const [name, theme] of THEMES) {
    await chooseColorTheme(page, theme);
    await webviewThemed(view, theme);
    await columns.hover();
    const seen = await columns.evaluate((button) => {
      const base = button.shadowRoot.querySelector('.base');
      const s = getComputedStyle(base);
      return { hovered: button.matches(':hover'), color: s.color, background: s.backgroundColor, page: getComputedStyle(document.body).backgroundColor, outline: getComputedStyle(button).outlineStyle };
    });
    assert.ok(seen.hovered, `${name}: the button is under the mouse`);
    const ratio = contrast(seen.color, blend(seen.background, seen.page));
    console.log(`    ${name}: hovered toolbar button ${seen.color} on ${seen.background} (page ${seen.page}): contrast ${ratio.toFixed(2)}`);
    await page.screenshot({ path: path.join(artifacts, `toolbar-hover-${name}.png`) });
    assert.ok(ratio >= 4.5, `${name}: a hovered toolbar button (${seen.color} on ${seen.background} over ${seen.page}) has contrast ${ratio.toFixed(2)}`);
    // High-contrast themes show hover with their contrast border, as VS Code's own buttons do.
    if (name.startsWith('high-contrast')) assert.equal(seen.outline, 'dashed', `${name}: the hovered button has the contrast border`);
  }
}

/** A computed colour with alpha (rgba(…) or color(srgb … / a)) over an opaque one, as rgb(…). */
function blend(top, under) {
  const channels = (css) => {
    const n = css.match(/[\d.]+/g).map(Number);
    return css.startsWith('color(') ? [n[0] * 255, n[1] * 255, n[2] * 255, n[3] ?? 1] : [n[0], n[1], n[2], n[3] ?? 1];
  };
  const [r, g, b, a] = channels(top);
  const [r0, g0, b0] = channels(under);
  return `rgb(${r * a + r0 * (1 - a)}, ${g * a + g0 * (1 - a)}, ${b * a + b0 * (1 - a)})`;
}

/** Scrolled right, the id column stays at the left edge, opaque over the cells passing under it, in the four themes. */
export async function frozenIdColumnInEveryTheme({ page, server, workspace, artifacts }) {
  const view = await openLabelTable(page, server, workspace, 'speech-commands.csv');
  const viewport = view.locator('.grid-viewport');
  await viewport.focus();
  await page.keyboard.press('ArrowDown');
  const idCell = view.locator('.grid-row.selected .grid-cell.frozen-edge');
  const x = async () => (await idCell.boundingBox()).x;
  const before = await x();
  await viewport.evaluate((v) => (v.scrollLeft = 600));
  await view.locator('.grid-header').evaluate((h) => new Promise((done) => (h.scrollLeft > 0 ? done() : h.addEventListener('scroll', () => done(), { once: true }))));
  assert.ok(Math.abs((await x()) - before) < 1, 'the id cell stays put');
  for (const [name, theme] of THEMES) {
    await chooseColorTheme(page, theme);
    await webviewThemed(view, theme);
    const seen = await idCell.evaluate((cell) => ({ color: getComputedStyle(cell).color, background: getComputedStyle(cell).backgroundColor, image: getComputedStyle(cell).backgroundImage, text: cell.textContent }));
    assert.match(seen.text, /^utt-/, `${name}: the id is shown`);
    assert.notEqual(seen.background, 'rgba(0, 0, 0, 0)', `${name}: the frozen cell is opaque`);
    const ratio = contrast(seen.color, seen.background);
    console.log(`    ${name}: frozen id cell ${seen.color} on ${seen.background} (+ ${seen.image.slice(0, 60)}): contrast ${ratio.toFixed(2)}`);
    await page.screenshot({ path: path.join(artifacts, `frozen-id-${name}.png`) });
  }
}
