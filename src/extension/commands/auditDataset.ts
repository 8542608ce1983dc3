import { catalogWeights } from '../../core/annotations/tagCatalog';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { renderAuditMarkdown } from '../../core/audit/auditReport';
import type { CsvProblem } from '../../core/csv/scanner';
import { readProjectAnnotations } from '../../node/projectFiles';
import { readDatasetConfig } from '../../node/projectConfigFile';
import { writeFileAtomic } from '../../node/atomicWrite';
import { chooseAuditReportStem } from '../../node/reportPaths';
import { DatasetClient } from '../datasetClient';
import type { LabelDocument } from '../labelTable/labelDocument';
import type { LabelTableProvider } from '../labelTable/labelTableProvider';
import { pickLabelFile } from '../ui/pickLabelFile';
import { readSettings } from '../settings';
import { AUDIT_ANYWAY, confirmAudit, withCsvProblemsSection, type AuditEffects } from './auditProblems';
import { counted } from '../../core/plural';

const auditEffects: AuditEffects = {
  auditAnyway: async (message) => (await vscode.window.showWarningMessage(message, { modal: true }, AUDIT_ANYWAY)) === AUDIT_ANYWAY,
};

/**
 * "Loupe: Audit Dataset": metrics, slices (flagged first), tags and label consistency of a
 * label file, written to reports/loupe-audit-<file>-<hash of its path>-<date>.md (+ .json) and previewed.
 */
export function registerAuditDataset(provider: LabelTableProvider, extensionPath: string): vscode.Disposable {
  return vscode.commands.registerCommand('loupe.auditDataset', async (resource?: unknown) => {
    const uri = resource instanceof vscode.Uri ? resource : (provider.activeDocument?.uri ?? (await pickLabelFile()));
    if (!uri) return;
    const written = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Loupe: auditing ${path.basename(uri.fsPath)}`, cancellable: true },
      (progress, token) => auditFile(provider, extensionPath, uri, progress, token),
    );
    if (written) await vscode.commands.executeCommand('markdown.showPreview', written);
  });
}

interface AuditSource {
  client: DatasetClient;
  weights: Record<string, { ease: number; importance: number; hlp: number | null }>;
  positive: string | undefined;
  problems: CsvProblem[];
  /** A worker started for the audit alone, disposed when it ends. */
  temporary?: DatasetClient;
}

/** The file as the open table has it (its unsaved tags included). */
async function fromOpenDocument(open: LabelDocument, progress: vscode.Progress<{ message?: string }>): Promise<AuditSource> {
  progress.report({ message: 'reading the file…' });
  await open.dataset.startLoading();
  if (!open.dataset.load.summary) throw new Error(open.dataset.load.failure ?? 'the file could not be read');
  return { client: open.dataset.client, weights: open.model.tagWeights(), problems: open.dataset.load.summary.problems, positive: open.dataset.settings.positiveClass };
}

/** The file and its saved annotations, read by a worker started for the audit. */
async function fromFile(extensionPath: string, uri: vscode.Uri, root: string, progress: vscode.Progress<{ message?: string; increment?: number }>, token: vscode.CancellationToken): Promise<AuditSource> {
  let last = 0;
  const client = new DatasetClient(extensionPath, (notice) => {
    if (notice.type !== 'progress') return;
    const percent = Math.floor((notice.bytesRead / Math.max(1, notice.totalBytes)) * 80);
    progress.report({ message: `reading ${notice.rows.toLocaleString('en-US')} rows…`, increment: percent - last });
    last = percent;
  });
  token.onCancellationRequested(() => client.cancelLoad());
  const { config } = await readDatasetConfig(uri.fsPath, root);
  const problems = (await client.request('load', { path: uri.fsPath, options: { roles: config.roles, delimiter: config.delimiter, encoding: config.encoding } })).problems;
  const annotations = await readProjectAnnotations(uri.fsPath, root);
  await client.request('setAnnotations', { entries: annotations.entries.map(([key, a]) => [key, a.tags ? [...a.tags] : null]) });
  return { client, temporary: client, weights: catalogWeights(annotations.catalog), problems, positive: config.positiveClass };
}

async function auditFile(
  provider: LabelTableProvider,
  extensionPath: string,
  uri: vscode.Uri,
  progress: vscode.Progress<{ message?: string; increment?: number }>,
  token: vscode.CancellationToken,
): Promise<vscode.Uri | undefined> {
  const root = vscode.workspace.getWorkspaceFolder(uri)?.uri.fsPath ?? path.dirname(uri.fsPath);
  const open = provider.documents.find((d) => d.uri.toString() === uri.toString());
  const { client, weights, positive, problems, temporary } = open ? await fromOpenDocument(open, progress) : await fromFile(extensionPath, uri, root, progress, token);
  try {
    if (token.isCancellationRequested) return undefined;
    const csvProblems = await confirmAudit(path.basename(uri.fsPath), problems, auditEffects);
    if (!csvProblems || token.isCancellationRequested) return undefined;
    progress.report({ message: 'computing metrics, slices and agreement…' });
    const relative = path.relative(root, uri.fsPath).split(path.sep).join('/');
    const date = new Date().toISOString().slice(0, 10);
    const margin = readSettings().auditMargin;
    // Cancel answers at once: the report is dropped, and a worker started for the audit alone is
    // terminated (finally) instead of finishing its computation.
    const cancelled = new Promise<undefined>((resolve) => token.onCancellationRequested(() => resolve(undefined)));
    const report = await Promise.race([client.request('auditReport', { file: relative, date, command: `loupe audit ${relative} --margin ${margin} --md`, weights, positive, margin }), cancelled]);
    if (!report || token.isCancellationRequested) return undefined;
    const base = await chooseAuditReportStem(root, relative, date);
    await fs.mkdir(path.dirname(base), { recursive: true });
    await writeFileAtomic(`${base}.json`, JSON.stringify(report, null, 2) + '\n');
    await writeFileAtomic(`${base}.md`, withCsvProblemsSection(renderAuditMarkdown(report), path.basename(uri.fsPath), csvProblems));
    const flagged = report.slices.flagged;
    void vscode.window.showInformationMessage(`Loupe: audit written to ${path.relative(root, base)}.md — ${counted(flagged, 'flagged slice')}.`);
    return vscode.Uri.file(`${base}.md`);
  } finally {
    temporary?.dispose();
  }
}
