import { parseCsvBytes } from './rows';

export const DELIMITERS = { ',': 0x2c, '\t': 0x09, ';': 0x3b, '|': 0x7c } as const;
export type Delimiter = keyof typeof DELIMITERS;

/**
 * Picks the delimiter whose first records have the same field count as the header, most
 * often and with the most fields. Falls back to `fallback` when nothing splits the header.
 */
export function detectDelimiter(head: Uint8Array, fallback: Delimiter = ','): Delimiter {
  let best: Delimiter = fallback;
  let bestScore = -1;
  for (const candidate of Object.keys(DELIMITERS) as Delimiter[]) {
    const { records } = parseCsvBytes(head, { delimiter: DELIMITERS[candidate] });
    const sample = records.slice(0, 21);
    if (sample.length > 1) sample.pop(); // the last record of a cut head may be partial
    const width = sample[0]?.fields.length ?? 0;
    if (width < 2) continue;
    const consistent = sample.filter((r) => r.fields.length === width).length / sample.length;
    const score = consistent * 1000 + Math.min(width, 999);
    if (score > bestScore || (score === bestScore && candidate === fallback)) {
      best = candidate;
      bestScore = score;
    }
  }
  return best;
}
