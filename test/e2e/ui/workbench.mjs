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

/** F1, type the command, pick it: retried because a fresh window may not list it yet. */
export async function runCommand(page, title) {
  const deadline = Date.now() + 20_000;
  for (;;) {
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget .quick-input-box input');
    await input.waitFor({ state: 'visible' });
    await input.fill(`>${title}`);
    const exact = new RegExp(`^${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(\\s|$)`);
    const row = page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { has: page.locator('.label-name', { hasText: exact }) }).first();
    try {
      await row.waitFor({ state: 'visible', timeout: 3000 });
      await row.click();
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
    const row = page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: label }).first();
    try {
      await row.waitFor({ state: 'visible', timeout: 15_000 });
      await row.click({ timeout: 5_000 });
      return;
    } catch (error) {
      if (attempt >= 3) throw error;
      await page.keyboard.press('Escape');
    }
  }
}

export async function pickQuickItem(page, label) {
  const row = page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: label }).first();
  await row.waitFor({ state: 'visible', timeout: 15_000 });
  await row.click();
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
      await page.keyboard.press({ misclassified: 'm', disagree: 'd', likelyError: 'l' }[name]);
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
