/** The markdown of the audit's "Likely label errors" section. */
import type { LabelIssuesSection } from './labelIssuesSection';
import { agree, noun } from '../plural';

export type { LabelIssuesSection };

const cell = (v: string | number) => String(v).replaceAll('|', '\\|').replaceAll('\n', ' ');
const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);

export function renderLabelIssuesMarkdown(s: LabelIssuesSection): string[] {
  const columns = s.probabilityColumns[0] === s.probabilityColumns[1] ? `\`${cell(s.probabilityColumns[0])}\` as P(positive)` : s.probabilityColumns.map((c) => `\`${cell(c)}\``).join(', ');
  const out = [
    '## Likely label errors',
    '',
    `Confident learning (cleanlab's \`find_label_issues\`) on the label \`${cell(s.labelColumn)}\` and the probabilities ${columns}: **${s.count}** likely label ${noun(s.count, 'error')} among ${s.used.toLocaleString('en-US')} rows (${pct(s.share)})${s.leftOut ? `; ${s.leftOut} ${noun(s.leftOut, 'row')} left out (a blank label or probability, or one outside [0, 1])` : ''}.`,
    'The probabilities must be out-of-sample (cross-validated, or from a model that did not train on these rows): in-sample probabilities agree with the labels the model learned and hide their errors.',
    '',
  ];
  if (s.notSummingToOne > 0) out.push(`⚠ ${s.notSummingToOne} ${noun(s.notSummingToOne, 'row')} ${agree(s.notSummingToOne, 'has', 'have')} probabilities that do not sum to 1 ± 0.01; they were used as they are, not renormalized.`, '');
  out.push(
    '| class | rows | likely errors | share |',
    '|---|---:|---:|---:|',
    ...s.perClass.map((c) => `| ${cell(c.class)} | ${c.rows} | ${c.issues} | ${pct(c.share)} |`),
    '',
  );
  if (s.top.length > 0) {
    out.push(
      `Lowest self-confidence first${s.count > s.top.length ? ` (the first ${s.top.length}; all of them with \`loupe issues\`)` : ''}:`,
      '',
      '| row | id | label | suggested | self-confidence | margin |',
      '|---:|---|---|---|---:|---:|',
      ...s.top.map((e) => `| ${e.row} | ${cell(e.id ?? '')} | ${cell(e.label)} | ${cell(e.suggested)} | ${e.selfConfidence.toFixed(4)} | ${e.normalizedMargin.toFixed(4)} |`),
      '',
    );
  }
  return out;
}
