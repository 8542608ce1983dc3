import type * as vscode from 'vscode';
import { registerAnalysisCommands } from './commands/analysisCommands';
import { registerLabelFixCommands } from './commands/labelFixCommands';
import { registerTagCommands } from './commands/tagCommands';
import { registerComparisonCommands } from './comparison/comparisonCommands';
import { registerOpenLabelFile } from './commands/openLabelFile';
import { registerExperiments } from './experiments/experimentCommands';
import { registerCompareWithReference } from './drift/driftCommand';
import { registerDataCheckDiagnostics } from './dataChecks/dataCheckDiagnostics';
import { registerSplitDataset } from './splits/splitCommand';
import { registerOpenSampleWorkspace } from './sample/sampleCommand';
import { LabelTableProvider } from './labelTable/labelTableProvider';
import { registerTableKeys } from './labelTable/tableKeys';
import { DatasetClient } from './datasetClient';
import { sweepTranscodedCopies } from '../node/transcodedCopies';
import { testHooks, type LoupeTestHooks } from './testHooks';

/** Wires registrations only: no file is read until a label file is opened or the Experiments view is shown. */
export function activate(context: vscode.ExtensionContext): LoupeTestHooks | undefined {
  // UTF-8 copies of files in other encodings stay in the extension's storage; copies of closed windows are swept.
  DatasetClient.storage = context.globalStorageUri.fsPath;
  void sweepTranscodedCopies(context.globalStorageUri.fsPath).catch(() => undefined);
  const provider = LabelTableProvider.register(context);
  context.subscriptions.push(
    provider.registration,
    registerOpenLabelFile(),
    registerAnalysisCommands(provider.provider, context.extensionUri),
    registerLabelFixCommands(provider.provider, context.extensionUri),
    registerTagCommands(provider.provider),
    registerTableKeys(),
    registerExperiments(context),
    registerSplitDataset(provider.provider, context.extensionUri),
    registerCompareWithReference(provider.provider, context.extensionUri),
    registerDataCheckDiagnostics(provider.provider),
    registerComparisonCommands(provider.provider, { extensionUri: context.extensionUri, extensionPath: context.extensionPath }),
    registerOpenSampleWorkspace(context.extensionPath),
  );
  // Tests inside VS Code reach open documents through these hooks; users never see them.
  return process.env.LOUPE_TEST_HOOKS === '1' ? testHooks(provider.provider) : undefined;
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
