import * as vscode from 'vscode';
import type { z } from 'zod';
import { renderWebviewShell, webviewOptions } from './webviewShell';

export interface ReportPanelSpec<Out> {
  viewType: string;
  title: string;
  /** The webview bundle under dist/webview. */
  script: string;
  schema: z.ZodType<Out>;
}

/**
 * A webview panel that shows one computed report (a split, a drift comparison): the shared
 * shell, messages validated at the host, the report sent again whenever the page says `ready`
 * (a hidden webview is discarded and rebuilt).
 */
export class ReportPanel<In, Out extends { type: string }> implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  readonly panel: vscode.WebviewPanel;

  constructor(
    spec: ReportPanelSpec<Out>,
    extensionUri: vscode.Uri,
    private readonly snapshot: In,
    private readonly onMessage: (message: Exclude<Out, { type: 'ready' }>) => Promise<void>,
  ) {
    this.panel = vscode.window.createWebviewPanel(spec.viewType, spec.title, vscode.ViewColumn.Beside, webviewOptions(extensionUri));
    this.panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'icon.png');
    this.panel.webview.html = renderWebviewShell(this.panel.webview, extensionUri, { title: `Loupe ${spec.title}`, script: spec.script, styles: ['analysis.css'] });
    this.disposables.push(
      this.panel.webview.onDidReceiveMessage((raw: unknown) => {
        const parsed = spec.schema.safeParse(raw);
        if (!parsed.success) return;
        if (parsed.data.type === 'ready') void this.panel.webview.postMessage(this.snapshot);
        else void this.onMessage(parsed.data as Exclude<Out, { type: 'ready' }>).catch((error: unknown) => void vscode.window.showErrorMessage(`Loupe: ${(error as Error).message}`));
      }),
      this.panel.onDidDispose(() => this.dispose()),
    );
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
