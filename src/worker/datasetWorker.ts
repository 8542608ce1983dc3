/** Worker thread entry: holds one DatasetSession and relays the host's requests to it. */
import { join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import type { HostToWorker, RequestOf, ResultOf, WorkerEvent, WorkerHandlers, WorkerRequestType } from '../protocol/datasetWorker';
import { DatasetSession, LoadCancelled } from './datasetSession';

let session: DatasetSession | undefined;
let abort: AbortController | undefined;
const port = parentPort!;

function post(event: WorkerEvent): void {
  port.postMessage(event);
}

function current(): DatasetSession {
  if (!session) throw new Error('no label file is loaded');
  return session;
}

async function load(request: RequestOf<'load'>): Promise<ResultOf<'load'>> {
  abort = new AbortController();
  const next = await DatasetSession.load(request.path, request.options, {
    signal: abort.signal,
    partWorker: join(__dirname, 'parsePartWorker.js'),
    // UTF-8 copies of other encodings go to the extension's storage (DatasetClient removes the folder).
    cacheDir: (workerData as { cacheDir?: string } | null)?.cacheDir,
    onNotice: post,
  });
  session?.close();
  session = next;
  // Ids that repeat take a pass over every id: reported once the rows are on screen.
  setImmediate(() => {
    const notice = session === next ? next.checkIds() : undefined;
    if (notice) post(notice);
  });
  return next.summary;
}

const handlers: WorkerHandlers = {
  load,
  setAnnotations: async (r) => current().setAnnotations(r.entries),
  fileTags: async (r) => current().fileTags(r.keys),
  view: (r) => current().setView(r.filter, r.sort),
  rows: async (r) => current().rows(r.start, r.count),
  viewKeys: (r) => current().viewKeys(r.limit),
  tagAnalysis: async (r) => current().tagAnalysis(r.weights),
  keysWithTag: (r) => current().keysWithTag(r.tag),
  exportRows: (r) => current().exportRows(r.keys, r.path),
  modelMetrics: async (r) => current().modelMetrics(r.positive, r.threshold),
  threshold: async (r) => current().threshold(r.threshold),
  sliceAudit: async (r) => current().sliceAudit(r.names, r.margin, r.pairs),
  auditReport: async (r) => current().auditReport(r),
  dataChecks: (r) => current().dataChecks(r.file, r.root, r.hashMedia),
  agreement: async (r) => current().agreement(r.bySlice, r.replicates),
  keysMatching: (r) => current().keysMatching(r.filter, r.limit),
  keysAt: (r) => current().keysAt(r.ranges),
  useJudgements: (r) => current().useJudgements(r.path),
  useOwnLongFormat: () => current().useOwnLongFormat(),
  exportTaggedCopy: (r) => current().exportTaggedCopy(r.notes, r.path),
  nextUntaggedError: async (r) => current().nextUntaggedError(r.from),
  setReviewed: async (r) => current().setReviewed(r.keys),
  applyLabelFixes: (r) => current().applyLabelFixes(r.fixes, r.path),
  labelFixEffect: (r) => current().labelFixEffect(r.fixes),
  labelIssuesView: async (r) => current().labelIssuesView(r.positive, r.top),
  positionOfRow: async (r) => current().positionOfRow(r.row),
  close: async () => {
    session?.close();
    session = undefined;
    return null;
  },
};

function handle<K extends WorkerRequestType>(request: RequestOf<K>): Promise<ResultOf<K>> {
  const handler: WorkerHandlers[K] = handlers[request.type];
  return handler(request);
}

port.on('message', (message: HostToWorker) => {
  if (message.type === 'cancel') {
    abort?.abort();
    return;
  }
  handle(message).then(
    (result) => post({ type: 'result', id: message.id, result }),
    (error: unknown) => post({ type: 'failure', id: message.id, code: error instanceof LoadCancelled ? 'cancelled' : 'failed', message: error instanceof Error ? error.message : String(error) }),
  );
});
