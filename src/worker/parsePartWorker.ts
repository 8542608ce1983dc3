/**
 * Worker thread entry: parses the second part of a big file (from a record boundary to the
 * end) into columns, while the first part is parsed elsewhere. Posts the partial dataset,
 * its typed arrays transferred, not copied.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { ColumnarParser } from '../core/dataset/columnarParser';
import type { Dataset } from '../core/dataset/dataset';
import { readRange } from '../node/readRange';
import { Utf8Check } from '../node/utf8Check';
import { partMisaligned, type PartRequest, type PartMessage } from '../node/parallelLoad';

async function main(request: PartRequest): Promise<void> {
  const parser = new ColumnarParser(request.columns, request.capacity, request.delimiter, request.start, true);
  const check = new Utf8Check();
  let read = 0;
  let last = 0;
  let trusted = false;
  for await (const chunk of readRange(request.file, request.start, request.end)) {
    check.push(chunk);
    parser.push(chunk);
    read += chunk.length;
    if (!trusted) {
      // A part that starts inside a quoted field is left to the first thread, which reads on.
      const misaligned = partMisaligned(parser, read, read >= request.end - request.start);
      if (misaligned) return post({ type: 'misaligned' });
      trusted = misaligned === false;
    }
    if (Date.now() - last > 100) {
      last = Date.now();
      post({ type: 'progress', bytesRead: read, rows: parser.rowCount });
    }
  }
  check.end();
  const dataset = parser.finish({ checkLineEndings: false });
  post({ type: 'done', dataset, firstInvalidOffset: check.firstInvalidOffset === undefined ? null : request.start + check.firstInvalidOffset }, transferables(dataset));
}

function post(message: PartMessage, transfer: ArrayBuffer[] = []): void {
  parentPort!.postMessage(message, transfer);
}

function transferables(d: Dataset): ArrayBuffer[] {
  const arrays = [...d.codes, ...d.numbers, d.keyHashes, d.rowStarts, d.rowLines].filter((a): a is NonNullable<typeof a> => a !== null);
  return [...new Set(arrays.map((a) => a.buffer as ArrayBuffer))];
}

main(workerData as PartRequest).catch((error: unknown) => post({ type: 'failed', message: error instanceof Error ? error.message : String(error) }));
