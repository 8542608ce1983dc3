/**
 * Which decided labels would change the file: a fix whose label is already the row's label
 * text changes no cell and is not counted as a fix (in the Apply command, the Consistency view
 * and experiment records); a fix naming an id the file no longer has is reported.
 */
export interface LabelFixEffect {
  /** [id, label] pairs that change a cell, in the order given. */
  changing: [string, string][];
  /** Fixes whose label equals the row's label already. */
  unchanged: number;
  /** Ids with no row in the file. */
  missing: string[];
}

export function labelFixEffect(fixes: readonly (readonly [string, string])[], rowOf: (id: string) => number | undefined, labelAt: (row: number) => string): LabelFixEffect {
  const effect: LabelFixEffect = { changing: [], unchanged: 0, missing: [] };
  for (const [id, label] of fixes) {
    const row = rowOf(id);
    if (row === undefined) effect.missing.push(id);
    else if (labelAt(row) === label) effect.unchanged++;
    else effect.changing.push([id, label]);
  }
  return effect;
}
