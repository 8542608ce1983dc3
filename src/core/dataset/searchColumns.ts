/** Which columns the table's search looks in: every column kept as text (the id, the input, paths, transcripts, notes). */
export interface SearchableColumn {
  index: number;
  name: string;
  kind: string;
}

/** `preferred`: column names to search instead (the setting loupe.table.searchColumns); ignored when none is in the file. */
export function searchedColumns<C extends SearchableColumn>(columns: readonly C[], preferred: readonly string[] = []): C[] {
  const chosen = preferred.length > 0 ? columns.filter((c) => preferred.includes(c.name)) : [];
  if (chosen.length > 0) return chosen;
  const text = columns.filter((c) => c.kind === 'text' || c.kind === 'key');
  return text.length > 0 ? text : columns.slice(0, 1);
}
