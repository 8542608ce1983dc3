import type { LabelTableProvider } from './labelTable/labelTableProvider';

/** What the in-VS Code tests may reach: documents and the edits a user makes in the table. */
export interface LoupeTestHooks {
  documents(): {
    path: string;
    loaded(): Promise<void>;
    rows(): number | undefined;
    tag(keys: string[], tag: string, on: boolean): Promise<void>;
    tagsOf(key: string): string[];
    /** Rename (into an existing tag: merge) or delete (`to` null), as the Error Analysis view does. */
    replaceTag(from: string, to: string | null): Promise<number>;
    setTagWeight(tag: string, field: 'ease' | 'importance' | 'hlp', value: number | null): Promise<void>;
    sidecarFile: string;
    missingKeys(): string[];
    save(): Promise<void>;
  }[];
}

export function testHooks(provider: LabelTableProvider): LoupeTestHooks {
  return {
    documents: () =>
      provider.documents.map((d) => ({
        path: d.uri.fsPath,
        loaded: () => d.dataset.startLoading(),
        rows: () => d.dataset.load.summary?.rows,
        tag: (keys, tag, on) => d.model.toggleTag(keys, tag, on),
        tagsOf: (key) => [...(d.model.annotations.get(key)?.tags ?? [])],
        replaceTag: (from, to) => d.model.replaceTag(from, to),
        setTagWeight: (tag, field, value) => d.model.setTagWeight(tag, field, value),
        sidecarFile: d.model.sidecarFile,
        missingKeys: () => [...d.dataset.missingKeys],
        save: () => d.save(),
      })),
  };
}
