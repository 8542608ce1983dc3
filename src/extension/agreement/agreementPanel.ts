import * as path from 'node:path';
import * as vscode from 'vscode';
import { agreementToHostSchema, type AgreementToHost, type HostToAgreement } from '../../protocol/agreement';
import type { LabelDocument } from '../labelTable/labelDocument';
import { renderWebviewShell, webviewOptions } from '../webviewShell';

/**
 * "Loupe: Show Label Consistency": agreement statistics, labelers, ambiguous class pairs and
 * their remedies (a definition, an explicit ambiguous class), the relabel queue and label fixes.
 */
export class AgreementPanel implements vscode.Disposable {
  private static readonly open = new Map<LabelDocument, AgreementPanel>();
  private readonly disposables: vscode.Disposable[] = [];
  private ready = false;

  static show(document: LabelDocument, extensionUri: vscode.Uri): AgreementPanel {
    const existing = AgreementPanel.open.get(document);
    if (existing) {
      existing.panel.reveal(vscode.ViewColumn.Beside);
      return existing;
    }
    const panel = vscode.window.createWebviewPanel('loupe.agreement', `Label Consistency: ${path.basename(document.uri.fsPath)}`, vscode.ViewColumn.Beside, webviewOptions(extensionUri));
    panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'icon.png');
    const view = new AgreementPanel(document, panel, extensionUri);
    AgreementPanel.open.set(document, view);
    return view;
  }

  private constructor(
    private readonly document: LabelDocument,
    private readonly panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
  ) {
    panel.webview.html = renderWebviewShell(panel.webview, extensionUri, { title: 'Loupe Label Consistency', script: 'agreement.js', styles: ['analysis.css'] });
    this.disposables.push(
      panel.webview.onDidReceiveMessage((raw: unknown) => {
        const parsed = agreementToHostSchema.safeParse(raw);
        if (parsed.success) void this.receive(parsed.data).catch((error: unknown) => void vscode.window.showErrorMessage(`Loupe: ${(error as Error).message}`));
      }),
      document.onNotice((notice) => {
        if (notice.type === 'loaded' || notice.type === 'annotations') void this.refresh();
      }),
      panel.onDidDispose(() => this.dispose()),
    );
  }

  private post(message: HostToAgreement): void {
    if (this.ready) void this.panel.webview.postMessage(message);
  }

  private async receive(message: AgreementToHost): Promise<void> {
    switch (message.type) {
      case 'ready':
        this.ready = true;
        return this.refresh();
      case 'showPair':
        this.document.showInTable({ pair: [message.a, message.b] });
        return;
      case 'showDisagreements':
        this.document.showInTable({ disagree: true });
        return;
      case 'defineClasses': {
        const notes = { ...(this.document.settings.classNotes ?? {}) };
        for (const c of message.classes) {
          if (message.note.trim()) notes[c] = message.note.trim();
          else delete notes[c];
        }
        await this.document.saveSetting({ classNotes: notes });
        void vscode.window.showInformationMessage(`Loupe: the definition of ${message.classes.join(' / ')} is saved in .loupe/config.json; it shows in the review queue.`);
        return this.refresh();
      }
      case 'setAmbiguousClass':
        await this.document.saveSetting({ ambiguousClass: message.name ?? undefined });
        this.document.showInTable({ disagree: true });
        return this.refresh();
      case 'exportQueue':
        await vscode.commands.executeCommand('loupe.exportRelabelQueue', this.document.uri);
        return;
      case 'applyFixes':
        await vscode.commands.executeCommand('loupe.applyLabelFixes', this.document.uri);
        return;
    }
  }

  private async refresh(): Promise<void> {
    if (!this.ready) return;
    if (!this.document.load.summary) {
      this.post({ type: 'unavailable', message: this.document.load.failure ?? 'Loading the label file…' });
      return;
    }
    const view = await this.document.client.request('agreement', { bySlice: true });
    if (!view) {
      this.post({ type: 'unavailable', message: 'This file has fewer than two labeler columns (e.g. labeler_1, labeler_2). Set their role to "labeler" in the table\'s Columns menu, or run `loupe agreement --long` on a long-format file.' });
      return;
    }
    this.post({
      type: 'agreement',
      fileName: path.basename(this.document.uri.fsPath),
      view,
      classNotes: this.document.settings.classNotes ?? {},
      ambiguousClass: this.document.settings.ambiguousClass ?? null,
      fixes: this.document.labelFixes().length,
    });
  }

  dispose(): void {
    AgreementPanel.open.delete(this.document);
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
