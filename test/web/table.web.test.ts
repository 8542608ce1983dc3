/** The label table webview in headless Chromium, against the built bundle and a fake host. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, openWithFakeHost, posted, writeTestPage } from './testPage';

let pageUrl: string;
let browser: Browser;


async function openTable(params: Record<string, unknown> = {}): Promise<Page> {
  const page = await openWithFakeHost(browser, pageUrl, 'fakeHost.js', params, { width: 1200, height: 700 });
  await page.locator('.grid-row:not(.loading)').first().waitFor();
  return page;
}


describe('label table webview', () => {
  before(async () => {
    browser = await launchChromium('table');
    pageUrl = writeTestPage('table', 'table', ['codicon.css', 'table.css']);
  });
  after(async () => browser?.close());

  it('keeps only the visible rows in the DOM, even for a million rows, and scrolls to the last', async () => {
    const page = await openTable({ rows: 1_000_000 });
    assert.match((await page.locator('.counts').textContent()) ?? '', /^1,000,000 of 1,000,000 rows/);
    const inDom = await page.locator('.grid-row').count();
    assert.ok(inDom > 10 && inDom < 60, `rows in the DOM: ${inDom}`);
    await page.locator('.grid-viewport').focus();
    await page.keyboard.press('End');
    await page.locator('.grid-row.selected:not(.loading)').waitFor();
    assert.equal((await page.locator('.grid-row.selected .grid-cell').nth(1).textContent())?.trim(), 'ex-1000000');
    assert.ok((await page.locator('.grid-row').count()) < 60);
    await page.close();
  });

  it('holds a bounded number of rows on a long scroll, and asks again for rows it let go', async () => {
    const page = await openTable({ rows: 1_000_000 });
    await page.locator('.grid-viewport').focus();
    const requested = async () => (await posted(page, 'requestRows')).length;
    const cell = page.locator('.grid-row.selected .grid-cell').nth(1);
    // Far enough down that more than the cache's 5,000 rows went by.
    for (let step = 0; step < 260; step++) await page.keyboard.press('PageDown');
    await page.locator('.grid-row.selected:not(.loading)').waitFor();
    const far = Number(((await cell.textContent()) ?? '').trim().replace('ex-', ''));
    assert.ok(far > 5000, `scrolled to row ${far}`);
    const before = await requested();
    await page.keyboard.press('Home');
    await page.locator('.grid-row.selected:not(.loading)').waitFor();
    assert.equal((await cell.textContent())?.trim(), 'ex-1', 'the first rows are painted again');
    assert.ok((await requested()) > before, `rows let go were asked for again (${before} → ${await requested()}, far ${far})`);
    await page.close();
  });

  it('moves with the arrows, tags with t, toggles with 1-9', async () => {
    const page = await openTable();
    await page.locator('.grid-viewport').focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    assert.equal(await page.locator('.grid-row.selected').getAttribute('aria-rowindex'), '4');
    await page.keyboard.press('t');
    await page.locator('.tag-picker:not([hidden])').waitFor();
    await page.keyboard.type('people noise');
    assert.match((await page.locator('.tag-picker-item.active').textContent()) ?? '', /Create "people noise"/);
    await page.keyboard.press('Enter');
    await page.locator('.grid-row.selected .tag-chip', { hasText: 'people noise' }).waitFor();
    await page.keyboard.press('1');
    await page.locator('.grid-row.selected .tag-chip', { hasText: 'car noise' }).waitFor();
    const toggles = await posted(page, 'toggleTag');
    assert.deepEqual(toggles, [
      { type: 'toggleTag', keys: ['ex-3'], tag: 'people noise', on: true },
      { type: 'toggleTag', keys: ['ex-3'], tag: 'car noise', on: true },
    ]);
    await page.close();
  });

  it('a digit toggles the tag that tags.json gives that key, not the tag at that place; the picker shows each key', async () => {
    const page = await openTable({ tags: [{ name: 'car noise', key: '2' }, { name: 'blurry', key: '1' }, { name: 'reverb', key: null }] });
    await page.locator('.grid-viewport').focus();
    await page.keyboard.press('1');
    await page.locator('.grid-row.selected .tag-chip', { hasText: 'blurry' }).waitFor();
    await page.keyboard.press('3');
    await page.keyboard.press('2');
    await page.locator('.grid-row.selected .tag-chip', { hasText: 'car noise' }).waitFor();
    assert.deepEqual((await posted(page, 'toggleTag')).map((m) => (m as unknown as { tag: string }).tag), ['blurry', 'car noise'], 'key 3 belongs to no tag');
    await page.keyboard.press('t');
    await page.locator('.tag-picker:not([hidden])').waitFor();
    const items = page.locator('.tag-picker-item');
    assert.deepEqual(await items.locator('.tag-picker-name').allTextContents(), ['car noise', 'blurry', 'reverb']);
    assert.deepEqual(await items.locator('.tag-picker-key').allTextContents(), ['2', '1', '']);
    await page.close();
  });

  it('a tag key pressed on a row still on its way applies to that row when it arrives', async () => {
    const page = await openTable({ holdRowsFrom: 900 });
    await page.locator('.grid-viewport').focus();
    await page.keyboard.press('End');
    await page.locator('.grid-row.selected').waitFor();
    await page.keyboard.press('2');
    assert.deepEqual(await posted(page, 'toggleTag'), [], 'nothing to tag yet');
    await page.evaluate(() => (window as unknown as { __releaseRows: () => void }).__releaseRows());
    await page.locator('.grid-row.selected .tag-chip', { hasText: 'blurry' }).waitFor();
    assert.deepEqual(await posted(page, 'toggleTag'), [{ type: 'toggleTag', keys: ['ex-1000'], tag: 'blurry', on: true }]);
    await page.close();
  });

  it('tags a Shift-selection of rows at once, and walks to the next untagged error with e', async () => {
    const page = await openTable();
    await page.locator('.grid-viewport').focus();
    await page.keyboard.press('Shift+ArrowDown');
    await page.keyboard.press('Shift+ArrowDown');
    assert.equal(await page.locator('.grid-row.in-selection').count(), 2);
    await page.keyboard.press('1');
    await page.waitForFunction(() => document.querySelectorAll('.grid-row .tag-chip').length === 3);
    const [selection] = (await posted(page, 'tagSelection')) as unknown as { ranges: number[][]; tag: string; on: boolean }[];
    assert.deepEqual([selection.ranges, selection.tag, selection.on], [[[0, 2]], 'car noise', true]);
    await page.keyboard.press('Escape');
    assert.equal(await page.locator('.grid-row.in-selection').count(), 0);
    await page.keyboard.press('e');
    await page.waitForFunction(() => document.querySelector('.grid-row.selected')?.getAttribute('aria-rowindex') === '7');
    assert.ok(await page.locator('.grid-row.selected').evaluate((r) => r.classList.contains('error')));
    await page.close();
  });

  it('filters the picker as one types and closes on Escape without tagging', async () => {
    const page = await openTable();
    await page.locator('.grid-viewport').focus();
    // Typed straight after t: the letters that came before the picker opened are in it too.
    await page.keyboard.press('t');
    await page.keyboard.type('blu');
    await page.locator('.tag-picker-name', { hasText: 'Create "blu"' }).waitFor();
    assert.deepEqual(await page.locator('.tag-picker-name').allTextContents(), ['blurry', 'Create "blu"']);
    await page.keyboard.press('Escape');
    assert.equal(await page.locator('.tag-picker').isHidden(), true);
    assert.deepEqual(await posted(page, 'toggleTag'), []);
    await page.close();
  });

  it('the picker says which tags come from the CSV\'s tags column, and offers no second tag that differs only in case', async () => {
    const page = await openTable({ tags: [{ name: 'blurry', key: '1', source: 'both' }, { name: 'far field', key: '2', source: 'file' }, { name: 'music', key: '3', source: 'loupe' }] });
    await page.locator('.grid-viewport').focus();
    await page.keyboard.press('t');
    await page.locator('.tag-picker-item').first().waitFor();
    assert.deepEqual(await page.locator('.tag-picker-source').allTextContents(), ['Loupe + CSV tags column', 'CSV tags column', '']);
    assert.match((await page.locator('.tag-picker-item').nth(1).getAttribute('title')) ?? '', /CSV's own tags column/);
    await page.keyboard.type('Blurry');
    assert.deepEqual(await page.locator('.tag-picker-name').allTextContents(), ['blurry']);
    await page.keyboard.press('Escape');
    await page.close();
  });

  it('inserts cell text as text, never as HTML', async () => {
    const page = await openTable();
    const cell = page.locator('.grid-row[data-position="2"] .grid-cell').nth(3);
    assert.equal(await cell.textContent(), '<img src=x onerror="window.__pwned=1">');
    assert.equal(await page.locator('.grid-layer img').count(), 0);
    assert.equal(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), undefined);
    await page.close();
  });

  it('asks the host for misclassified rows when the toggle is pressed (m)', async () => {
    const page = await openTable();
    await page.locator('.grid-viewport').focus();
    await page.keyboard.press('m');
    await page.waitForFunction(() => document.querySelector('.counts')?.textContent?.startsWith('200 of 1,000'));
    const views = (await posted(page, 'setView')) as unknown as { filter: { misclassified?: boolean } }[];
    assert.equal(views.at(-1)?.filter.misclassified, true);
    await page.close();
  });

  it("reports the grid's focus for the keybindings' context, keeps its own keys and field typing from the workbench", async () => {
    const page = await openTable();
    const windowKeys = () => page.evaluate(() => (window as unknown as { __windowKeys: string[] }).__windowKeys);
    await page.evaluate(() => {
      const seen: string[] = ((window as unknown as { __windowKeys: string[] }).__windowKeys = []);
      window.addEventListener('keydown', (event) => seen.push(event.key));
    });
    await page.locator('.grid-viewport').focus();
    await page.locator('#app[data-table-keys="on"]').waitFor({ state: 'attached' });
    assert.equal(((await posted(page, 'focus')) as unknown as { focused: boolean }[]).at(-1)?.focused, true);
    // Moving keys and digits are the page's: the workbench never sees them (it would run a binding of the same key).
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('1');
    assert.deepEqual(await windowKeys(), []);
    // A table command's key goes on to the workbench, which runs its command.
    await page.keyboard.press('m');
    await page.waitForFunction(() => document.querySelector('.counts')?.textContent?.startsWith('200 of 1,000'));
    assert.deepEqual(await windowKeys(), ['m']);
    // In the search field the grid has lost the focus, and letters typed there stay in the field.
    await page.locator('vscode-textfield.search input').focus();
    await page.locator('#app[data-table-keys="off"]').waitFor({ state: 'attached' });
    assert.equal(((await posted(page, 'focus')) as unknown as { focused: boolean }[]).at(-1)?.focused, false);
    await page.keyboard.type('md');
    assert.deepEqual(await windowKeys(), ['m']);
    assert.equal(await page.locator('vscode-textfield.search input').inputValue(), 'md');
    // A command the workbench ran for a key typed into the field before it heard of the focus change does nothing.
    const filtersAfter = (name: string) =>
      page.evaluate((n) => {
        window.dispatchEvent(new MessageEvent('message', { data: { type: 'command', name: n } }));
        return document.getElementById('app')?.dataset.filters ?? '';
      }, name);
    assert.match(await filtersAfter('misclassified'), /misclassified/);
    // With the grid focused again, the same command runs.
    await page.locator('.grid-viewport').focus();
    assert.doesNotMatch(await filtersAfter('misclassified'), /misclassified/);
    await page.close();
  });

  it('keeps select all, undo and redo typed in a text field in the field; in the grid and in a select they go on to the workbench', async () => {
    const page = await openTable();
    // What VS Code's webview frame does: every key that reaches the window goes to the workbench,
    // and the browser's own undo and redo are held back (the workbench runs its Undo and Redo).
    const windowKeys = () => page.evaluate(() => (window as unknown as { __windowKeys: string[] }).__windowKeys.splice(0));
    await page.evaluate(() => {
      const seen: string[] = ((window as unknown as { __windowKeys: string[] }).__windowKeys = []);
      window.addEventListener('keydown', (event) => {
        if (event.ctrlKey && ['z', 'Z', 'y'].includes(event.key)) event.preventDefault();
        if (event.key !== 'Control' && event.key !== 'Shift') seen.push(`${event.ctrlKey ? 'Ctrl+' : ''}${event.key}`);
      });
    });
    const field = page.locator('vscode-textfield.search input');
    await field.focus();
    await page.keyboard.type('abc');
    // Select all selects the field's text at once (the page does it): the next letters replace it.
    // No key reaches the window, so the workbench's Select All never comes back over them.
    await page.keyboard.press('Control+a');
    await page.keyboard.type('wxyz');
    assert.equal(await field.inputValue(), 'wxyz');
    // Undo and redo are the field's typing (the page drives the browser's history), not the last tag of the document.
    await page.keyboard.press('Control+z');
    assert.equal(await field.inputValue(), 'abc', 'undo took back the typing');
    await page.keyboard.press('Control+Shift+z');
    assert.equal(await field.inputValue(), 'wxyz', 'Ctrl+Shift+Z put it back');
    await page.keyboard.press('Control+z');
    await page.keyboard.press('Control+y');
    assert.equal(await field.inputValue(), 'wxyz', 'and Ctrl+Y');
    // Save, Escape and the Command Palette still go on to the workbench.
    await page.keyboard.press('Control+s');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+Shift+P');
    assert.deepEqual(await windowKeys(), ['Ctrl+s', 'Escape', 'Ctrl+P']);
    // In the grid, undo is the document's (the workbench's Undo takes back the last tag).
    await page.locator('.grid-viewport').focus();
    await page.keyboard.press('Control+z');
    await page.keyboard.press('Control+a');
    assert.deepEqual(await windowKeys(), ['Ctrl+z', 'Ctrl+a']);
    // A select has no typing to undo: Ctrl+Z there still undoes the document's last edit; a letter
    // typed on it stays on the page (the select's focus is a part inside its shadow root).
    await page.locator('vscode-single-select.data-check-filter').focus();
    await page.keyboard.press('m');
    await page.keyboard.press('Control+z');
    assert.deepEqual(await windowKeys(), ['Ctrl+z']);
    // The tag picker's field: letters stay, Ctrl+S goes on to save.
    await page.locator('.grid-viewport').focus();
    await page.locator('#app[data-table-keys="on"]').waitFor({ state: 'attached' });
    await page.keyboard.press('t');
    await page.locator('.tag-picker:not([hidden])').waitFor();
    await windowKeys();
    await page.keyboard.type('mud');
    await page.keyboard.press('Control+s');
    assert.deepEqual(await windowKeys(), ['Ctrl+s']);
    assert.equal(await page.locator('.tag-picker-input').evaluate((input) => (input as HTMLInputElement).value), 'mud');
    await page.close();
  });

  it('puts the letters typed right after t, before its command came back, into the tag picker', async () => {
    const page = await openTable({ commandDelayMs: 300 });
    await page.locator('.grid-viewport').focus();
    await page.locator('#app[data-table-keys="on"]').waitFor({ state: 'attached' });
    await page.keyboard.type('tcar');
    await page.locator('.tag-picker:not([hidden])').waitFor();
    await page.waitForFunction(() => (document.querySelector('.tag-picker-input') as HTMLInputElement | null)?.value === 'car');
    // The picker offers to create "car" (the fake file's tags are "car noise" and "blurry": "car noise" matches).
    assert.match((await page.locator('.tag-picker').textContent()) ?? '', /car noise/);
    await page.close();
  });

  it('offers the data-check filters for a file with an input column and asks the host for those rows', async () => {
    const page = await openTable();
    const select = page.locator('vscode-single-select.data-check-filter');
    assert.equal(await select.isVisible(), true);
    await select.evaluate((element: HTMLElement & { value: string }) => {
      element.value = 'conflicting';
      element.dispatchEvent(new Event('change'));
    });
    await page.waitForFunction(() => document.querySelector('#app')?.getAttribute('data-filters') === 'dataCheck');
    const views = (await posted(page, 'setView')) as unknown as { filter: { dataCheck?: string } }[];
    assert.equal(views.at(-1)?.filter.dataCheck, 'conflicting');
    await page.close();
  });

  it('offers "fixed by B" only with a second prediction column, and shows A and B side by side while it is on', async () => {
    const plain = await openTable();
    assert.equal(await plain.locator('vscode-single-select.comparison-filter').isVisible(), false, 'one prediction column: nothing to compare');
    await plain.close();
    const columns = [
      { index: 0, name: 'id', role: 'id', kind: 'key' },
      { index: 1, name: 'text', role: 'input', kind: 'text' },
      { index: 2, name: 'label', role: 'label', kind: 'categorical' },
      { index: 3, name: 'prediction', role: 'prediction', kind: 'categorical' },
      { index: 4, name: 'score', role: 'score', kind: 'numeric' },
      { index: 5, name: 'prediction_v2', role: 'other', kind: 'categorical' },
    ];
    const page = await openTable({ columns });
    const kind = page.locator('vscode-single-select.comparison-filter');
    assert.equal(await kind.isVisible(), true);
    await kind.evaluate((element: HTMLElement & { value: string }) => {
      element.value = 'fixed';
      element.dispatchEvent(new Event('change'));
    });
    await page.waitForFunction(() => document.querySelector('#app')?.getAttribute('data-filters') === 'comparison');
    const views = (await posted(page, 'setView')) as unknown as { filter: { comparison?: { b: number; kind: string } } }[];
    assert.deepEqual(views.at(-1)?.filter.comparison, { b: 5, kind: 'fixed' });
    const headers = await page.locator('.grid-header-cell').allTextContents();
    const a = headers.findIndex((h) => h.startsWith('prediction (A)'));
    assert.ok(a > 0 && headers[a + 1].startsWith('prediction_v2 (B)'), `B right after A: ${headers.join(' | ')}`);
    assert.match((await page.locator('.filter-chip').textContent()) ?? '', /fixed by B: A "prediction" vs B "prediction_v2"/);
    await page.evaluate(() => window.dispatchEvent(new MessageEvent('message', { data: { type: 'applyFilter', filter: { tag: 'car noise', comparison: { b: 5, kind: 'broken' } } } })));
    await page.waitForFunction(() => (document.querySelector('vscode-single-select.comparison-filter') as HTMLElement & { value: string }).value === 'broken');
    await page.locator('.filter-chip .codicon-close').click();
    await page.waitForFunction(() => document.querySelector('#app')?.getAttribute('data-filters') === 'tag');
    assert.equal(await kind.evaluate((element: HTMLElement & { value: string }) => element.value), '');
    assert.ok((await page.locator('.grid-header-cell').allTextContents()).includes('prediction'), 'the usual titles again');
    await page.close();
  });

  it('hides the columns of loupe.table.hiddenColumns on first open and searches the columns of loupe.table.searchColumns', async () => {
    const page = await openTable({ defaults: { searchColumns: ['text'], hiddenColumns: ['score'] } });
    const headers = await page.locator('.grid-header-cell').allTextContents();
    assert.ok(!headers.some((h) => h.includes('score')) && headers.some((h) => h.includes('prediction')), `headers: ${headers.join(', ')}`);
    assert.equal(await page.locator('vscode-textfield.search').getAttribute('placeholder'), 'Search text');
    await page.locator('vscode-textfield.search').click();
    await page.keyboard.type('car');
    await page.waitForFunction(() => (window as unknown as { __posted: { type: string; filter?: { search?: string } }[] }).__posted.some((m) => m.type === 'setView' && m.filter?.search === 'car'));
    const views = (await posted(page, 'setView')) as unknown as { filter: { search?: string; searchColumns?: string[] } }[];
    assert.deepEqual(views.at(-1)?.filter.searchColumns, ['text']);
    await page.close();
  });

  it('searches the input after a pause, and shows the filter in the request', async () => {
    const page = await openTable();
    await page.locator('vscode-textfield.search').click();
    await page.keyboard.type('car');
    await page.waitForFunction(() => (window as unknown as { __posted: { type: string; filter?: { search?: string } }[] }).__posted.some((m) => m.type === 'setView' && m.filter?.search === 'car'));
    const views = (await posted(page, 'setView')) as unknown as { filter: { search?: string } }[];
    assert.equal(views.filter((v) => v.filter.search !== undefined).length, 1, 'one request for the whole word, not one per key');
    await page.close();
  });

  it('shows the selected example in full in the detail pane (Space)', async () => {
    const page = await openTable();
    await page.locator('.grid-viewport').focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press(' ');
    const input = page.locator('.detail .detail-value.input');
    await input.waitFor();
    assert.equal(await input.textContent(), 'a long\nmulti-line input, audio/clip-2.wav');
    assert.equal(await page.locator('.detail-title').textContent(), 'ex-2 · line 3 · correct');
    await page.close();
  });

  it('hides a column from the Columns menu', async () => {
    const page = await openTable();
    assert.ok(await page.locator('.grid-header-cell', { hasText: 'score' }).count());
    await page.locator('vscode-button', { hasText: 'Columns' }).click();
    await page.locator('.columns-popover vscode-checkbox[label="score"]').click();
    await page.waitForFunction(() => ![...document.querySelectorAll('.grid-header-cell')].some((c) => c.textContent === 'score'));
    await page.close();
  });

  it('closes the Columns menu on Escape and on a click outside it, not on a click inside', async () => {
    const page = await openTable();
    const menu = page.locator('.columns-popover');
    const columnsButton = page.locator('vscode-button', { hasText: 'Columns' });
    await columnsButton.click();
    await menu.waitFor();
    await page.keyboard.press('Escape');
    await menu.waitFor({ state: 'hidden' });
    await columnsButton.click();
    await menu.waitFor();
    await menu.locator('.popover-title').click();
    assert.equal(await menu.isVisible(), true, 'a click inside keeps it open');
    await page.locator('.grid-row').nth(3).click();
    await menu.waitFor({ state: 'hidden' });
    await columnsButton.click();
    await menu.waitFor();
    await columnsButton.click();
    await menu.waitFor({ state: 'hidden' });
    await page.close();
  });

  it('sorting goes back to the top, or follows the cursor row to its new place when it was on screen', async () => {
    const page = await openTable({ rows: 1000 });
    const viewport = page.locator('.grid-viewport');
    const sortBy = (name: string) => page.locator('.grid-header-cell', { hasText: name }).first().click();
    // The cursor where it starts, on the first row: the new order is shown from its top.
    await sortBy('label');
    assert.equal(((await posted(page, 'setView')).at(-1) as unknown as { keepRow?: number }).keepRow, undefined);
    // Cursor on screen (row 3): the sort keeps it and scrolls to where the host says it went.
    await viewport.focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await sortBy('score');
    const first = (await posted(page, 'setView')).at(-1) as unknown as { keepRow?: number };
    assert.equal(first.keepRow, 2);
    await page.waitForFunction(() => document.querySelector('.grid-row.selected')?.getAttribute('aria-rowindex') === String(1000 - 1 - 2 + 2));
    assert.ok((await viewport.evaluate((v) => v.scrollTop)) > 20_000, 'the followed row is scrolled into view');
    // Scrolled away from the cursor: the next sort starts at the top, on the first row.
    await viewport.evaluate((v) => (v.scrollTop = 3000));
    await page.waitForFunction(() => !document.querySelector('.grid-row.selected'));
    await sortBy('score');
    const second = (await posted(page, 'setView')).at(-1) as unknown as { keepRow?: number };
    assert.equal(second.keepRow, undefined);
    assert.equal(await viewport.evaluate((v) => v.scrollTop), 0);
    await page.waitForFunction(() => document.querySelector('.grid-row.selected')?.getAttribute('aria-rowindex') === '2');
    await page.close();
  });

  it('names Loupe\'s tags column "Loupe tags" and says in the Columns menu what the CSV\'s tags column is', async () => {
    const columns = [
      { index: 0, name: 'id', role: 'id', kind: 'key' },
      { index: 1, name: 'text', role: 'input', kind: 'text' },
      { index: 2, name: 'label', role: 'label', kind: 'categorical' },
      { index: 3, name: 'prediction', role: 'prediction', kind: 'categorical' },
      { index: 4, name: 'tags', role: 'tags', kind: 'categorical' },
    ];
    const page = await openTable({ columns });
    const headers = await page.locator('.grid-header-cell').allTextContents();
    assert.ok(headers.includes('Loupe tags') && headers.includes('tags'), `headers: ${headers.join(' | ')}`);
    assert.match((await page.locator('.grid-header-cell[data-column="tags"]').getAttribute('title')) ?? '', /^Loupe tags and notes, saved in \.loupe\/annotations.*CSV's own tags column/);
    assert.match((await page.locator('.grid-header-cell[data-column="c4"]').getAttribute('title')) ?? '', /The CSV's own tags column/);
    await page.locator('vscode-button', { hasText: 'Columns' }).click();
    const notes = page.locator('.columns-popover .columns-note');
    assert.equal(await notes.count(), 1, 'only the tags column has a note');
    assert.match((await notes.textContent()) ?? '', /^The CSV's own tags column: each row's Loupe tags start from it/);
    await page.close();
  });

  it('keeps the id column (and the status column) in view when the table scrolls right', async () => {
    const page = await openWithFakeHost(browser, pageUrl, 'fakeHost.js', {}, { width: 600, height: 500 });
    await page.locator('.grid-row:not(.loading)').first().waitFor();
    const viewport = page.locator('.grid-viewport');
    const left = async (selector: string) => (await page.locator(selector).first().boundingBox())!.x;
    const before = { id: await left('.grid-row .cell-c0'), header: await left('.grid-header-cell[data-column="c0"]'), label: await left('.grid-row .cell-c2') };
    await viewport.evaluate((v) => (v.scrollLeft = 300));
    await page.waitForFunction(() => document.querySelector('.grid-header')!.scrollLeft > 0);
    assert.ok(Math.abs((await left('.grid-row .cell-c0')) - before.id) < 1, 'the id cells stay where they were');
    assert.ok(Math.abs((await left('.grid-header-cell[data-column="c0"]')) - before.header) < 1, 'so does the id header');
    assert.ok((await left('.grid-row .cell-c2')) < before.label - 250, 'the other columns scroll');
    // Opaque, so the cells scrolling under it do not show through.
    const background = await page.locator('.grid-row .cell-c0').first().evaluate((c) => getComputedStyle(c).backgroundColor);
    assert.notEqual(background, 'rgba(0, 0, 0, 0)');
    await page.close();
  });

  it('resizes a column by dragging its header edge', async () => {
    const page = await openTable();
    const header = page.locator('.grid-header-cell', { hasText: 'label' });
    const before = (await header.boundingBox())!.width;
    const handle = (await header.locator('.resize-handle').boundingBox())!;
    await page.mouse.move(handle.x + 2, handle.y + 5);
    await page.mouse.down();
    await page.mouse.move(handle.x + 82, handle.y + 5, { steps: 5 });
    await page.mouse.up();
    const after = (await header.boundingBox())!.width;
    assert.ok(Math.abs(after - before - 80) <= 2, `width ${before} → ${after}`);
    await page.close();
  });

  it('filters by labeler agreement: ties, or agreement below a share', async () => {
    const page = await openTable();
    const choose = (value: string) =>
      page.locator('vscode-single-select.agreement-filter').evaluate((element, v) => {
        (element as HTMLElement & { value: string }).value = v;
        element.dispatchEvent(new Event('change'));
      }, value);
    await choose('tie');
    await choose('0.67');
    const views = (await posted(page, 'setView')) as unknown as { filter: { tie?: boolean; agreementBelow?: number } }[];
    assert.deepEqual(views.slice(-2).map((v) => [v.filter.tie, v.filter.agreementBelow]), [[true, undefined], [undefined, 0.67]]);
    // Any share: "Agreement below…" shows a percentage field.
    const field = page.locator('vscode-textfield.agreement-percent');
    assert.equal(await field.isVisible(), false);
    await choose('custom');
    await field.waitFor();
    await field.locator('input').fill('75');
    await field.locator('input').press('Enter');
    const after = (await posted(page, 'setView')) as unknown as { filter: { tie?: boolean; agreementBelow?: number } }[];
    assert.equal(after.at(-1)?.filter.agreementBelow, 0.75);
    // A filter set from another view (e.g. "Review disagreements") shows its share the same way.
    await choose('');
    await page.evaluate(() => window.dispatchEvent(new MessageEvent('message', { data: { type: 'applyFilter', filter: { agreementBelow: 0.6 } } })));
    await field.waitFor();
    assert.equal(await field.evaluate((f) => (f as HTMLElement & { value: string }).value), '60');
    assert.equal(await page.locator('vscode-single-select.agreement-filter').evaluate((s) => (s as HTMLElement & { value: string }).value), 'custom');
    await page.close();
  });

  it('"Review disagreements" from another view starts review mode on them; a decision moves to the next row', async () => {
    const page = await openTable();
    const reviewButton = page.locator('vscode-button', { hasText: 'Review' });
    assert.equal(await reviewButton.getAttribute('aria-pressed'), 'false');
    await page.evaluate(() => window.dispatchEvent(new MessageEvent('message', { data: { type: 'applyFilter', filter: { disagree: true }, review: true } })));
    await page.waitForFunction(() => (document.querySelector('.status-line')?.textContent ?? '').includes('Review disagreements'));
    assert.equal(await reviewButton.getAttribute('aria-pressed'), 'true');
    assert.equal(((await posted(page, 'setView')).at(-1) as unknown as { filter: { disagree?: boolean } }).filter.disagree, true);
    await page.locator('.grid-row.selected:not(.loading)').waitFor();
    assert.equal(await page.locator('.grid-row.selected').getAttribute('aria-rowindex'), '2');
    // Each decision refreshes the rows: the next key is for the next row once the rows are back.
    const decide = async (key: string, nextRowIndex: string) => {
      const asked = (await posted(page, 'requestRows')).length;
      await page.keyboard.press(key);
      await page.waitForFunction((index) => document.querySelector('.grid-row.selected')?.getAttribute('aria-rowindex') === index, nextRowIndex);
      await page.waitForFunction((before) => (window as unknown as { __posted: { type: string }[] }).__posted.filter((m) => m.type === 'requestRows').length > before, asked);
      await page.locator('.grid-row.selected:not(.loading)').waitFor();
    };
    await decide('2', '3');
    await decide('a', '4');
    await page.keyboard.press('Backspace');
    const reviews = (await posted(page, 'review')) as unknown as { keys: string[]; label?: string | null; ambiguous?: boolean }[];
    assert.deepEqual(
      reviews.map((m) => [m.keys[0], m.label, m.ambiguous]),
      [
        ['ex-1', 'yes', undefined],
        ['ex-2', undefined, true],
        ['ex-3', null, false],
      ],
    );
    assert.equal(await page.locator('.grid-row.selected').getAttribute('aria-rowindex'), '4', 'clearing a decision stays on the row');
    await page.close();
  });

  it('shows located CSV problems in a banner', async () => {
    const page = await openTable({ problems: [{ line: 12, severity: 'error', message: 'a quoted field opened here is never closed' }] });
    await page.locator('.banner.error').waitFor();
    assert.match((await page.locator('.banner.error').textContent()) ?? '', /Line 12: a quoted field opened here is never closed/);
    await page.close();
  });
});
