import * as path from 'node:path';
import * as vscode from 'vscode';
import type { z } from 'zod';
import type { DocumentNotice, LabelDocument } from './labelTable/labelDocument';
import { renderWebviewShell, webviewOptions } from './webviewShell';
import type { CsvProblem } from '../core/csv/scanner';
import type { LoadSummary } from '../protocol/datasetWorker';

export interface DocumentPanelSpec<Out> {
  viewType: string;
  /** Tab title before the file name, e.g. "Error Analysis". */
  title: string;
  /** The webview bundle under dist/webview. */
  script: string;
  /** Validates what the webview sends. */
  schema: z.ZodType<Out>;
  /** Document news that trigger a (debounced) refresh. */
  refreshOn: DocumentNotice['type'][];
}

const open = new Map<string, DocumentPanel<{ type: string }, { type: string }>>();

/**
 * A webview panel beside a label file's table (error analysis, metrics, consistency): one per
 * file and view, the shared shell, messages validated at the host, refreshed on the document's news.
 */
export abstract class DocumentPanel<In extends { type: string }, Out extends { type: string }> implements vscode.Disposable {
  protected ready = false;
  private readonly disposables: vscode.Disposable[] = [];
  private timer: NodeJS.Timeout | undefined;
  private readonly key: string;

  /** Shows the existing panel of this view for the document, or makes one with `create`. */
  static reveal<P extends DocumentPanel<{ type: string }, { type: string }>>(spec: DocumentPanelSpec<unknown>, document: LabelDocument, extensionUri: vscode.Uri, create: (panel: vscode.WebviewPanel) => P): P {
    const existing = open.get(`${spec.viewType}:${document.uri.toString()}`);
    if (existing) {
      existing.panel.reveal(vscode.ViewColumn.Beside);
      return existing as P;
    }
    const panel = vscode.window.createWebviewPanel(spec.viewType, `${spec.title}: ${path.basename(document.uri.fsPath)}`, vscode.ViewColumn.Beside, webviewOptions(extensionUri));
    panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'icon.png');
    panel.webview.html = renderWebviewShell(panel.webview, extensionUri, { title: `Loupe ${spec.title}`, script: spec.script, styles: ['analysis.css'] });
    return create(panel);
  }

  protected constructor(
    protected readonly document: LabelDocument,
    protected readonly panel: vscode.WebviewPanel,
    private readonly spec: DocumentPanelSpec<Out>,
  ) {
    this.key = `${spec.viewType}:${document.uri.toString()}`;
    open.set(this.key, this as unknown as DocumentPanel<{ type: string }, { type: string }>);
    this.disposables.push(
      panel.webview.onDidReceiveMessage((raw: unknown) => {
        const parsed = spec.schema.safeParse(raw);
        if (parsed.success) void this.dispatch(parsed.data).catch((error: unknown) => void vscode.window.showErrorMessage(`Loupe: ${(error as Error).message}`));
      }),
      document.onNotice((notice) => this.onDocumentNotice(notice)),
      panel.onDidDispose(() => this.dispose()),
    );
  }

  protected post(message: In): void {
    if (this.ready) void this.panel.webview.postMessage(message);
  }

  /** The loaded file's summary; while there is none, tells the view why (loading, or the failure) and returns undefined. */
  protected loadedSummary(unavailable: (message: string) => In): LoadSummary | undefined {
    const summary = this.document.dataset.load.summary;
    if (!summary) this.post(unavailable(this.document.dataset.load.failure ?? 'Loading the label file…'));
    return summary;
  }

  /** The file's error-level CSV problems: the view shows them before any figure, which may be wrong. */
  protected errorProblems(): CsvProblem[] {
    return (this.document.dataset.load.summary?.problems ?? []).filter((p) => p.severity === 'error');
  }

  /** Handles a validated message other than `ready`. */
  protected abstract receive(message: Out): Promise<void>;

  /** Sends the view its data (again). */
  protected abstract refresh(): Promise<void>;

  protected onDocumentNotice(notice: DocumentNotice): void {
    if (this.spec.refreshOn.includes(notice.type)) this.scheduleRefresh();
  }

  protected scheduleRefresh(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh().catch((error: unknown) => void vscode.window.showErrorMessage(`Loupe: ${(error as Error).message}`)), 100);
  }

  private async dispatch(message: Out): Promise<void> {
    if (message.type === 'ready') {
      this.ready = true;
      return this.refresh();
    }
    return this.receive(message);
  }

  dispose(): void {
    clearTimeout(this.timer);
    if (open.get(this.key) === (this as unknown)) open.delete(this.key);
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
