/**
 * Data checks in the Problems panel: when a label file has loaded in a Loupe table, its worker
 * looks for duplicate inputs, conflicting labels and leakage across the "split" column, and
 * each finding becomes a diagnostic on the file. A file with error-level CSV problems gets none
 * (it was not read correctly). Media path inputs are compared by content in the audit only.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LabelDocument } from '../labelTable/labelDocument';
import type { LabelTableProvider } from '../labelTable/labelTableProvider';
import { describeDataChecks, type DataCheckProblem } from './dataCheckProblems';

export function registerDataCheckDiagnostics(provider: LabelTableProvider): vscode.Disposable {
  const collection = vscode.languages.createDiagnosticCollection('loupe-data-checks');
  const watched = new Map<LabelDocument, vscode.Disposable>();
  const watch = (document: LabelDocument) => {
    watched.set(
      document,
      document.onNotice((notice) => {
        if (notice.type === 'loaded') void publish(collection, document);
      }),
    );
    if (document.dataset.load.summary) void publish(collection, document);
  };
  provider.documents.forEach(watch);
  return vscode.Disposable.from(
    collection,
    provider.onDidOpenDocument(watch),
    provider.onDidCloseDocument((document) => {
      watched.get(document)?.dispose();
      watched.delete(document);
      collection.delete(document.uri);
    }),
    { dispose: () => [...watched.values()].forEach((d) => d.dispose()) },
  );
}

async function publish(collection: vscode.DiagnosticCollection, document: LabelDocument): Promise<void> {
  const summary = document.dataset.load.summary;
  if (!summary || summary.problems.some((p) => p.severity === 'error')) {
    collection.delete(document.uri);
    return;
  }
  const file = document.uri.fsPath;
  const root = vscode.workspace.getWorkspaceFolder(document.uri)?.uri.fsPath ?? path.dirname(file);
  try {
    const section = await document.dataset.client.request('dataChecks', { file, root, hashMedia: false });
    collection.set(document.uri, describeDataChecks(section).map(toDiagnostic));
  } catch {
    // The file was closed or reloaded meanwhile: the next load publishes again.
    collection.delete(document.uri);
  }
}

function toDiagnostic(problem: DataCheckProblem): vscode.Diagnostic {
  const line = Math.max(0, problem.line - 1);
  const diagnostic = new vscode.Diagnostic(new vscode.Range(line, 0, line, 1000), problem.message, problem.severity === 'warning' ? vscode.DiagnosticSeverity.Warning : vscode.DiagnosticSeverity.Information);
  diagnostic.source = 'Loupe data checks';
  diagnostic.code = problem.code;
  return diagnostic;
}
