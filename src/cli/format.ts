/** Markdown tables and number formatting shared by the CLI's `--md` outputs and the reports. */
export function markdownTable(header: string[], rows: (string | number | null)[][], align: ('l' | 'r')[] = []): string {
  const cell = (v: string | number | null) => (v === null ? '—' : String(v).replaceAll('|', '\\|').replaceAll('\n', ' '));
  const lines = [`| ${header.map(cell).join(' | ')} |`, `|${header.map((_, i) => (align[i] === 'r' ? '---:' : '---')).join('|')}|`];
  for (const r of rows) lines.push(`| ${r.map(cell).join(' | ')} |`);
  return lines.join('\n');
}

export function percent(v: number | null, digits = 1): string | null {
  return v === null ? null : `${(v * 100).toFixed(digits)}%`;
}

export function fixed(v: number | null, digits = 4): string | null {
  return v === null ? null : v.toFixed(digits);
}
