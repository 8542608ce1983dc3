import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { CLASSES, CLIP_VOICES, generateCsv } from './sampleGenerator';

const EXAMPLES = path.join(__dirname, '..', 'examples');
const SAMPLE = readFileSync(path.join(EXAMPLES, 'speech-commands.csv'), 'utf8');

test('the committed sample is what the generator writes (2,000 rows, seed 42)', () => {
  assert.equal([...generateCsv(2000, 42)].join(''), SAMPLE);
});

test("every audio path of the sample names a committed clip, and the clips are reused across rows", () => {
  const paths = SAMPLE.split('\n').slice(1).filter((l) => l.startsWith('utt-')).map((l) => l.split(',')[1]);
  assert.equal(paths.length, 2000);
  for (const p of new Set(paths)) {
    assert.match(p, /^audio\/[a-z]+-[a-z]+\.wav$/);
    assert.ok(statSync(path.join(EXAMPLES, p)).isFile(), p);
  }
  assert.equal(new Set(paths).size, CLASSES.length * CLIP_VOICES.length);
});

test('the clips are small 16 kHz mono 16-bit WAV files, well under 2 MB together', () => {
  const files = readdirSync(path.join(EXAMPLES, 'audio'));
  assert.equal(files.length, CLASSES.length * CLIP_VOICES.length);
  let total = 0;
  for (const name of files) {
    const wav = readFileSync(path.join(EXAMPLES, 'audio', name));
    total += wav.length;
    assert.equal(wav.toString('latin1', 0, 4), 'RIFF', name);
    assert.equal(wav.readUInt16LE(22), 1, `${name}: mono`);
    assert.equal(wav.readUInt32LE(24), 16_000, `${name}: 16 kHz`);
    assert.equal(wav.readUInt16LE(34), 16, `${name}: 16-bit`);
    const seconds = wav.readUInt32LE(40) / 32_000;
    assert.ok(seconds > 0.2 && seconds < 1.5, `${name}: ${seconds} s`);
  }
  assert.ok(total < 1024 * 1024, `${total} bytes`);
});
