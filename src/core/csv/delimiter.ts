import { CsvScanner, type CsvSink } from './scanner';

export const DELIMITERS = { ',': 0x2c, '\t': 0x09, ';': 0x3b, '|': 0x7c } as const;
export type Delimiter = keyof typeof DELIMITERS;

/** Records looked at per candidate: the header and 20 rows. */
const SAMPLE_RECORDS = 21;
/** The head is scanned in slices of this size, so a candidate stops once it has its sample. */
const SLICE = 64 * 1024;

/** Counts the fields of the first records; keeps no bytes (a huge field costs a scan, not a copy). */
class FieldCounts implements CsvSink {
  readonly counts: number[] = [];

  wantsBytes(): boolean {
    return false;
  }

  field(): void {}

  record(fieldCount: number, _start: number, _end: number, _line: number, blank: boolean): void {
    if (!blank) this.counts.push(fieldCount);
  }
}

/** Field counts of the first records of `head` read with `delimiter` (the last one may be cut). */
function recordWidths(head: Uint8Array, delimiter: number): number[] {
  const sink = new FieldCounts();
  const scanner = new CsvScanner(sink, delimiter);
  for (let at = 0; at < head.length; at += SLICE) {
    scanner.push(head.subarray(at, at + SLICE));
    if (sink.counts.length > SAMPLE_RECORDS) return sink.counts.slice(0, SAMPLE_RECORDS);
  }
  scanner.end();
  return sink.counts.slice(0, SAMPLE_RECORDS);
}

/**
 * Picks the delimiter whose first records have the same field count as the header, most
 * often and with the most fields. Falls back to `fallback` when nothing splits the header.
 */
export function detectDelimiter(head: Uint8Array, fallback: Delimiter = ','): Delimiter {
  let best: Delimiter = fallback;
  let bestScore = -1;
  for (const candidate of Object.keys(DELIMITERS) as Delimiter[]) {
    const sample = recordWidths(head, DELIMITERS[candidate]);
    if (sample.length > 1) sample.pop(); // the last record of a cut head may be partial
    const width = sample[0] ?? 0;
    if (width < 2) continue;
    const consistent = sample.filter((w) => w === width).length / sample.length;
    const score = consistent * 1000 + Math.min(width, 999);
    if (score > bestScore || (score === bestScore && candidate === fallback)) {
      best = candidate;
      bestScore = score;
    }
  }
  return best;
}
