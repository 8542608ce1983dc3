// Media in the table, as a user: listen to the selected row's clip with p while going down the
// rows (the sample's clips), and see pictures in the detail pane, with a placeholder for a file
// that is missing or outside the workspace, in the light, dark and high-contrast themes.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Buffer } from 'node:buffer';
import { deflateSync } from 'node:zlib';
import { chooseColorTheme, expect, openLabelTable, webviewThemed, pressTableKey, screenshotInThemes } from './workbench.mjs';

const THEMES = [
  ['light', 'Light Modern'],
  ['dark', 'Dark Modern'],
  ['high-contrast', 'Dark High Contrast'],
];

/** Records the clips' media events in the webview (they do not bubble: listened to while capturing). */
async function recordMediaEvents(view) {
  await view.locator('#app').evaluate((app) => {
    const doc = app.ownerDocument;
    doc.__mediaEvents = [];
    for (const type of ['canplay', 'playing', 'pause']) {
      doc.addEventListener(type, (e) => doc.__mediaEvents.push({ type, src: e.target.src, readyState: e.target.readyState, ended: e.target.ended }), true);
    }
  });
  return () => view.locator('#app').evaluate((app) => app.ownerDocument.__mediaEvents);
}

export async function playClipByKeyboard({ page, server, workspace, artifacts }) {
  const view = await openLabelTable(page, server, workspace, 'speech-commands.csv');
  const events = await recordMediaEvents(view);
  const clipOf = async () => (await view.locator('.grid-row.selected .grid-cell').allTextContents()).map((t) => t.trim()).find((t) => /^audio\/.+\.wav$/.test(t));
  await view.locator('.grid-viewport').focus();
  await page.keyboard.press('ArrowDown');
  await expect(() => view.locator('.grid-row.selected').getAttribute('aria-rowindex'), (v) => assert.equal(v, '3'), 'the second row selected');
  const first = await clipOf();
  assert.ok(first, 'the row names a clip');
  await expect(() => view.locator('.status-line').textContent(), (t) => assert.match(t, /p play\/pause clip/), 'the key in the status line');

  // p opens the pane, loads the clip through the webview's resource URI and plays it.
  await pressTableKey(page, 'p');
  const audio = view.locator('.detail audio');
  await expect(events, (log) => assert.ok(log.some((e) => e.type === 'playing' && e.src.endsWith(first) && e.readyState >= 2), JSON.stringify(log)), `${first} playing`);
  const src = await audio.getAttribute('src');
  assert.match(src, /^https:\/\/.*vscode-resource.*\/audio\/[a-z]+-[a-z]+\.wav$/, 'a webview resource URI');
  const csp = await view.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  const directive = (name) => csp.split(';').map((d) => d.trim()).find((d) => d.startsWith(`${name} `))?.slice(name.length + 1);
  assert.ok(directive('media-src'), `a media-src directive: ${csp}`);
  assert.equal(directive('media-src'), directive('style-src'), `media only from the webview's resource origin (as styles): ${csp}`);
  await page.screenshot({ path: path.join(artifacts, 'media-clip-playing.png') });

  // p pauses it. The clips last half a second: if one ends before the key lands, p plays it again and the test presses once more.
  let pausedByKey = false;
  for (let attempt = 0; attempt < 5 && !pausedByKey; attempt++) {
    const seen = (await events()).length;
    if (await audio.evaluate((a) => a.paused)) {
      await pressTableKey(page, 'p');
      await expect(events, (log) => assert.ok(log.slice(seen).some((e) => e.type === 'playing')), 'playing again');
    }
    const before = (await events()).length;
    await pressTableKey(page, 'p');
    const pause = (await expect(events, (log) => assert.ok(log.slice(before).some((e) => e.type === 'pause')), 'a pause')).slice(before).find((e) => e.type === 'pause');
    pausedByKey = !pause.ended;
  }
  assert.ok(pausedByKey, 'p paused the clip before its end');
  assert.equal(await audio.evaluate((a) => a.paused && !a.ended && a.currentTime > 0), true);

  // Another row: the previous clip stays stopped, and p loads and plays the new row's clip.
  await page.keyboard.press('ArrowDown');
  await expect(() => view.locator('.grid-row.selected').getAttribute('aria-rowindex'), (v) => assert.equal(v, '4'), 'the third row selected');
  const second = await clipOf();
  const before = (await events()).length;
  await pressTableKey(page, 'p');
  await expect(events, (log) => assert.ok(log.slice(before).some((e) => e.type === 'playing' && e.src.endsWith(second) && e.readyState >= 2), JSON.stringify(log.slice(before))), `${second} playing`);
  assert.equal(await view.locator('.detail audio').count(), 1, 'one player: the selected row\'s');
  await screenshotInThemes(page, view, artifacts, 'media-clip');
}

/** A PNG of `width` × `height` RGB pixels in one colour. */
function png(width, height, rgb) {
  const table = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (bytes) => {
    let c = 0xffffffff;
    for (const b of bytes) c = table[(c ^ b) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type, data) => {
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

export async function imageThumbnails({ page, server, workspace, artifacts }) {
  const folder = path.join(workspace, 'pictures');
  mkdirSync(path.join(folder, 'images'), { recursive: true });
  writeFileSync(path.join(folder, 'images', 'cat.png'), png(64, 40, [220, 120, 40]));
  writeFileSync(path.join(folder, 'images', 'dog.png'), png(32, 48, [40, 120, 220]));
  // A real file next to the workspace: a path to it is refused, never shown.
  writeFileSync(path.join(workspace, '..', 'outside.png'), png(8, 8, [255, 0, 0]));
  writeFileSync(
    path.join(folder, 'pictures.csv'),
    ['id,image,label,prediction,reference', 'p1,images/cat.png,cat,cat,images/cat-reference.png', 'p2,images/dog.png,dog,cat,', 'p3,images/gone.png,cat,dog,', 'p4,../../outside.png,dog,dog,', ''].join('\n'),
  );
  const view = await openLabelTable(page, server, workspace, 'pictures.csv');
  await view.locator('.grid-viewport').focus();
  await pressTableKey(page, ' ');
  await page.keyboard.press('Home');
  const image = view.locator('.detail img.detail-thumb');
  const naturalSize = () => image.evaluate((i) => [i.naturalWidth, i.naturalHeight, i.alt, i.complete]);
  await expect(naturalSize, (s) => assert.deepEqual(s, [64, 40, 'images/cat.png', true]), 'the picture of p1 at its natural size');
  const placeholder = view.locator('.detail .media-placeholder');
  await expect(() => placeholder.textContent(), (t) => assert.equal(t, 'Missing file: images/cat-reference.png was not found next to pictures.csv or in the workspace folder.'), 'the placeholder for a missing file');
  // The rows show their pictures too, beside each path; a missing or outside file says why in its tooltip.
  const cell = (position, column) => view.locator(`.grid-row[data-position="${position}"] .cell-c${column}`);
  const rowPicture = (position) => cell(position, 1).locator('img.cell-thumb').evaluate((i) => [i.naturalWidth, i.complete, Math.round(i.getBoundingClientRect().height)]);
  await expect(() => rowPicture(0), (s) => assert.deepEqual(s, [64, true, 64]), 'p1: its picture in the row');
  await expect(() => rowPicture(1), (s) => assert.deepEqual(s, [32, true, 64]), 'p2: its picture in the row');
  for (const [position, column, why] of [[0, 4, /images\/cat-reference\.png was not found/], [2, 1, /images\/gone\.png was not found/], [3, 1, /outside the workspace folder/]]) {
    await cell(position, column).locator('.cell-thumb.unavailable').waitFor();
    assert.match(await cell(position, column).getAttribute('title'), why);
  }
  assert.equal(await cell(3, 1).locator('img').count(), 0, 'nothing outside the workspace is shown in the rows');
  assert.equal(await view.locator('vscode-button', { hasText: 'Thumbnails' }).getAttribute('aria-pressed'), 'true');
  for (const [name, theme] of THEMES) {
    await chooseColorTheme(page, theme);
    await webviewThemed(view, theme);
    // High contrast draws pressed and unpressed buttons alike: the pressed toggle has a solid outline.
    const outline = await view.locator('vscode-button', { hasText: 'Thumbnails' }).evaluate((b) => getComputedStyle(b).outlineStyle);
    assert.equal(outline, name === 'high-contrast' ? 'solid' : 'none', `${name}: the pressed Thumbnails button's outline`);
    await page.screenshot({ path: path.join(artifacts, `media-image-${name}.png`) });
  }

  // The theme picker had the focus: back to the grid, as a user clicking it would.
  await view.locator('.grid-viewport').focus();
  await page.keyboard.press('ArrowDown');
  await expect(naturalSize, (s) => assert.deepEqual(s, [32, 48, 'images/dog.png', true]), 'the picture of p2');
  await page.keyboard.press('ArrowDown');
  await expect(() => placeholder.textContent(), (t) => assert.equal(t, 'Missing file: images/gone.png was not found next to pictures.csv or in the workspace folder.'), 'p3: missing');
  assert.equal(await image.count(), 0);
  await page.keyboard.press('ArrowDown');
  await expect(() => placeholder.textContent(), (t) => assert.match(t, /^Outside the workspace: \.\.\/\.\.\/outside\.png is outside the workspace folder .*; Loupe only opens files inside it\.$/), 'p4: outside the workspace');
  assert.equal(await image.count(), 0, 'nothing outside the workspace is shown');
  assert.equal(await page.locator('.notifications-toasts .notification-toast').count(), 0, 'no dialog or notification');
  await page.screenshot({ path: path.join(artifacts, 'media-image-outside.png') });

  // Thumbnails off: rows of text again.
  await view.locator('vscode-button', { hasText: 'Thumbnails' }).click();
  await expect(() => view.locator('.grid-row').first().evaluate((r) => r.getBoundingClientRect().height), (h) => assert.equal(h, 24), 'rows of one line');
  assert.equal(await view.locator('.grid-row img.cell-thumb').count(), 0);
  assert.equal(await cell(0, 1).textContent(), 'images/cat.png');
  // And on again from the grid with i (Loupe Table: Toggle Pictures in the Rows).
  await view.locator('.grid-viewport').focus();
  await pressTableKey(page, 'i');
  await expect(() => rowPicture(0), (s) => assert.deepEqual(s, [64, true, 64]), 'pictures back with i');
  assert.equal(await view.locator('vscode-button', { hasText: 'Thumbnails' }).getAttribute('aria-pressed'), 'true');
}
