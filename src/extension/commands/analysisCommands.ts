import * as vscode from 'vscode';
import { ErrorAnalysisPanel } from '../errorAnalysis/errorAnalysisPanel';
import { MetricsPanel } from '../metrics/metricsPanel';
import { LabelIssuesPanel } from '../labelIssues/labelIssuesPanel';
import { registerAuditDataset } from './auditDataset';
import type { LabelDocument } from '../labelTable/labelDocument';
import type { LabelTableProvider } from '../labelTable/labelTableProvider';
import { pickLabelFile } from '../ui/pickLabelFile';

/** The label file a command works on: the one given, the active Loupe table, or one picked. */
export async function targetDocument(provider: LabelTableProvider, resource?: unknown): Promise<LabelDocument | undefined> {
  if (resource instanceof vscode.Uri) return provider.documentFor(resource);
  const active = provider.activeDocument;
  if (active) return active;
  const picked = await pickLabelFile();
  return picked ? provider.documentFor(picked) : undefined;
}

export function registerAnalysisCommands(provider: LabelTableProvider, extensionUri: vscode.Uri): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand('loupe.showErrorAnalysis', async (resource?: unknown) => {
      const document = await targetDocument(provider, resource);
      if (document) ErrorAnalysisPanel.show(document, extensionUri);
    }),
    vscode.commands.registerCommand('loupe.showMetrics', async (resource?: unknown) => {
      const document = await targetDocument(provider, resource);
      if (document) MetricsPanel.show(document, extensionUri);
    }),
    vscode.commands.registerCommand('loupe.showLabelIssues', async (resource?: unknown) => {
      const document = await targetDocument(provider, resource);
      if (document) LabelIssuesPanel.show(document, extensionUri);
    }),
    registerAuditDataset(provider, extensionUri.fsPath),
    vscode.commands.registerCommand('loupe.reopenWithEncoding', async (resource?: unknown) => {
      const document = await targetDocument(provider, resource);
      if (!document) return;
      const current = document.dataset.load.summary?.encoding ?? 'utf-8';
      const picked = await vscode.window.showQuickPick(
        ENCODINGS.map((e) => ({ label: e.label, description: e.id === current ? `${e.id} (current)` : e.id, id: e.id })),
        { title: `Reopen ${vscode.workspace.asRelativePath(document.uri)} with encoding`, placeHolder: 'The choice is saved in .loupe/config.json' },
      );
      if (picked) await document.dataset.changeSettings({ encoding: picked.id === 'utf-8' ? undefined : picked.id });
    }),
  );
}

const ENCODINGS = [
  { id: 'utf-8', label: 'UTF-8' },
  { id: 'utf-16le', label: 'UTF-16 LE' },
  { id: 'utf-16be', label: 'UTF-16 BE' },
  { id: 'windows-1252', label: 'Western (Windows 1252)' },
  { id: 'iso-8859-1', label: 'Western (ISO 8859-1)' },
  { id: 'iso-8859-15', label: 'Western (ISO 8859-15)' },
  { id: 'windows-1250', label: 'Central European (Windows 1250)' },
  { id: 'windows-1251', label: 'Cyrillic (Windows 1251)' },
  { id: 'koi8-r', label: 'Cyrillic (KOI8-R)' },
  { id: 'shift_jis', label: 'Japanese (Shift JIS)' },
  { id: 'euc-jp', label: 'Japanese (EUC-JP)' },
  { id: 'gbk', label: 'Simplified Chinese (GBK)' },
  { id: 'gb18030', label: 'Simplified Chinese (GB 18030)' },
  { id: 'big5', label: 'Traditional Chinese (Big5)' },
  { id: 'euc-kr', label: 'Korean (EUC-KR)' },
];
