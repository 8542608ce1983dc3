import { checkDataIntegrityWithRows, type DataChecksSection } from '../core/audit/dataChecksSection';
import { columnByRole } from '../core/dataset/dataset';
import { readCodedColumn } from './codedColumn';
import { readInputKeys } from './inputKeys';
import type { LoadedFile } from './loadDataset';

/**
 * Duplicates, conflicting labels and leakage across the split column (DOMAIN.md §5) of a loaded
 * label file, as `loupe audit` computes them: the input column by its role, media paths by
 * content (resolved inside `root`), the split column named "split" unless another is given.
 * Null when the file has no input column. `hashMedia` false leaves media path inputs unkeyed.
 */
export async function checkLoadedFile(loaded: LoadedFile, labelFile: string, root: string, options: { splitColumn?: string; hashMedia?: boolean } = {}): Promise<DataChecksSection | null> {
  return (await checkLoadedFileRows(loaded, labelFile, root, options))?.section ?? null;
}

/** The same checks, with per row its DUPLICATE | CONFLICT | LEAKED bits for the table's filters. */
export async function checkLoadedFileRows(loaded: LoadedFile, labelFile: string, root: string, options: { splitColumn?: string; hashMedia?: boolean } = {}): Promise<{ section: DataChecksSection; flags: Uint8Array } | null> {
  const { dataset } = loaded;
  const input = columnByRole(dataset, 'input');
  if (!input) return null;
  const label = columnByRole(dataset, 'label');
  const split = dataset.columns.find((c) => c.name === (options.splitColumn ?? 'split'));
  const keys = await readInputKeys(loaded.rowSource, dataset, input.index, labelFile, root, options.hashMedia ?? true);
  return checkDataIntegrityWithRows({
    inputColumn: input.name,
    keys: keys.keys,
    label: label ? { name: label.name, column: await readCodedColumn(loaded, label.index) } : undefined,
    split: split ? { name: split.name, column: await readCodedColumn(loaded, split.index) } : undefined,
    rowLines: dataset.rowLines,
    media: keys.media,
  });
}
