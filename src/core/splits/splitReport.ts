/** The split report shown after "Loupe: Split Dataset…" and saved as markdown: sizes, class balance per split, warnings. */
import type { ClassBalance, SplitSummary } from './splitRows';

export interface SplitReport {
  inputFile: string;
  outputFile: string;
  column: string;
  rows: number;
  summary: SplitSummary;
  balance: ClassBalance;
  classColumn: string | null;
  stratify: { label: string | null; slice: string | null };
  group: string | null;
}

/** How the split was made, in one sentence. */
export function describeSplitMethod(r: SplitReport): string {
  const how = r.stratify.label ? `stratified by ${r.stratify.label}${r.stratify.slice ? ` × ${r.stratify.slice}` : ''}` : 'not stratified';
  const grouped = r.group ? `, grouped by ${r.group} (${r.summary.groups ?? 0} groups, ${r.summary.groupsSpanning} in more than one split)` : '';
  return `${r.rows.toLocaleString('en-US')} rows, seed ${r.summary.seed}, ${how}${grouped}. Written to ${r.outputFile} as column "${r.column}".`;
}

const cell = (v: string) => v.replaceAll('|', '\\|').replace(/\r?\n|\r/g, ' ');
const pct = (n: number, total: number) => (total === 0 ? '—' : `${((n / total) * 100).toFixed(1)}%`);

export function renderSplitMarkdown(r: SplitReport): string {
  const { names, counts, ratios } = r.summary;
  const lines = [`# Split of ${cell(r.inputFile)}`, '', cell(describeSplitMethod(r)), '', '| split | rows | share |', '|---|---:|---:|'];
  for (const name of names) lines.push(`| ${cell(name)} | ${counts[name]} | ${(ratios[name] * 100).toFixed(1)}% |`);
  if (r.balance.classes.length > 0) {
    lines.push('', `## Class balance (${cell(r.classColumn ?? 'label')})`, '', `| class | ${names.map(cell).join(' | ')} |`, `|---|${names.map(() => '---:').join('|')}|`);
    r.balance.classes.forEach((c, i) => lines.push(`| ${cell(c)} | ${r.balance.counts[i].map((n, j) => `${n} (${pct(n, counts[names[j]])})`).join(' | ')} |`));
  }
  if (r.balance.warnings.length > 0) lines.push('', '## Warnings', '', ...r.balance.warnings.map((w) => `- ⚠ ${cell(w.message)}`));
  return lines.join('\n') + '\n';
}
