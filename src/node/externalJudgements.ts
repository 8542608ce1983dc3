import * as path from 'node:path';
import type { Judgements } from '../core/agreement/judgements';
import { parseLabelStudioExport } from '../core/agreement/labelStudio';
import { detectLongColumns, judgementsFromLongColumns } from '../core/agreement/longFormat';
import { parseCsvText } from '../core/csv/rows';
import { loadDatasetFile, releaseLoadedFile } from './loadDataset';
import { loupeFolder } from './loupePaths';
import { formatMegabytes, readRegularFile, resolveWorkspaceFile } from './safePath';

/** A Label Studio export is read whole into memory, and a path from `.loupe/config.json` is data: both stop here. */
export const JUDGEMENTS_MAX_BYTES = 512 * 2 ** 20;

export interface ExternalJudgements {
  judgements: Judgements;
  /** Per item: the ids it may be known by in the label file (first match wins). */
  keysOfItem: string[][];
  format: 'long' | 'label-studio';
}

/**
 * Labeler judgements from a long-format CSV (`example, annotator, label` rows) or a Label
 * Studio JSON export. Label Studio tasks match the label file by `data.<key column>`, else by task id.
 */
export async function readExternalJudgements(file: string, keyColumn: string | null): Promise<ExternalJudgements> {
  if (file.toLowerCase().endsWith('.json')) {
    const text = (await readRegularFile(file, JUDGEMENTS_MAX_BYTES)).toString('utf8');
    const parsed = parseLabelStudioExport(text, keyColumn);
    if (!parsed.ok) throw new Error(`${file} is not a Label Studio export: ${parsed.problem}`);
    return { judgements: parsed.value.judgements, keysOfItem: parsed.value.keysOfItem, format: 'label-studio' };
  }
  const head = parseCsvText((await readRegularFile(file, Number.MAX_SAFE_INTEGER, 65536)).toString('utf8')).records[0]?.fields ?? [];
  const names = detectLongColumns(head);
  if (typeof names === 'string') throw new Error(`${file} is not in long format (example, annotator, label): ${names}`);
  const loaded = await loadDatasetFile(file, { roles: { [names.example]: 'slice', [names.annotator]: 'slice', [names.label]: 'label' } });
  // Only the columns are used: a UTF-8 copy of a file in another encoding is not needed any more.
  await releaseLoadedFile(loaded);
  const { dataset } = loaded;
  const coded = (name: string) => {
    const c = dataset.columns.find((col) => col.name === name)!;
    return { codes: dataset.codes[c.index]!, dictionary: dataset.dictionaries[c.index]! };
  };
  const { judgements } = judgementsFromLongColumns(coded(names.example), coded(names.annotator), coded(names.label));
  return { judgements, keysOfItem: (judgements.itemIds ?? []).map((id) => [id]), format: 'long' };
}

/**
 * The judgements file `.loupe/config.json` names for a label file (relative to the label
 * file's folder): a regular file inside the folder holding that `.loupe/`, of at most 512 MB.
 * Throws with the reason; the message never includes anything read from the file.
 */
export async function resolveChosenJudgements(datasetPath: string, workspaceRoot: string | undefined, written: string): Promise<string> {
  const root = path.dirname(loupeFolder(datasetPath, workspaceRoot));
  const found = await resolveWorkspaceFile(root, written, JUDGEMENTS_MAX_BYTES, path.dirname(datasetPath));
  if (found.ok) return found.path;
  throw new Error(found.problem === 'too-large' ? `${written} is larger than ${formatMegabytes(JUDGEMENTS_MAX_BYTES)}, the limit for a judgements file` : found.message);
}
