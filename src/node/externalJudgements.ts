import { promises as fs } from 'node:fs';
import type { Judgements } from '../core/agreement/judgements';
import { parseLabelStudioExport } from '../core/agreement/labelStudio';
import { detectLongColumns, judgementsFromLongColumns } from '../core/agreement/longFormat';
import { parseCsvText } from '../core/csv/rows';
import { loadDatasetFile } from './loadDataset';

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
    const text = await fs.readFile(file, 'utf8');
    const parsed = parseLabelStudioExport(text);
    if (!parsed.ok) throw new Error(`${file} is not a Label Studio export: ${parsed.problem}`);
    const tasks = JSON.parse(text) as { id: unknown; data?: Record<string, unknown> }[];
    const keysOfItem = tasks.map((t) => [keyColumn && t.data?.[keyColumn] !== undefined ? String(t.data[keyColumn]) : undefined, String(t.id)].filter((k): k is string => k !== undefined));
    return { judgements: parsed.value.judgements, keysOfItem, format: 'label-studio' };
  }
  const head = parseCsvText((await fs.readFile(file)).subarray(0, 65536).toString('utf8')).records[0]?.fields ?? [];
  const names = detectLongColumns(head);
  if (typeof names === 'string') throw new Error(`${file} is not in long format (example, annotator, label): ${names}`);
  const { dataset } = await loadDatasetFile(file, { roles: { [names.example]: 'slice', [names.annotator]: 'slice', [names.label]: 'label' } });
  const coded = (name: string) => {
    const c = dataset.columns.find((col) => col.name === name)!;
    return { codes: dataset.codes[c.index]!, dictionary: dataset.dictionaries[c.index]! };
  };
  const { judgements } = judgementsFromLongColumns(coded(names.example), coded(names.annotator), coded(names.label));
  return { judgements, keysOfItem: (judgements.itemIds ?? []).map((id) => [id]), format: 'long' };
}
