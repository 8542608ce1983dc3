import * as vscode from 'vscode';
import type { TableFilter, TableSort, HostToTable, MediaLocation, TableRow, TableToHost } from '../../protocol/labelTable';
import { parseTableRequest } from '../../protocol/labelTable';
import type { WorkerRow } from '../../protocol/datasetWorker';
import { DatasetClosedError } from '../datasetErrors';
import { readSettings } from '../settings';
import { renderWebviewShell, webviewOptions } from '../webviewShell';
import { findDataFile } from '../../node/dataFilePath';
import { mediaKindOf } from '../../core/media/mediaKind';
import { dataRootOf, openDataPath } from './openDataPath';
import type { LabelDocument, DocumentNotice } from './labelDocument';
import { tableKeys, type KeyTarget } from './tableKeys';

/** One webview showing a LabelDocument: answers its requests, forwards the document's news. */
export class TablePanel implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private ready = false;
  private version = 0;
  private filter: TableFilter = {};
  private sort: TableSort | null = null;
  /** A row to go to once the view that shows it is ready (after clearing the filter that hid it). */
  private pendingRow: number | undefined;

  constructor(
    private readonly document: LabelDocument,
    private readonly panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
  ) {
    // Media cells load from the label file's workspace folder, and only after `findDataFile` checked the path.
    panel.webview.options = webviewOptions(extensionUri, dataRootOf(document.uri));
    panel.webview.html = renderWebviewShell(panel.webview, extensionUri, {
      title: 'Loupe Label Table',
      script: 'table.js',
      styles: ['table.css'],
      media: true,
    });
    this.disposables.push(
      panel.webview.onDidReceiveMessage((raw: unknown) => {
        const message = parseTableRequest(raw);
        if (message) void this.receive(message).catch((error: unknown) => this.reportError(error));
      }),
      document.onNotice((notice) => void this.onDocumentNotice(notice).catch((error: unknown) => this.reportError(error))),
      document.onFilterRequest(() => this.applyRequestedFilter()),
      document.onRowRequest((row) => void this.goToRow(row).catch((error: unknown) => this.reportError(error))),
      tableKeys.add(this.keyTarget),
      panel.onDidChangeViewState(() => {
        if (!panel.active) void tableKeys.focus(this.keyTarget, false, -1);
      }),
      panel.onDidDispose(() => this.dispose()),
    );
  }

  /** This page for the table's keybindings (see tableKeys). */
  private readonly keyTarget: KeyTarget = {
    isActive: () => this.panel.active,
    run: (name) => this.post({ type: 'command', name }),
    keysContext: (seq, on) => this.post({ type: 'keys', seq, on }),
  };

  /** A filter another view asked for (a click in Metrics, Comparison…): shown once the page is ready. */
  private applyRequestedFilter(): void {
    if (!this.ready) return;
    const request = this.document.takeFilterRequest();
    if (!request) return;
    this.post({ type: 'applyFilter', filter: request.filter, review: request.review });
    this.panel.reveal(undefined, false);
  }

  private post(message: HostToTable): void {
    if (this.ready) void this.panel.webview.postMessage(message);
  }

  private receive(message: TableToHost): Promise<void> {
    const handler = this.handlers[message.type] as (m: TableToHost) => Promise<void> | void;
    return Promise.resolve(handler(message));
  }

  /** One handler per message the table page sends. */
  private readonly handlers: { [K in TableToHost['type']]: (message: Extract<TableToHost, { type: K }>) => Promise<void> | void } = {
    ready: () => {
      this.ready = true;
      this.sendState();
      this.applyRequestedFilter();
    },
    requestRows: (m) => this.sendRows(m.requestId, m.version, m.start, m.count),
    setView: (m) => {
      this.filter = m.filter;
      this.sort = m.sort;
      // A new sort order: the cursor row goes where it now is, and on screen.
      if (m.keepRow !== undefined) this.pendingRow = m.keepRow;
      return this.refreshView();
    },
    toggleTag: (m) => this.document.model.toggleTag(m.keys, m.tag, m.on),
    tagSelection: async (m) => {
      if (m.version !== this.version) return;
      const keys = await this.document.dataset.client.request('keysAt', { ranges: m.ranges });
      return this.document.model.toggleTag(keys, m.tag, m.on);
    },
    tagView: (m) => this.tagView(m.tag, m.on),
    nextUntaggedError: (m) => this.goToNextUntaggedError(m.version, m.from),
    setNote: (m) => this.document.model.setNote(m.key, m.note),
    cancelLoad: () => this.document.dataset.client.cancelLoad(),
    openPath: (m) => openDataPath(this.document.uri, m.path),
    resolveMedia: (m) => this.sendMedia(m.requestId, m.path),
    showErrorAnalysis: () => this.showView('loupe.showErrorAnalysis'),
    showAgreement: () => this.showView('loupe.showAgreement'),
    showMetrics: () => this.showView('loupe.showMetrics'),
    focus: (m) => tableKeys.focus(this.keyTarget, m.focused, m.seq),
    review: (m) => this.document.model.review(m.keys, { label: m.label, ambiguous: m.ambiguous }),
    changeSettings: ({ type: _type, ...patch }) => this.document.dataset.changeSettings(patch),
  };

  /**
   * A media cell's file as a URI the page may load, or why not (a placeholder in the pane or the
   * row, never a dialog). Every question gets an answer: the page waits for it.
   */
  private async sendMedia(requestId: number, written: string): Promise<void> {
    const kind = mediaKindOf(written);
    const path = written.trim();
    let location: MediaLocation;
    try {
      const found = kind ? await findDataFile(dataRootOf(this.document.uri).fsPath, this.document.uri.fsPath, path) : undefined;
      location = !kind || !found
        ? { state: 'missing', message: `${path} is not a picture or a clip` }
        : found.found
          ? { state: 'ready', kind, uri: this.panel.webview.asWebviewUri(vscode.Uri.file(found.path)).toString() }
          : { state: found.state, message: found.message };
    } catch (error) {
      // Deleted or changed while it was looked up, unreadable folder…
      location = { state: 'missing', message: `${path} could not be read: ${error instanceof Error ? error.message : String(error)}` };
    }
    this.post({ type: 'media', requestId, path: written, location });
  }

  private async showView(command: string): Promise<void> {
    await vscode.commands.executeCommand(command, this.document.uri);
  }

  /** Goes to a row: in the current view when it shows it, else after clearing the filter (the sort stays). */
  private async goToRow(row: number): Promise<void> {
    this.panel.reveal(undefined, false);
    const position = await this.document.dataset.client.request('positionOfRow', { row });
    if (position >= 0) {
      this.post({ type: 'goTo', version: this.version, position });
      return;
    }
    this.pendingRow = row;
    this.post({ type: 'applyFilter', filter: {} });
  }

  private async goToNextUntaggedError(version: number, from: number): Promise<void> {
    if (version !== this.version) return;
    const position = await this.document.dataset.client.request('nextUntaggedError', { from });
    if (position >= 0) this.post({ type: 'goTo', version: this.version, position });
    else void vscode.window.showInformationMessage('Loupe: no more untagged misclassified rows below in this view.');
  }

  /** Tags (or untags) every row of the current view, after saying how many. */
  private async tagView(tag: string, on: boolean): Promise<void> {
    const count = (await this.document.dataset.client.request('view', { filter: this.filter, sort: this.sort })).count;
    const verb = on ? 'Tag' : 'Untag';
    const answer = await vscode.window.showWarningMessage(`${verb} all ${count.toLocaleString('en-US')} rows of the current filter "${tag}"?`, { modal: true }, `${verb} ${count.toLocaleString('en-US')} rows`);
    if (!answer) return;
    const keys = await this.document.dataset.client.request('viewKeys', { limit: count });
    await this.document.model.toggleTag(keys, tag, on);
  }

  /** Everything a freshly (re)loaded webview needs. */
  private sendState(): void {
    const { load } = this.document.dataset;
    if (load.columns) this.sendInit();
    if (load.progress && !load.summary) this.post({ type: 'progress', ...load.progress });
    this.sendTags();
    this.sendSidecarProblems();
    if (load.failure) this.post({ type: 'loadFailed', message: load.failure });
    if (load.summary) {
      this.sendLoaded();
      void this.refreshView();
    } else if (load.columns) {
      this.post({ type: 'view', version: this.version, count: load.headRows.length, total: load.headRows.length, errors: 0, taggedErrors: 0 });
    }
  }

  private sendInit(): void {
    const settings = readSettings();
    this.post({
      type: 'init',
      fileName: this.document.uri.path.split('/').pop() ?? '',
      columns: this.document.dataset.load.columns ?? [],
      keyColumn: this.document.dataset.load.keyColumn,
      readonly: false,
      defaults: { searchColumns: settings.searchColumns, hiddenColumns: settings.hiddenColumns },
    });
  }

  private sendLoaded(): void {
    const summary = this.document.dataset.load.summary!;
    this.post({
      type: 'loaded',
      rows: summary.rows,
      problems: summary.problems.map((p) => ({ line: p.line, severity: p.severity, message: p.message })),
      problemCount: summary.problemCount,
      hasOutcomes: summary.hasOutcomes,
      hasLabelers: summary.hasLabelers,
      looksLong: !summary.hasLabelers && this.document.dataset.looksLongFormat(),
      delimiter: summary.delimiter,
      encoding: summary.encoding,
      categories: summary.categories,
      labelIssues: summary.labelIssues,
    });
    const missing = this.document.dataset.missingKeys;
    this.post({ type: 'missingKeys', count: missing.length, sample: missing.slice(0, 5) });
    this.sendReviewClasses();
  }

  /** The classes a review can choose from: the label column's and the labelers' values. */
  private sendReviewClasses(): void {
    const summary = this.document.dataset.load.summary;
    if (!summary) return;
    const values = new Set<string>();
    for (const c of summary.columns) if (c.role === 'label' || c.role === 'labeler') for (const v of summary.categories[c.index] ?? []) if (v !== '') values.add(v);
    const ambiguousClass = this.document.dataset.settings.ambiguousClass ?? null;
    this.post({ type: 'reviewClasses', classes: [...values].sort(), ambiguousClass, classNotes: this.document.dataset.settings.classNotes ?? {} });
  }

  private sendTags(): void {
    const counts = new Map<string, number>();
    for (const [, a] of this.document.model.annotations.entries()) for (const t of a.tags ?? []) counts.set(t, (counts.get(t) ?? 0) + 1);
    this.post({ type: 'tags', tags: this.document.tagList().map(({ name, key, source }) => ({ name, key, source, count: counts.get(name) ?? 0 })) });
  }

  private sendSidecarProblems(): void {
    this.post({
      type: 'sidecarProblems',
      file: vscode.workspace.asRelativePath(this.document.model.sidecarFile),
      problems: this.document.model.sidecarProblems.map((p) => ({ line: p.line, severity: 'warning', message: p.message })),
    });
  }

  private async refreshView(): Promise<void> {
    if (!this.document.dataset.load.summary) return;
    const version = ++this.version;
    // Searching the input or sorting a text column reads the file again: say so if it takes a while.
    const busy = setTimeout(() => this.post({ type: 'busy', message: this.filter.search ? 'Searching…' : 'Sorting…' }), 200);
    try {
      const summary = await this.document.dataset.client.request('view', { filter: this.filter, sort: this.sort });
      if (version === this.version) this.post({ type: 'view', version, ...summary });
      if (version === this.version && this.pendingRow !== undefined) {
        const position = await this.document.dataset.client.request('positionOfRow', { row: this.pendingRow });
        this.pendingRow = undefined;
        if (position >= 0 && version === this.version) this.post({ type: 'goTo', version, position });
      }
    } finally {
      clearTimeout(busy);
      this.post({ type: 'busy', message: null });
    }
  }

  private async sendRows(requestId: number, version: number, start: number, count: number): Promise<void> {
    const { load } = this.document.dataset;
    const rows: WorkerRow[] = load.summary
      ? await this.document.dataset.client.request('rows', { start, count })
      : load.headRows.slice(start, start + count);
    this.post({ type: 'rows', requestId, version, start, rows: rows.map((r) => this.withAnnotations(r)) });
  }

  private withAnnotations(row: WorkerRow): TableRow {
    const annotation = this.document.model.annotations.get(row.key);
    const { fileTags, ...rest } = row;
    return { ...rest, tags: [...(annotation?.tags ?? fileTags)], note: annotation?.note ?? '', fixedLabel: annotation?.label, ambiguous: annotation?.ambiguous };
  }

  private async onDocumentNotice(notice: DocumentNotice): Promise<void> {
    switch (notice.type) {
      case 'head':
        this.sendInit();
        this.post({ type: 'view', version: this.version, count: this.document.dataset.load.headRows.length, total: this.document.dataset.load.headRows.length, errors: 0, taggedErrors: 0 });
        return;
      case 'progress':
        if (this.document.dataset.load.progress) this.post({ type: 'progress', ...this.document.dataset.load.progress });
        return;
      case 'loaded':
        this.sendInit();
        this.sendLoaded();
        return this.refreshView();
      case 'failed':
        this.post({ type: 'loadFailed', message: this.document.dataset.load.failure ?? 'The file could not be read.' });
        return;
      case 'annotations':
        this.sendTags();
        this.post({ type: 'annotationsChanged' });
        return this.refreshView();
      case 'sidecarProblems':
        this.sendSidecarProblems();
        return;
      case 'catalog':
        this.sendTags();
        return;
      case 'judgements':
        this.sendLoaded();
        return this.refreshView();
      case 'problems':
        this.sendLoaded();
        return;
    }
  }

  private reportError(error: unknown): void {
    if (error instanceof DatasetClosedError) return;
    const message = error instanceof Error ? error.message : String(error);
    void vscode.window.showErrorMessage(`Loupe: ${message}`);
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
