/** Which columns the table's search looks in: every column kept as text (the id, the input, paths, transcripts, notes). */
export interface SearchableColumn {
  index: number;
  name: string;
  kind: string;
}

export function searchedColumns<C extends SearchableColumn>(columns: readonly C[]): C[] {
  const text = columns.filter((c) => c.kind === 'text' || c.kind === 'key');
  return text.length > 0 ? text : columns.slice(0, 1);
}
