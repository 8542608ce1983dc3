/** Pictures and clips in the table's detail pane, in headless Chromium against the built bundle and a fake host. */
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { deflateSync } from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, openWithFakeHost, ROOT, writeTestPage } from './testPage';

const OUT = path.join(ROOT, 'out', 'test', 'web');
let pageUrl: string;
let browser: Browser;

const COLUMNS = [
  { index: 0, name: 'id', role: 'id', kind: 'key' },
  { index: 1, name: 'text', role: 'other', kind: 'text' },
  { index: 2, name: 'label', role: 'label', kind: 'categorical' },
  { index: 3, name: 'prediction', role: 'prediction', kind: 'categorical' },
  { index: 4, name: 'score', role: 'score', kind: 'numeric' },
  { index: 5, name: 'media', role: 'input', kind: 'text' },
];
// Row i gets MEDIA_CELLS[i % 6].
const MEDIA_CELLS = ['images/cat.png', 'audio/yes.wav', 'audio/gone.wav', '../outside.png', 'audio/no.wav', '<img src=x onerror="window.__pwned=1">.png'];

/** A PNG of `width` × `height` RGB pixels, all one colour. */
function png(width: number, height: number, rgb: [number, number, number]): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (bytes: Buffer) => {
    let c = 0xffffffff;
    for (const b of bytes) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc(body), body.length + 4);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const rows = Buffer.concat(Array.from({ length: height }, () => Buffer.from([0, ...Array.from({ length: width }, () => rgb).flat()])));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(rows)), chunk('IEND', Buffer.alloc(0))]);
}

/** A quiet sine tone as 8 kHz mono 16-bit WAV. */
function tone(hz: number, seconds: number): Buffer {
  const rate = 8000;
  const samples = Buffer.alloc(rate * seconds * 2);
  for (let i = 0; i < rate * seconds; i++) samples.writeInt16LE(Math.round(Math.sin((2 * Math.PI * hz * i) / rate) * 3000), i * 2);
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'latin1');
  header.writeUInt32LE(36 + samples.length, 4);
  header.write('WAVEfmt ', 8, 'latin1');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(rate, 24);
  header.writeUInt32LE(rate * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36, 'latin1');
  header.writeUInt32LE(samples.length, 40);
  return Buffer.concat([header, samples]);
}

function writeFixtures(): Record<string, unknown> {
  mkdirSync(OUT, { recursive: true });
  pageUrl = writeTestPage('media', 'table', ['codicon.css', 'table.css']);
  writeFileSync(path.join(OUT, 'cat.png'), png(24, 16, [200, 120, 40]));
  // Long enough to still be playing while the test presses keys.
  writeFileSync(path.join(OUT, 'yes.wav'), tone(440, 20));
  copyFileSync(path.join(ROOT, 'examples', 'audio', 'no-rp.wav'), path.join(OUT, 'no.wav'));
  const uri = (name: string) => pathToFileURL(path.join(OUT, name)).href;
  return {
    'images/cat.png': { state: 'ready', kind: 'image', uri: uri('cat.png') },
    'audio/yes.wav': { state: 'ready', kind: 'audio', uri: uri('yes.wav') },
    'audio/no.wav': { state: 'ready', kind: 'audio', uri: uri('no.wav') },
    '../outside.png': { state: 'outside', message: '../outside.png is outside the workspace folder /ws; Loupe only opens files inside it' },
  };
}

/** `state`: the table's saved state (thumbnails on unless it says otherwise). */
async function openTable(media: Record<string, unknown>, state?: Record<string, unknown>, rows = 60, mediaCells = MEDIA_CELLS, beforeLoad?: (page: Page) => Promise<void>): Promise<Page> {
  const page = await openWithFakeHost(browser, pageUrl, 'fakeHost.js', { rows, columns: COLUMNS, mediaCells, media, state }, { width: 1200, height: 700 }, beforeLoad);
  await page.locator('.grid-row:not(.loading)').first().waitFor();
  await page.locator('.grid-viewport').focus();
  return page;
}

/** Selects the row at `position` (0-based) with the keyboard. */
async function goTo(page: Page, position: number): Promise<void> {
  await page.keyboard.press('Home');
  for (let i = 0; i < position; i++) await page.keyboard.press('ArrowDown');
  await page.locator('.status-line', { hasText: `Row ${position + 1} of` }).waitFor();
}

const audioState = (page: Page) =>
  page.locator('.detail audio').evaluate((a: HTMLAudioElement) => ({ paused: a.paused, readyState: a.readyState, time: a.currentTime, src: a.src }));

const askedFor = (page: Page) =>
  page.evaluate(() => (window as unknown as { __posted: { type: string; path?: string }[] }).__posted.filter((m) => m.type === 'resolveMedia').map((m) => m.path));

describe('media in the detail pane', () => {
  let media: Record<string, unknown>;
  before(async () => {
    browser = await launchChromium('table', ['--autoplay-policy=no-user-gesture-required']);
    media = writeFixtures();
  });
  after(async () => browser?.close());

  it('shows an image path as a picture with its natural size', async () => {
    const page = await openTable(media, { thumbnails: false });
    await page.keyboard.press(' ');
    await goTo(page, 0);
    const image = page.locator('.detail img.detail-thumb');
    await image.waitFor();
    await page.waitForFunction(() => (document.querySelector('.detail img.detail-thumb') as HTMLImageElement | null)?.naturalWidth === 24);
    assert.deepEqual(await image.evaluate((i: HTMLImageElement) => [i.naturalWidth, i.naturalHeight, i.alt]), [24, 16, 'images/cat.png']);
    const asked = await page.evaluate(() => (window as unknown as { __posted: { type: string; path?: string }[] }).__posted.filter((m) => m.type === 'resolveMedia').map((m) => m.path));
    assert.deepEqual(asked, ['images/cat.png'], 'only the shown row\'s file is asked for');
    assert.doesNotMatch((await page.locator('.status-line').textContent()) ?? '', /play/, 'no play key on a row without a clip');
    await page.close();
  });

  it('plays and pauses the selected row\'s clip with p; another row stops it; p loads and plays the new one', async () => {
    const page = await openTable(media);
    await goTo(page, 1);
    assert.match((await page.locator('.status-line').textContent()) ?? '', /p play\/pause clip/, 'the key is in the status line');
    assert.equal(await page.locator('.detail').isVisible(), false, 'the pane is closed');
    await page.keyboard.press('p');
    await page.locator('.detail audio').waitFor();
    await page.waitForFunction(() => {
      const a = document.querySelector('.detail audio') as HTMLAudioElement | null;
      return a !== null && a.readyState >= 2 && !a.paused;
    });
    assert.match((await audioState(page)).src, /yes\.wav$/);
    await page.keyboard.press('p');
    await page.waitForFunction(() => (document.querySelector('.detail audio') as HTMLAudioElement).paused);
    await page.keyboard.press('p');
    await page.waitForFunction(() => !(document.querySelector('.detail audio') as HTMLAudioElement).paused);
    // Tagging while listening keeps the clip going (the pane re-renders around the same element).
    const playing = await page.locator('.detail audio').elementHandle();
    await page.keyboard.press('1');
    await page.locator('.detail .tag-chip', { hasText: 'car noise' }).waitFor();
    assert.equal(await playing!.evaluate((a) => a.isConnected && !(a as HTMLAudioElement).paused), true, 'still playing after a tag');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.locator('.detail-title', { hasText: 'ex-5 ·' }).waitFor();
    assert.equal(await playing!.evaluate((a) => (a as HTMLAudioElement).paused), true, 'selecting another row stopped the clip');
    await page.keyboard.press('p');
    await page.waitForFunction(() => {
      const a = document.querySelector('.detail audio') as HTMLAudioElement | null;
      return a !== null && /no\.wav$/.test(a.src) && a.readyState >= 2 && !a.paused;
    });
    await page.close();
  });

  it('says when a file is missing or outside the workspace, as a placeholder naming the path', async () => {
    const page = await openTable(media);
    await page.keyboard.press(' ');
    await goTo(page, 2);
    const placeholder = page.locator('.detail .media-placeholder');
    await placeholder.filter({ hasText: 'Missing file' }).waitFor();
    assert.equal(await placeholder.textContent(), 'Missing file: audio/gone.wav was not found next to fake.csv or in the workspace folder.');
    await page.keyboard.press('p');
    assert.equal(await page.locator('.detail audio').count(), 0, 'nothing to play');
    await page.keyboard.press('ArrowDown');
    await placeholder.filter({ hasText: 'Outside the workspace' }).waitFor();
    assert.match((await placeholder.textContent()) ?? '', /^Outside the workspace: \.\.\/outside\.png is outside the workspace folder \/ws; Loupe only opens files inside it\.$/);
    assert.equal(await page.locator('.detail img').count(), 0);
    await page.close();
  });

  it('never builds HTML from a media path', async () => {
    const page = await openTable(media);
    await page.keyboard.press(' ');
    await goTo(page, 5);
    await page.locator('.detail .media-placeholder', { hasText: 'Missing file' }).waitFor();
    assert.equal(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), undefined);
    assert.equal(await page.locator('.detail img').count(), 0);
    assert.match((await page.locator('.detail .media-placeholder').textContent()) ?? '', /<img src=x onerror="window.__pwned=1">\.png was not found/);
    await page.close();
  });
});

/** The data position of the first row on screen. */
const firstShown = async (page: Page) =>
  Number(await page.evaluate(() => [...document.querySelectorAll<HTMLElement>('.grid-row:not([hidden])')].find((r) => r.getBoundingClientRect().bottom > document.querySelector('.grid-viewport')!.getBoundingClientRect().top + 1)?.dataset.position));
const rowHeight = (page: Page) => page.evaluate(() => document.querySelector('.grid-row')!.getBoundingClientRect().height);

describe('pictures in the rows', () => {
  let media: Record<string, unknown>;
  before(async () => {
    browser = await launchChromium('table');
    media = writeFixtures();
  });
  after(async () => browser?.close());

  it('a file with image paths shows each picture beside its path in taller rows; missing and outside files say so', async () => {
    const page = await openTable(media);
    const button = page.locator('vscode-button', { hasText: 'Thumbnails' });
    await button.waitFor();
    assert.equal(await button.getAttribute('aria-pressed'), 'true');
    await page.waitForFunction(() => (document.querySelector('.grid-row .cell-c5 img.cell-thumb') as HTMLImageElement | null)?.naturalWidth === 24);
    assert.equal(await rowHeight(page), 72);
    const cat = page.locator('.grid-row[data-position="0"] .cell-c5');
    assert.equal(await cat.locator('.thumb-path').textContent(), 'images/cat.png');
    assert.equal(await cat.locator('img').evaluate((i: HTMLImageElement) => i.getBoundingClientRect().height), 64);
    // Audio paths and other cells stay text; the missing and the outside file show why, as their tooltip.
    assert.equal(await page.locator('.grid-row[data-position="1"] .cell-c5').textContent(), 'audio/yes.wav');
    assert.equal(await page.locator('.grid-row[data-position="1"] .cell-c5 img').count(), 0);
    const outside = page.locator('.grid-row[data-position="3"] .cell-c5');
    await outside.locator('.cell-thumb.unavailable').waitFor();
    assert.match((await outside.getAttribute('title')) ?? '', /outside the workspace folder/);
    // A hostile name is a path as text, never markup.
    const hostile = page.locator('.grid-row[data-position="5"] .cell-c5');
    await hostile.locator('.cell-thumb.unavailable').waitFor();
    assert.equal(await hostile.locator('.thumb-path').textContent(), '<img src=x onerror="window.__pwned=1">.png');
    assert.equal(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), undefined);
    // Each path on screen asked for once.
    const asked = await askedFor(page);
    assert.deepEqual([...new Set(asked)].sort(), ['../outside.png', '<img src=x onerror="window.__pwned=1">.png', 'images/cat.png']);
    assert.equal(asked.length, 3);
    await page.close();
  });

  it('the button turns pictures off and on; hiding the column of pictures gives rows of text and no button', async () => {
    const page = await openTable(media);
    const button = page.locator('vscode-button', { hasText: 'Thumbnails' });
    await page.locator('.grid-row[data-position="0"] .cell-c5 img.cell-thumb').waitFor();
    await button.click();
    await page.waitForFunction(() => document.querySelector('.grid-row')!.getBoundingClientRect().height === 24);
    assert.equal(await button.getAttribute('aria-pressed'), 'false');
    assert.equal(await page.locator('.grid-row img.cell-thumb, .grid-row .thumb-cell').count(), 0);
    assert.equal(await page.locator('.grid-row[data-position="0"] .cell-c5').textContent(), 'images/cat.png');
    // Off: scrolling to other rows asks for no picture.
    const before = (await askedFor(page)).length;
    await page.locator('.grid-viewport').evaluate((v) => (v.scrollTop = 24 * 30));
    await page.locator('.grid-row[data-position="36"]:not(.loading)').waitFor();
    assert.equal((await askedFor(page)).length, before);
    await button.click();
    await page.locator('.grid-row:not([hidden]) .cell-c5 img.cell-thumb').first().waitFor();
    assert.equal(await rowHeight(page), 72);
    // The key i (a table command, as the button): off and on again from the grid; the status line names it.
    await page.locator('.grid-viewport').focus();
    await page.locator('#app[data-table-keys="on"]').waitFor({ state: 'attached' });
    assert.match((await page.locator('.status-line').textContent()) ?? '', /· i pictures ·/);
    await page.keyboard.press('i');
    await page.waitForFunction(() => document.querySelector('.grid-row')!.getBoundingClientRect().height === 24);
    assert.equal(await button.getAttribute('aria-pressed'), 'false');
    await page.keyboard.press('i');
    await page.waitForFunction(() => document.querySelector('.grid-row')!.getBoundingClientRect().height === 72);
    assert.equal(await button.getAttribute('aria-pressed'), 'true');

    await page.locator('vscode-button', { hasText: 'Columns' }).click();
    await page.locator('.columns-popover vscode-checkbox[label="media"]').click();
    await page.waitForFunction(() => document.querySelector('.grid-row')!.getBoundingClientRect().height === 24);
    assert.equal(await button.isVisible(), false, 'no button without a column of pictures on screen');
    // Without a column of pictures on screen the status line does not offer i, and i changes nothing.
    assert.doesNotMatch((await page.locator('.status-line').textContent()) ?? '', /i pictures/);
    await page.keyboard.press('Escape');
    await page.locator('.grid-viewport').focus();
    await page.locator('#app[data-table-keys="on"]').waitFor({ state: 'attached' });
    const sent = () => page.evaluate(() => (window as unknown as { __commandsSent: string[] }).__commandsSent.filter((c) => c === 'thumbnails').length);
    const sentBefore = await sent();
    await page.keyboard.press('i');
    await page.waitForFunction((n) => (window as unknown as { __commandsSent: string[] }).__commandsSent.filter((c) => c === 'thumbnails').length > n, sentBefore);
    assert.equal(await rowHeight(page), 24);
    assert.equal(await page.evaluate(() => (window as unknown as { __loupeTestHost: { getState(): { thumbnails?: boolean } } }).__loupeTestHost.getState().thumbnails), true, 'the choice is still on, for when the column shows again');
    await page.locator('vscode-button', { hasText: 'Columns' }).click();
    await page.locator('.columns-popover vscode-checkbox[label="media"]').click();
    await page.waitForFunction(() => document.querySelector('.grid-row')!.getBoundingClientRect().height === 72);
    assert.equal(await button.isVisible(), true);
    await page.close();
  });

  it('turning pictures on or off keeps the first row on screen where it was, the cursor row off screen', async () => {
    const page = await openTable(media, { thumbnails: false }, 10_000);
    await page.locator('.grid-viewport').evaluate((v) => (v.scrollTop = 24 * 3000));
    await page.locator('.grid-row[data-position="3000"]:not(.loading)').waitFor();
    assert.equal(await firstShown(page), 3000);
    await page.locator('vscode-button', { hasText: 'Thumbnails' }).click();
    await page.waitForFunction(() => document.querySelector('.grid-row')!.getBoundingClientRect().height === 72);
    assert.equal(await firstShown(page), 3000, 'rows grew: the same first row');
    await page.locator('vscode-button', { hasText: 'Thumbnails' }).click();
    await page.waitForFunction(() => document.querySelector('.grid-row')!.getBoundingClientRect().height === 24);
    assert.equal(await firstShown(page), 3000, 'and back');
    await page.close();
  });

  it('a picture the browser cannot decode says so in its row', async () => {
    writeFileSync(path.join(OUT, 'broken.png'), Buffer.from('not a picture at all'));
    const page = await openTable({ ...media, 'images/broken.png': { state: 'ready', kind: 'image', uri: pathToFileURL(path.join(OUT, 'broken.png')).href } }, undefined, 20, ['images/broken.png', 'images/cat.png']);
    const broken = page.locator('.grid-row[data-position="0"] .cell-c5');
    await broken.locator('.cell-thumb.unavailable').waitFor();
    assert.equal(await broken.getAttribute('title'), 'images/broken.png could not be shown as a picture');
    await page.locator('.grid-row[data-position="1"] .cell-c5 img.cell-thumb').waitFor();
    await page.close();
  });

  it('a fast scroll through many rows asks only for the pictures where it stops (time held by the test)', async () => {
    // 997 different pictures (none on disk): every row on the way would ask for its own.
    const page = await openTable(media, undefined, 100_000, Array.from({ length: 997 }, (_, i) => `images/p${i}.png`), (p) => p.clock.install());
    await page.locator('.grid-row:not([hidden]) .cell-c5 .cell-thumb.unavailable').first().waitFor();
    const before = (await askedFor(page)).length;
    const onScreen = await page.locator('.grid-row:not([hidden])').count();
    // Time stands still but for 20 ms after each turn of the wheel: rows arrive and paint, and the
    // pictures' wait (longer) never ends until the scrolling stops.
    await page.clock.pauseAt((await page.evaluate(() => Date.now())) + 1000);
    await page.mouse.move(600, 400);
    const start = await page.locator('.grid-viewport').evaluate((v) => v.scrollTop);
    for (let i = 0; i < 40; i++) {
      await page.mouse.wheel(0, 3000);
      await page.clock.runFor(20);
    }
    // A turn of the wheel scrolls after the call returns: before time moves on, the last turn has
    // scrolled and the grid has painted the rows there (else the rows of two places ask, one after
    // the other, as a full run once saw: 18 questions for 9 rows on screen).
    await page.waitForFunction((end) => {
      const viewport = document.querySelector('.grid-viewport')!;
      if (viewport.scrollTop !== end) return false;
      const first = [...document.querySelectorAll<HTMLElement>('.grid-row:not([hidden])')].find((r) => r.getBoundingClientRect().bottom > viewport.getBoundingClientRect().top + 1);
      return Number(first?.dataset.position) === Math.floor(end / 72);
    }, start + 40 * 3000);
    const passed = await firstShown(page);
    assert.ok(passed > 1000, `the wheel went past more than a thousand rows (${passed})`);
    assert.equal((await askedFor(page)).length, before, 'nothing asked on the way');
    await page.clock.runFor(1000);
    await page.waitForFunction(() => document.querySelectorAll('.grid-row:not([hidden]) .thumb-cell[data-fresh="false"]').length === 0);
    const during = (await askedFor(page)).length - before;
    assert.ok(during > 0 && during <= onScreen, `only the rows where the scrolling stopped ask for their pictures: ${during} questions, ${onScreen} rows on screen`);
    await page.close();
  });
});
