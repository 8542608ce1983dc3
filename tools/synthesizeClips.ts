/**
 * `npx tsx tools/synthesizeClips.ts`: writes the sample's clips, examples/audio/<word>-<voice>.wav,
 * with Debian's espeak-ng (`apt-get install espeak-ng`): each command word in each voice, as
 * 16 kHz mono 16-bit WAV trimmed to the word. The clips are committed, so neither the sample
 * generator nor any test needs espeak-ng; run this only to change them.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { CLASSES, CLIP_VOICES } from './sampleGenerator';

/** espeak-ng's voice and speaking rate (words per minute) for each voice name in the sample's paths. */
const ESPEAK: Record<(typeof CLIP_VOICES)[number], { voice: string; speed: number; pitch: number }> = {
  us: { voice: 'en-us', speed: 150, pitch: 50 },
  rp: { voice: 'en-gb-x-rp', speed: 140, pitch: 40 },
  scotland: { voice: 'en-gb-scotland', speed: 160, pitch: 55 },
  lancaster: { voice: 'en-gb-x-gbclan', speed: 130, pitch: 35 },
  caribbean: { voice: 'en-029', speed: 170, pitch: 65 },
};
const RATE = 16_000;

function synthesize(word: string, voice: string, speed: number, pitch: number): { rate: number; samples: Int16Array } {
  const wav = execFileSync('espeak-ng', ['-v', voice, '-s', String(speed), '-p', String(pitch), '--stdout', word]);
  return readPcm16(wav);
}

/** The samples of a PCM 16-bit mono WAV (espeak-ng writes one, with a streaming-size header). */
function readPcm16(wav: Buffer): { rate: number; samples: Int16Array } {
  if (wav.toString('latin1', 0, 4) !== 'RIFF' || wav.toString('latin1', 8, 12) !== 'WAVE') throw new Error('espeak-ng did not write a WAV file');
  let offset = 12;
  let rate = 0;
  while (offset + 8 <= wav.length) {
    const id = wav.toString('latin1', offset, offset + 4);
    const size = wav.readUInt32LE(offset + 4);
    if (id === 'fmt ') rate = wav.readUInt32LE(offset + 12);
    if (id === 'data') {
      const end = Math.min(wav.length, offset + 8 + size) & ~1;
      const data = wav.subarray(offset + 8, end);
      return { rate, samples: new Int16Array(data.buffer.slice(data.byteOffset, data.byteOffset + data.length)) };
    }
    offset += 8 + size + (size & 1);
  }
  throw new Error('no data chunk in the WAV file');
}

/** Linear resampling, then the silence around the word cut (50 ms kept) and the peak set to 90%. */
function prepare(input: { rate: number; samples: Int16Array }): Int16Array {
  const length = Math.floor((input.samples.length * RATE) / input.rate);
  const out = new Float64Array(length);
  for (let i = 0; i < length; i++) {
    const at = (i * input.rate) / RATE;
    const j = Math.floor(at);
    const next = input.samples[Math.min(j + 1, input.samples.length - 1)];
    out[i] = input.samples[j] + (next - input.samples[j]) * (at - j);
  }
  const peak = out.reduce((m, v) => Math.max(m, Math.abs(v)), 1);
  const loud = (v: number) => Math.abs(v) > peak * 0.02;
  const pad = RATE / 20;
  const start = Math.max(0, out.findIndex(loud) - pad);
  const end = Math.min(length, length - [...out].reverse().findIndex(loud) + pad);
  return Int16Array.from(out.subarray(start, end), (v) => Math.round((v / peak) * 0.9 * 32767));
}

function wavFile(samples: Int16Array): Buffer {
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'latin1');
  header.writeUInt32LE(36 + samples.byteLength, 4);
  header.write('WAVEfmt ', 8, 'latin1');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(RATE, 24);
  header.writeUInt32LE(RATE * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36, 'latin1');
  header.writeUInt32LE(samples.byteLength, 40);
  return Buffer.concat([header, Buffer.from(samples.buffer, samples.byteOffset, samples.byteLength)]);
}

const folder = path.join(import.meta.dirname, '..', 'examples', 'audio');
mkdirSync(folder, { recursive: true });
let total = 0;
for (const word of CLASSES) {
  for (const name of CLIP_VOICES) {
    const { voice, speed, pitch } = ESPEAK[name];
    const file = wavFile(prepare(synthesize(word, voice, speed, pitch)));
    writeFileSync(path.join(folder, `${word}-${name}.wav`), file);
    total += file.length;
  }
}
console.log(`wrote ${CLASSES.length * CLIP_VOICES.length} clips (${Math.round(total / 1024)} KB) to ${folder}`);
