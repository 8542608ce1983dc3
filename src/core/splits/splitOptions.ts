/** How a file is split into a new one with a split column: what `loupe split` and "Split Dataset…" ask. */
export interface SplitOptions {
  ratios: number[];
  names: string[];
  /** Stratify by this column (null: a plain seeded random split), optionally × a slice column. */
  stratify: { label: string | null; slice: string | null };
  group: string | null;
  seed: number;
  /** The new column's name. */
  column: string;
  /** Replace the values of an existing column of that name in the new file. */
  overwriteColumn: boolean;
  out: string;
  /** Replace an existing output file (the user confirmed it). */
  overwriteFile: boolean;
}
