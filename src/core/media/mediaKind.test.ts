import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mediaKindOf } from './mediaKind';

test('images and audio are told apart by their extension, in any case', () => {
  for (const p of ['a.png', 'x/y.JPG', 'b.jpeg', 'c.webp', 'd.gif', 'e.bmp']) assert.equal(mediaKindOf(p), 'image', p);
  for (const p of ['audio/yes-us.wav', 'a.MP3', 'b.ogg', 'c.flac', ' padded.wav ']) assert.equal(mediaKindOf(p), 'audio', p);
});

test('text, other files and multi-line cells are not media', () => {
  for (const p of ['', 'hello', 'notes.txt', 'clip.wav.txt', 'video.mp4', 'a.svg', 'line one\nclip.wav', `${'a'.repeat(5000)}.wav`]) assert.equal(mediaKindOf(p), null, p);
});
