/**
 * `npm run sample -- --rows 1000000 --out big.csv [--seed 42]`: writes a generated label file.
 * `npm run sample -- --workspace examples`: writes the sample workspace's training log, params,
 * metrics and experiment records next to its speech-commands.csv.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import { generateCsv } from './sampleGenerator';
import { writeSampleWorkspace } from './sampleWorkspace';

export async function writeSample(out: string, rows: number, seed: number): Promise<void> {
  const stream = createWriteStream(out);
  for (const chunk of generateCsv(rows, seed)) {
    if (!stream.write(chunk)) await once(stream, 'drain');
  }
  stream.end();
  await once(stream, 'finish');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { rows: { type: 'string', default: '2000' }, out: { type: 'string' }, seed: { type: 'string', default: '42' }, workspace: { type: 'string' } },
  });
  if (values.workspace) {
    for (const file of await writeSampleWorkspace(values.workspace)) console.log(`wrote ${values.workspace}/${file}`);
    return;
  }
  const rows = Number(values.rows);
  if (!values.out || !Number.isInteger(rows) || rows < 0) {
    console.error('usage: npm run sample -- --rows <n> --out <file.csv> [--seed <n>]  |  npm run sample -- --workspace examples');
    process.exit(2);
  }
  await writeSample(values.out, rows, Number(values.seed));
  console.log(`wrote ${rows} rows to ${values.out}`);
}

if (process.argv[1]?.endsWith('sample.ts')) void main();
