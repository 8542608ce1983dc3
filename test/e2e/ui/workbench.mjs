// What a person does in the workbench, as small steps shared by the UI tests.
import { until } from '../poll.mjs';
import { expect } from './expect.mjs';

export async function openWorkbench(page, server, workspace) {
  await page.goto(`${server.url}/?folder=${encodeURIComponent(workspace)}`, { waitUntil: 'domcontentloaded' });
  await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
  await page.evaluate(() => window.driver?.whenWorkbenchRestored?.());
}

/** The workbench on a folder the user declines to trust: Restricted Mode. */
export async function openRestricted(page, server, workspace) {
  await page.goto(`${server.url}/?folder=${encodeURIComponent(workspace)}`, { waitUntil: 'domcontentloaded' });
  await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
  const dontTrust = page.locator('.monaco-dialog-box .monaco-button', { hasText: /No, I don.t trust/ });
  await dontTrust.waitFor({ timeout: 20_000 });
  await dontTrust.click();
  await page.locator('.statusbar-item', { hasText: 'Restricted Mode' }).first().waitFor({ timeout: 10_000 });
}

/**
 * F1, type the command, choose it: retried because a fresh window may not list it yet, and F1
 * pressed again when the palette does not open (a window still restoring its editors, a webview
 * still loading into the focused frame, can drop the key, and a person presses it again).
 */
export async function runCommand(page, title) {
  const deadline = Date.now() + 60_000;
  const exact = new RegExp(`^${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(\\s|$)`);
  const input = page.locator('.quick-input-widget .quick-input-box input');
  for (;;) {
    await page.keyboard.press('F1');
    const opened = await input.waitFor({ state: 'visible', timeout: 5_000 }).then(
      () => true,
      (error) => {
        if (Date.now() > deadline) throw error;
        return false;
      },
    );
    if (!opened) continue;
    await input.fill(`>${title}`);
    try {
      await chooseQuickRow(page, (row) => exact.test(row.label), title, 3000);
      return;
    } catch (error) {
      await page.keyboard.press('Escape');
      if (Date.now() > deadline) throw error;
    }
  }
}

/**
 * Runs a command and picks the first item of the quick pick it opens. A webview that finishes
 * loading just then takes the focus, and VS Code hides a quick pick that loses focus; the person
 * would run the command again, and so does this.
 */
export async function runCommandAndPick(page, title, label) {
  for (let attempt = 1; ; attempt++) {
    await runCommand(page, title);
    try {
      await pickQuickItem(page, label);
      return;
    } catch (error) {
      if (attempt >= 3) throw error;
      await page.keyboard.press('Escape');
    }
  }
}

const QUICK_ROWS = '.quick-input-widget .quick-input-list .monaco-list-row';

/** The quick pick's rows as the list has laid them out: index, label, whole text, focused. */
function quickRows(page) {
  return page.locator(QUICK_ROWS).evaluateAll((rows) =>
    rows
      .map((row) => ({
        index: Number(row.getAttribute('data-index')),
        label: row.querySelector('.label-name')?.textContent ?? '',
        text: row.textContent ?? '',
        focused: row.classList.contains('focused'),
      }))
      .sort((a, b) => a.index - b.index),
  );
}

/**
 * Moves the quick pick's keyboard focus to the first row that `matches`, with the arrow keys as
 * a keyboard user does, then presses Enter unless `accept` is false. A click on a row that the
 * list is still laying out can be dropped or wait for a stable position under load; keys go to
 * the input box, which holds the focus from the moment the quick pick shows.
 */
async function chooseQuickRow(page, matches, what, timeout = 15_000, accept = true) {
  const target = await until(async () => (await quickRows(page)).find(matches), (row) => row !== undefined, `the quick pick row ${what}`, timeout);
  const deadline = Date.now() + timeout;
  for (;;) {
    const rows = await quickRows(page);
    const focused = rows.find((row) => row.focused);
    if (focused?.index === target.index) break;
    if (Date.now() > deadline) throw new Error(`the keyboard focus never reached the quick pick row ${what} (focus on ${focused?.label ?? 'no row'})`);
    await focusQuickBox(page);
    await page.keyboard.press(focused && focused.index > target.index ? 'ArrowUp' : 'ArrowDown');
  }
  if (!accept) return;
  // Enter takes the row: the pick closes or the next step's rows replace its rows. A pick still
  // showing the same rows 5 s later did not get the key (a window settling can drop it, as a full
  // run once saw: the import's pick stayed open and the next command closed it untaken); the person
  // presses Enter again.
  const shown = async () => ((await page.locator('.quick-input-widget').isVisible()) ? JSON.stringify((await quickRows(page)).map((row) => row.text)) : '');
  const before = await shown();
  for (let attempt = 1; ; attempt++) {
    await focusQuickBox(page);
    await page.keyboard.press('Enter');
    const taken = await until(shown, (now) => now !== before, `the quick pick row ${what} taken`, 5_000).then(
      () => true,
      () => false,
    );
    if (taken || attempt >= 3) return;
  }
}

/** Keys go to the quick pick's box: if something took the focus from it (a view finishing its work), the user clicks it again. */
async function focusQuickBox(page) {
  const box = page.locator('.quick-input-widget .quick-input-box input');
  if (!(await box.evaluate((input) => input === input.ownerDocument.activeElement && input.ownerDocument.hasFocus()).catch(() => true))) await box.focus().catch(() => undefined);
}

/** "Preferences: Color Theme", then the theme named exactly `theme`. */
export async function chooseColorTheme(page, theme) {
  // In a window that has just opened, the picker may list no theme yet (only "Browse Additional
  // Color Themes…"): the person closes it and opens it again.
  for (let attempt = 1; ; attempt++) {
    await runCommand(page, 'Preferences: Color Theme');
    await page.locator('.quick-input-widget .quick-input-box input').fill(theme);
    try {
      await chooseQuickRow(page, (row) => row.label === theme, `the theme "${theme}"`, attempt < 4 ? 5_000 : 15_000);
      return;
    } catch (error) {
      if (attempt >= 4) throw error;
      await page.keyboard.press('Escape');
    }
  }
}

/** Chooses the first quick pick row whose text contains `label`. */
export async function pickQuickItem(page, label) {
  await chooseQuickRow(page, (row) => row.text.includes(label), `"${label}"`);
}

/**
 * Ticks the first row whose text contains `label` in a quick pick of several items, and waits
 * until its checkbox shows it; the caller presses Enter when every row it wants is ticked.
 */
export async function tickQuickItem(page, label) {
  await chooseQuickRow(page, (row) => row.text.includes(label), `"${label}"`, 15_000, false);
  const row = page.locator(`${QUICK_ROWS}.focused`);
  const box = row.locator('[role="checkbox"]').first();
  const ticked = () => box.getAttribute('aria-checked', { timeout: 5000 }).then((state) => state === 'true');
  // A click on the row's label toggles its checkbox; it goes to the element itself, since the
  // list may still be moving under a pointer click.
  if (!(await ticked())) await row.locator('label.quick-input-list-label').dispatchEvent('click');
  await until(ticked, (on) => on === true, `the tick of the quick pick row "${label}"`, 5000);
}

/** The text of the menu item that has the keyboard focus, or null when the focus is not in a menu. */
function focusedMenuItem(page) {
  return page.evaluate(() => {
    let focused = document.activeElement;
    while (focused?.shadowRoot?.activeElement) focused = focused.shadowRoot.activeElement;
    if (focused?.closest('.monaco-menu') == null) return null;
    return focused.closest('.action-item')?.textContent ?? '';
  });
}

/**
 * Right-click → menu item, until `done` holds. The menu opens under the mouse, then the item is
 * chosen with the arrow keys and Enter, as a keyboard user does: a mouse click on an item can
 * land while the menu is still settling and be dropped. Retried, as a menu opened while the
 * tree refreshes can close before its item is chosen.
 */
export async function contextMenu(page, target, item, done = () => page.locator('.quick-input-widget .quick-input-list').isVisible()) {
  const deadline = Date.now() + 20_000;
  const matches = (text) => (typeof item === 'string' ? text.includes(item) : item.test(text));
  for (;;) {
    await target.click({ button: 'right' });
    await page.locator('.monaco-menu .action-item', { hasText: item }).waitFor({ state: 'visible', timeout: 5000 });
    // The menu takes the keyboard focus once it is laid out and listening.
    await until(() => focusedMenuItem(page), (text) => text !== null, 'the keyboard focus in the context menu', 5000);
    for (let step = 0; step < 30; step++) {
      const text = await focusedMenuItem(page);
      if (text === null || matches(text)) break;
      await page.keyboard.press('ArrowDown');
    }
    const chosen = await focusedMenuItem(page);
    if (chosen !== null && matches(chosen)) {
      await page.keyboard.press('Enter');
      if (await until(done, (ok) => ok === true, `the effect of "${item}"`, 3000).then(() => true, () => false)) return;
    }
    await page.keyboard.press('Escape');
    if (Date.now() > deadline) throw new Error(`"${item}" in the context menu had no effect`);
  }
}

/** The document inside the active webview (two nested iframes). */
export function webview(page) {
  return page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
}

export async function waitForFile(read, predicate, what, timeout = 15_000) {
  return until(read, (content) => predicate(content) === true, what, timeout);
}

export { expect, until };

/** The frame of the webview whose document has `selector` (several webviews may be open). */
export async function webviewFrame(page, selector, timeout = 30_000) {
  const find = async () => {
    for (const frame of page.frames()) {
      if (frame.name() !== 'active-frame' && !frame.url().includes('fake.html')) continue;
      try {
        if ((await frame.locator(selector).count()) > 0) return frame;
      } catch {
        // frame went away
      }
    }
    return undefined;
  };
  return until(find, (frame) => frame !== undefined, `a webview showing ${selector}`, timeout);
}

/**
 * Waits until the label table has painted a view: `data-state="ready"` on its root (the latest
 * view came back and every row on screen has its data) with exactly these active filters
 * (`data-filters`, names sorted and joined by spaces; "" for none).
 */
export async function tableSettled(view, filters = '', timeout = 30_000) {
  await view.locator(`#app[data-state="ready"][data-filters="${filters}"]`).waitFor({ state: 'attached', timeout });
}

/**
 * Waits until a webview (a Frame or a FrameLocator) has the colour theme `label` applied: VS Code
 * sets the theme's name on the webview's body together with its colours.
 */
export async function webviewThemed(frame, label, timeout = 15_000) {
  await frame.locator(`body[data-vscode-theme-name="${label}"]`).waitFor({ state: 'attached', timeout });
}

/** The filters the table shows as active (see tableSettled). */
export async function activeFilters(view) {
  return (await view.locator('#app').getAttribute('data-filters')) ?? '';
}

/**
 * Turns every filter of the table off, as a person would (keys m, d and l, the selects, the search
 * field, the chips' close buttons), and waits for the whole file to be painted. Tests start from
 * here, whatever UI state VS Code restored.
 */
export async function clearFilters(page, view, timeout = 30_000) {
  await view.locator('#app[data-state="ready"]').waitFor({ state: 'attached', timeout });
  const setValue = (selector, event) =>
    view.locator(selector).evaluate((element, type) => {
      element.value = '';
      element.dispatchEvent(new element.ownerDocument.defaultView.Event(type));
    }, event);
  for (const name of (await activeFilters(view)).split(' ').filter(Boolean)) {
    if (name === 'misclassified' || name === 'disagree' || name === 'likelyError') {
      await view.locator('.grid-viewport').focus();
      await pressTableKey(page, { misclassified: 'm', disagree: 'd', likelyError: 'l' }[name]);
    } else if (name === 'search') await setValue('vscode-textfield.search', 'input');
    else if (name === 'tag' || name === 'tagged') await setValue('.tag-filter vscode-single-select', 'change');
    else if (name === 'tie' || name === 'agreementBelow') await setValue('vscode-single-select.agreement-filter', 'change');
    else if (name === 'dataCheck') await setValue('vscode-single-select.data-check-filter', 'change');
    else continue; // shown as a chip: removed below
    await until(() => activeFilters(view), (now) => !now.split(' ').includes(name), `the ${name} filter off`, timeout);
  }
  // Column values, labeler pairs, reviewed rows and score ranges show as chips with a close button.
  const closes = view.locator('.filter-chip .codicon-close');
  for (let n = await closes.count(); n > 0; n = await closes.count()) {
    await closes.first().click();
    await until(() => closes.count(), (left) => left < n, 'a filter chip removed', timeout);
  }
  await tableSettled(view, '', timeout);
}

/** What most tests start with: the workbench, "Loupe: Open Label File", the file, its first rows. */
export async function openLabelTable(page, server, workspace, file = 'speech-commands.csv', { reload = true } = {}) {
  if (reload) await openWorkbench(page, server, workspace);
  await runCommandAndPick(page, 'Loupe: Open Label File', file);
  const view = webview(page);
  await view.locator('#app[data-state="ready"]').waitFor({ state: 'attached', timeout: 60_000 });
  await clearFilters(page, view);
  return view;
}

/** A whole CSV text into rows of fields (quoted fields may hold commas, quotes and line breaks). */
export function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}

/**
 * Presses one of the table's keys (`loupe.table.*` keybindings, run by the workbench): once the
 * workbench knows the grid has the keyboard focus (the `loupe.tableFocus` context key), which the
 * table page shows as `#app[data-table-keys="on"]`, as a person's first key after a click would be.
 */
export async function pressTableKey(page, key, timeout = 15_000) {
  const live = async () => {
    for (const frame of page.frames()) {
      if ((await frame.locator('#app[data-table-keys="on"]').count().catch(() => 0)) > 0) return true;
    }
    return false;
  };
  await until(live, (on) => on, `the table's keys live before pressing ${key}`, timeout);
  await page.keyboard.press(key);
}

/** A screenshot `${name}-${theme}.png` of the workbench in the light, dark and high-contrast themes, the webview `frame` wearing each. */
export async function screenshotInThemes(page, frame, artifacts, name, themes = [['light', 'Light Modern'], ['dark', 'Dark Modern'], ['high-contrast', 'Dark High Contrast']]) {
  for (const [themeName, theme] of themes) {
    await chooseColorTheme(page, theme);
    await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
    await webviewThemed(frame, theme);
    await page.screenshot({ path: `${artifacts}/${name}-${themeName}.png` });
  }
}
