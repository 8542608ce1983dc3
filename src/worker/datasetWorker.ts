/** Worker thread entry: owns one label file's columns and answers the host's requests. */
import { parentPort } from 'node:worker_threads';
import { columnByRole } from '../core/dataset/dataset';
import { computeOutcomes, OUTCOME_CORRECT, OUTCOME_ERROR } from '../core/dataset/outcome';
import { filterRows, identity, sortRows } from '../core/dataset/view';
import { loadDatasetFile, type LoadedFile } from '../node/loadDataset';
import { RowReader } from '../node/rowReader';
import { CANCELLED, type LoadSummary, type ViewSummary, type WorkerEvent, type WorkerRequest, type WorkerRow } from '../protocol/datasetWorker';
import { KeyIndex } from './keyIndex';

interface State {
  file: LoadedFile;
  reader: RowReader;
  keys: KeyIndex;
  outcomes: Uint8Array | undefined;
  view: Uint32Array;
  taggedRows: Set<number>;
}

let state: State | undefined;
let abort: AbortController | undefined;
const port = parentPort!;

function post(event: WorkerEvent): void {
  port.postMessage(event);
}

port.on('message', (message: WorkerRequest | { type: 'cancel' }) => {
  if (message.type === 'cancel') {
    abort?.abort();
    return;
  }
  handle(message).then(
    (result) => post({ type: 'result', id: message.id, result }),
    (error: unknown) => post({ type: 'failure', id: message.id, message: error instanceof Error ? error.message : String(error) }),
  );
});

async function handle(request: WorkerRequest): Promise<unknown> {
  switch (request.type) {
    case 'load':
      return load(request.path, request.options);
    case 'setTagged':
      return setTagged(request.keys);
    case 'view':
      return view(request.filter.misclassified ?? false, request.sort);
    case 'rows':
      return rows(request.start, request.count);
    case 'close':
      state?.reader.close();
      state = undefined;
      return null;
  }
}

async function load(path: string, options: Extract<WorkerRequest, { type: 'load' }>['options']): Promise<LoadSummary> {
  abort = new AbortController();
  let file: LoadedFile;
  try {
    file = await loadDatasetFile(path, options, {
      signal: abort.signal,
      onHead: (head, totalBytes) => {
        const keyColumn = head.columns.find((c) => c.kind === 'key');
        const rows: WorkerRow[] = head.rows.map((cells, i) => ({
          row: i,
          key: keyColumn ? (cells[keyColumn.index] ?? '') : String(i + 1),
          cells: pad(cells, head.columns.length),
          error: null,
          line: head.lines[i],
        }));
        post({ type: 'head', columns: head.columns, keyColumn: keyColumn?.name ?? null, rows, totalBytes });
      },
      onProgress: (bytesRead, totalBytes, rowCount) => post({ type: 'progress', bytesRead, totalBytes, rows: rowCount }),
    });
  } catch (error) {
    if (abort.signal.aborted) throw new Error(CANCELLED);
    throw error;
  }
  const { dataset } = file;
  const reader = new RowReader(file.rowSource, dataset);
  const keys = new KeyIndex(dataset, (row) => reader.read([row])[0][keyIndexOf(dataset.columns)]);
  const outcomes = computeOutcomes(dataset);
  state?.reader.close();
  state = { file, reader, keys, outcomes, view: identity(dataset.rowCount), taggedRows: new Set() };
  const keyColumn = columnByRole(dataset, 'id');
  return {
    rows: dataset.rowCount,
    columns: dataset.columns,
    keyColumn: dataset.columns.find((c) => c.kind === 'key')?.name ?? keyColumn?.name ?? null,
    problems: dataset.problems,
    problemCount: Object.values(dataset.problemTotals).reduce((a, b) => a + b, 0),
    hasOutcomes: outcomes !== undefined,
    byteLength: file.totalBytes,
    encoding: file.encoding,
  };
}

function keyIndexOf(columns: { kind: string }[]): number {
  return columns.findIndex((c) => c.kind === 'key');
}

function pad(cells: string[], width: number): string[] {
  const out = cells.slice(0, width);
  while (out.length < width) out.push('');
  return out;
}

function requireState(): State {
  if (!state) throw new Error('no label file is loaded');
  return state;
}

function setTagged(keys: string[]): null {
  const s = requireState();
  s.taggedRows = new Set(s.keys.rowsOf(keys).values());
  return null;
}

function view(misclassified: boolean, sort: { column: number; descending: boolean } | null): ViewSummary {
  const s = requireState();
  const filtered = filterRows({ dataset: s.file.dataset, outcomes: s.outcomes }, { misclassified });
  s.view = sortRows(s.file.dataset, filtered, sort ?? undefined);
  return summarize(s);
}

function summarize(s: State): ViewSummary {
  let errors = 0;
  let taggedErrors = 0;
  const outcomes = s.outcomes;
  if (outcomes) {
    for (let i = 0; i < outcomes.length; i++) if (outcomes[i] === OUTCOME_ERROR) errors++;
    for (const row of s.taggedRows) if (outcomes[row] === OUTCOME_ERROR) taggedErrors++;
  }
  return { count: s.view.length, total: s.file.dataset.rowCount, errors, taggedErrors };
}

function rows(start: number, count: number): WorkerRow[] {
  const s = requireState();
  const end = Math.min(s.view.length, start + count);
  const picked = Array.from(s.view.subarray(start, Math.max(start, end)));
  const cells = s.reader.read(picked);
  const { rowLines } = s.file.dataset;
  return picked.map((row, i) => ({
    row,
    key: s.keys.keyOf(row, cells[i]),
    cells: cells[i],
    error: s.outcomes ? (s.outcomes[row] === OUTCOME_ERROR ? true : s.outcomes[row] === OUTCOME_CORRECT ? false : null) : null,
    line: rowLines[row],
  }));
}
