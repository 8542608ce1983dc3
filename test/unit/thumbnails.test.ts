import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Thumbnails } from '../../webview/table/thumbnails';
import type { TableColumn, TableRow } from '../../src/protocol/labelTable';

const columns: TableColumn[] = [
  { index: 0, name: 'id', role: 'id', kind: 'key' },
  { index: 1, name: 'image', role: 'input', kind: 'text' },
  { index: 2, name: 'clip', role: 'other', kind: 'text' },
  { index: 3, name: 'label', role: 'label', kind: 'categorical' },
];
const row = (cells: string[]): TableRow => ({ row: 0, line: 2, key: cells[0]!, cells, tags: [], error: null }) as unknown as TableRow;
const thumbnails = () => new Thumbnails({ known: () => undefined, locate: () => new Promise(() => undefined) }, { querySelectorAll: () => [] } as unknown as HTMLElement, () => undefined, 0);

test('a column holds pictures once one of its cells is an image path; audio paths and text do not count', () => {
  const t = thumbnails();
  assert.equal(t.observe([row(['a', 'photo of a cat', 'clips/a.wav', 'cat'])], columns), false);
  assert.deepEqual([...t.imageColumns], []);
  assert.deepEqual([...t.imageColumns], []);
  assert.equal(t.observe([row(['b', '', 'clips/b.wav', 'dog']), row(['c', 'images/c.JPG', '', 'cat']), row(['e', 'images/e.png', '', 'cat'])], columns), true);
  assert.deepEqual([...t.imageColumns], [1], 'two of three non-empty cells are pictures');
  // More rows of the same kind change nothing.
  assert.equal(t.observe([row(['d', 'images/d.png', 'clips/d.wav', 'cat'])], columns), false);
});

test('after the file is read again, the first rows of the new read decide which columns hold pictures', () => {
  const t = thumbnails();
  t.observe([row(['a', 'images/a.png', '', 'cat'])], columns);
  t.reset();
  assert.deepEqual([...t.imageColumns], [1], 'kept until the new rows come');
  assert.equal(t.observe([row(['a', 'images/a.png', '', 'cat'])], columns), false, 'the same pictures: nothing changes');
  t.reset();
  assert.equal(t.observe([row(['a', 'a cat on a mat', '', 'cat'])], columns), true, 'the column holds text now');
  assert.deepEqual([...t.imageColumns], []);
});

test('a column of comments that mention a picture now and then is not a column of pictures', () => {
  const t = thumbnails();
  const comments = ['blurry', 'compare ref.png', 'too dark', 'see other.jpg', 'ok', '', ''];
  assert.equal(t.observe(comments.map((c, i) => row([`r${i}`, 'a photo', '', 'cat', c])), [...columns, { index: 4, name: 'comment', role: 'other', kind: 'text' }]), false);
  assert.deepEqual([...t.imageColumns], []);
  // Half the non-empty cells being pictures is enough.
  assert.equal(t.observe([row(['s', 'a photo', '', 'cat', 'x.png']), row(['t', 'a photo', '', 'cat', 'y.png']), row(['u', 'a photo', '', 'cat', 'z.png'])], [...columns, { index: 4, name: 'comment', role: 'other', kind: 'text' }]), true);
  assert.deepEqual([...t.imageColumns], [4]);
});
