/** "Loupe: Set Tag Key…": which tag a key 1-9 toggles in the table, kept in tags.json. */
import { TAG_KEYS } from '../../../core/annotations/tagCatalog';
import type { Ui } from '../../vscode/ui';

export interface TagKeyTarget {
  /** The tags and their keys, as the table shows them. */
  tagList(): { name: string; key: string | null }[];
  setTagKey(tag: string, key: string | null): Promise<void>;
}

/** Asks for a tag, then for its key; a key another tag holds is swapped with this tag's. */
export async function setTagKeyFlow(ui: Ui, target: TagKeyTarget, preselected?: string): Promise<void> {
  const tags = target.tagList();
  if (tags.length === 0) {
    ui.info('Loupe: this file has no tags yet. Press t on a row in the table to create one.');
    return;
  }
  const tag =
    preselected !== undefined && tags.some((t) => t.name === preselected)
      ? preselected
      : await ui.pick(
          tags.map((t) => ({ label: t.name, description: t.key ? `key ${t.key}` : 'no key', value: t.name })),
          { title: 'Loupe: Set Tag Key', placeHolder: 'The tag whose key to set' },
        );
  if (tag === undefined) return;
  const current = tags.find((t) => t.name === tag)?.key ?? null;
  const holder = (key: string) => tags.find((t) => t.key === key && t.name !== tag)?.name;
  const key = await ui.pick<string | null>(
    [
      ...TAG_KEYS.map((k) => ({
        label: k,
        description: k === current ? 'its key now' : holder(k) !== undefined ? `now "${holder(k)}", which gets ${current ? `key ${current}` : 'no key'}` : 'free',
        value: k,
      })),
      { label: 'No key', description: 'toggle it from the tag picker (t) only', value: null },
    ],
    { title: `Loupe: Key for "${tag}"`, placeHolder: 'Press this key on a row in the table to toggle the tag' },
  );
  if (key === undefined || key === current) return;
  await target.setTagKey(tag, key);
  const swapped = key !== null ? holder(key) : undefined;
  ui.info(
    key === null
      ? `Loupe: "${tag}" has no key now.`
      : `Loupe: key ${key} now toggles "${tag}"${swapped !== undefined ? `; "${swapped}" ${current ? `has key ${current}` : 'has no key'}` : ''}. Saved in .loupe/tags.json.`,
  );
}
