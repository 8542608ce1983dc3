/**
 * Seeded generator of a realistic speech-commands label file. The structure is deliberate:
 * - noise mirrors the course's error-analysis table (clean 60% / people 30% / low bandwidth 6%
 *   / car 4%, with accuracies 94 / 87 / 70 / 89% and labeler agreement 95 / 89 / 70 / 93%);
 * - the "feature_phone" device is a slice built to fail an audit (about 72% accurate);
 * - labelers confuse "no"/"go" and "off"/"up" more than other pairs (ambiguity classes);
 * - p_<class> columns are a model's out-of-sample class probabilities (its arg-max is the
 *   prediction, at about the confidence column's value); on about a third of the rows where
 *   the prediction and the label differ, the label is one deliberately flipped from the true
 *   class: the probabilities put 0.85–0.97 on the prediction and almost nothing on the label,
 *   so confident learning (DOMAIN.md §7) finds them;
 * - the audio column names one of the committed clips, `audio/<word>-<voice>.wav`, reused across
 *   rows: the word is the true class (on a flipped row, the prediction, so listening reveals the
 *   wrong label) and the voice follows the accent.
 */
import { formatCsvRow } from '../src/core/csv/write';

export const CLASSES = ['yes', 'no', 'up', 'down', 'left', 'right', 'on', 'off', 'stop', 'go'] as const;
const CONFUSABLE: Record<string, string> = { no: 'go', go: 'no', off: 'up', up: 'off', on: 'off', left: 'right', right: 'left', down: 'no', yes: 'left', stop: 'up' };

interface NoiseProfile {
  name: string;
  share: number;
  modelAccuracy: number;
  labelerAccuracy: number;
}
export const NOISE: NoiseProfile[] = [
  { name: 'clean', share: 0.6, modelAccuracy: 0.94, labelerAccuracy: 0.95 },
  { name: 'people', share: 0.3, modelAccuracy: 0.87, labelerAccuracy: 0.89 },
  { name: 'low_bandwidth', share: 0.06, modelAccuracy: 0.7, labelerAccuracy: 0.7 },
  { name: 'car', share: 0.04, modelAccuracy: 0.89, labelerAccuracy: 0.93 },
];
const DEVICES = [
  { name: 'phone', share: 0.55, penalty: 0 },
  { name: 'laptop', share: 0.25, penalty: 0 },
  { name: 'smart_speaker', share: 0.15, penalty: 0 },
  { name: 'feature_phone', share: 0.05, penalty: 0.2 },
];
const ACCENTS = [
  { name: 'us', share: 0.45 },
  { name: 'uk', share: 0.2 },
  { name: 'indian', share: 0.15 },
  { name: 'australian', share: 0.1 },
  { name: 'scottish', share: 0.1 },
];
const TRANSCRIPTS: Record<string, string[]> = {
  yes: ['yes', 'yes please', 'yeah, yes', 'oui — yes'],
  no: ['no', 'no thanks', 'nope, "no"', 'nein… no'],
  up: ['up', 'turn it up', 'volume up, please', 'arriba (up)'],
  down: ['down', 'turn it down', 'go down', '下 down'],
  left: ['left', 'to the left', 'left, then', 'izquierda / left'],
  right: ['right', 'to the right', 'right now, "right"', 'droite right'],
  on: ['on', 'lights on', 'switch on, please', 'an — on'],
  off: ['off', 'lights off', 'turn it off\nnow', 'aus off'],
  stop: ['stop', 'stop it', 'please stop, "stop"', 'стоп stop'],
  go: ['go', "let's go", 'go, go, go', '行く go'],
};
const CONTEXT = [
  'in the kitchen', 'while driving home', 'with the TV on', 'near the window', 'on speakerphone',
  'after the beep', 'during the meeting', 'in a hurry', 'with kids talking', 'from the hallway',
];
const SPEAKERS = ['adult', 'child', 'senior', 'teen'];

/**
 * The voices of the committed clips (`examples/audio/<word>-<voice>.wav`, made by
 * `tools/synthesizeClips.ts` with espeak-ng), and the voice each accent's rows use: espeak-ng
 * has no Australian or Indian English, so those rows get two other voices.
 */
export const CLIP_VOICES = ['us', 'rp', 'scotland', 'lancaster', 'caribbean'] as const;
const VOICE_OF_ACCENT: Record<string, (typeof CLIP_VOICES)[number]> = { us: 'us', uk: 'rp', scottish: 'scotland', australian: 'lancaster', indian: 'caribbean' };

/** A small, fast, seedable PRNG (mulberry32). */
export function createRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T extends { share: number }>(items: readonly T[], r: number): T {
  let acc = 0;
  for (const item of items) {
    acc += item.share;
    if (r < acc) return item;
  }
  return items[items.length - 1];
}

export const HEADER = [
  'id', 'audio', 'transcript', 'label', 'prediction', 'confidence',
  'labeler_1', 'labeler_2', 'labeler_3', 'tags', 'device', 'accent', 'noise', 'split',
  'prediction_v2',
  ...CLASSES.map((c) => `p_${c}`),
];

/** Share of the rows where the prediction differs from the label whose label was flipped from the true class. */
const FLIPPED_SHARE = 0.35;

/**
 * P(class) for each class, rounded to 4 decimals and summing to 1 (the rounding remainder goes
 * to the predicted class). The predicted class gets the confidence; when the prediction is
 * wrong, the label keeps a real share unless the label was flipped; the rest is spread with
 * more weight on the class people confuse with the prediction.
 */
function classProbabilities(label: string, prediction: string, confidence: number, random: () => number): { probabilities: string[]; flipped: boolean } {
  const flipped = label !== prediction && random() < FLIPPED_SHARE;
  const top = flipped ? 0.85 + 0.12 * random() : confidence;
  const p = new Map<string, number>([[prediction, top]]);
  let rest = 1 - top;
  if (label !== prediction) {
    const own = flipped ? rest * 0.05 * random() : Math.min(rest * (0.4 + 0.4 * random()), top - 0.02);
    p.set(label, own);
    rest -= own;
  }
  const others = CLASSES.filter((c) => !p.has(c));
  const weights = others.map((c) => (0.5 + random()) * (c === CONFUSABLE[prediction] ? 3 : 1));
  const total = weights.reduce((a, b) => a + b, 0);
  others.forEach((c, i) => p.set(c, (rest * weights[i]) / total));
  const rounded = CLASSES.map((c) => Math.round(p.get(c)! * 10_000));
  const index = CLASSES.indexOf(prediction as (typeof CLASSES)[number]);
  rounded[index] += 10_000 - rounded.reduce((a, b) => a + b, 0);
  return { probabilities: rounded.map((n) => (n / 10_000).toFixed(4)), flipped };
}

/**
 * A second model's prediction (trained after the data was improved): it fixes about half of
 * the first model's errors on noisy audio and a quarter of the clean ones, and breaks about 2%
 * of its right answers. It draws from its own generator, so every other column is unchanged.
 */
function secondPrediction(label: string, prediction: string, noise: string, random: () => number): string {
  const fix = noise === 'clean' ? 0.25 : 0.5;
  if (prediction !== label) return random() < fix ? label : prediction;
  return random() < 0.02 ? wrongClass(label, random) : prediction;
}

function wrongClass(truth: string, random: () => number): string {
  if (random() < 0.6) return CONFUSABLE[truth];
  let other = truth;
  while (other === truth) other = CLASSES[Math.floor(random() * CLASSES.length)];
  return other;
}

function labelerJudgement(truth: string, accuracy: number, random: () => number): string {
  if (random() < 0.02) return ''; // not labeled by this labeler
  return random() < accuracy ? truth : wrongClass(truth, random);
}

/** One generated row, as CSV fields. */
export function generateRow(index: number, random: () => number, secondRandom: () => number = random, probabilityRandom: () => number = random): string[] {
  const id = `utt-${String(index + 1).padStart(7, '0')}`;
  const label = CLASSES[Math.floor(random() * CLASSES.length)];
  const noise = pick(NOISE, random());
  const device = pick(DEVICES, random());
  const accent = pick(ACCENTS, random());
  const accuracy = Math.max(0, noise.modelAccuracy - device.penalty);
  const correct = random() < accuracy;
  const prediction = correct ? label : wrongClass(label, random);
  const confidence = correct ? 0.55 + 0.45 * random() ** 0.5 : 0.3 + 0.55 * random();
  const transcripts = TRANSCRIPTS[label];
  const said = transcripts[Math.floor(random() * transcripts.length)];
  const context = CONTEXT[Math.floor(random() * CONTEXT.length)];
  const speaker = SPEAKERS[Math.floor(random() * SPEAKERS.length)];
  const transcript = `${said} (${speaker}, ${context}; ${(0.4 + random() * 2.2).toFixed(2)} s)`;
  const labelers = [0, 1, 2].map(() => labelerJudgement(label, noise.labelerAccuracy, random));
  const tags = random() < 0.03 ? (noise.name === 'car' ? 'car noise' : random() < 0.5 ? 'blurry audio' : 'far field') : '';
  const split = random() < 0.8 ? 'train' : random() < 0.5 ? 'dev' : 'test';
  const second = secondPrediction(label, prediction, noise.name, secondRandom);
  const { probabilities, flipped } = classProbabilities(label, prediction, confidence, probabilityRandom);
  // The clip says the true class: a flipped label is heard to be wrong.
  const spoken = flipped ? prediction : label;
  return [
    id,
    `audio/${spoken}-${VOICE_OF_ACCENT[accent.name]}.wav`,
    transcript,
    label,
    prediction,
    confidence.toFixed(4),
    ...labelers,
    tags,
    device.name,
    accent.name,
    noise.name,
    split,
    second,
    ...probabilities,
  ];
}

/** Yields the file in text chunks of about `rowsPerChunk` rows. */
export function* generateCsv(rows: number, seed = 42, rowsPerChunk = 10_000): Generator<string> {
  const random = createRandom(seed);
  const secondRandom = createRandom(seed ^ 0x5eed2);
  // Own generators: adding a column never changes the others.
  const probabilityRandom = createRandom(seed ^ 0x9b0b5);
  yield formatCsvRow(HEADER) + '\n';
  for (let start = 0; start < rows; start += rowsPerChunk) {
    const end = Math.min(rows, start + rowsPerChunk);
    const lines: string[] = [];
    for (let i = start; i < end; i++) lines.push(formatCsvRow(generateRow(i, random, secondRandom, probabilityRandom)));
    yield lines.join('\n') + '\n';
  }
}
