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

async function openTable(media: Record<string, unknown>): Promise<Page> {
  const page = await openWithFakeHost(browser, pageUrl, 'fakeHost.js', { rows: 60, columns: COLUMNS, mediaCells: MEDIA_CELLS, media }, { width: 1200, height: 700 });
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

describe('media in the detail pane', () => {
  let media: Record<string, unknown>;
  before(async () => {
    browser = await launchChromium('table', ['--autoplay-policy=no-user-gesture-required']);
    media = writeFixtures();
  });
  after(async () => browser?.close());

  it('shows an image path as a picture with its natural size', async () => {
    const page = await openTable(media);
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
