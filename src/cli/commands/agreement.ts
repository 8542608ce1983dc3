import { promises as fs } from 'node:fs';
import { describeAgreement, hlpBySlice, type AgreementDetails, type HlpOfSlice } from '../../core/agreement/agreementDetails';
import { judgementsOfDataset } from '../../core/agreement/fromDataset';
import type { Judgements } from '../../core/agreement/judgements';
import { parseLabelStudioExport } from '../../core/agreement/labelStudio';
import { detectLongColumns, judgementsFromLongColumns } from '../../core/agreement/longFormat';
import { scoreLeaveOneOut } from '../../core/agreement/labelers';
import { summarizeAgreement, type AgreementSummary } from '../../core/agreement/summary';
import type { Dataset } from '../../core/dataset/dataset';
import { parseCsvText } from '../../core/csv/rows';
import { CliError } from '../cliError';
import { markdownTable, percent } from '../format';
import { loadForCli, problemPolicy } from '../loadForCli';

export interface AgreementCliOptions {
  json: boolean;
  labelers?: string;
  long: boolean;
  /** Compute even when the file has error-level CSV problems. */
  allowProblems?: boolean;
}


/** Judgements, and the label file they are columns of (wide format: its slice columns give HLP per slice). */
interface Read {
  judgements: Judgements;
  dataset?: Dataset;
}

/** Wide (labeler columns), long (`example, annotator, label` rows) or a Label Studio JSON export. */
async function readJudgements(file: string, options: AgreementCliOptions): Promise<Read> {
  if (file.toLowerCase().endsWith('.json')) {
    let text: string;
    try {
      text = await fs.readFile(file, 'utf8');
    } catch (error) {
      throw new CliError(`${file}: cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
    }
    const parsed = parseLabelStudioExport(text);
    if (!parsed.ok) throw new CliError(`${file}: not a Label Studio export (${parsed.problem})`);
    return { judgements: parsed.value.judgements };
  }
  if (options.long) return { judgements: await readLong(file, options) };
  const { dataset } = await loadForCli(file, {}, problemPolicy(options.allowProblems));
  const names = options.labelers?.split(',').map((s) => s.trim()).filter(Boolean);
  for (const n of names ?? []) if (!dataset.columns.some((c) => c.name === n)) throw new CliError(`${file}: no column named "${n}"`);
  const judgements = judgementsOfDataset(dataset, names);
  if (!judgements) throw new CliError(`${file}: fewer than two labeler columns (name them with --labelers a,b,c, or use --long for example,annotator,label rows)`);
  return { judgements, dataset };
}

async function readLong(file: string, options: AgreementCliOptions): Promise<Judgements> {
  const head = parseCsvText((await fs.readFile(file)).subarray(0, 65536).toString('utf8')).records[0]?.fields ?? [];
  const names = detectLongColumns(head);
  if (typeof names === 'string') throw new CliError(`${file}: --long needs example, annotator and label columns: ${names}`);
  const { dataset } = await loadForCli(file, { roles: { [names.example]: 'slice', [names.annotator]: 'slice', [names.label]: 'label' } }, problemPolicy(options.allowProblems));
  const coded = (name: string) => {
    const c = dataset.columns.find((col) => col.name === name)!;
    return { codes: dataset.codes[c.index]!, dictionary: dataset.dictionaries[c.index]! };
  };
  return judgementsFromLongColumns(coded(names.example), coded(names.annotator), coded(names.label)).judgements;
}

/** `loupe agreement <csv>`: label consistency (percent agreement, kappas, alpha with CI, ambiguous pairs, HLP overall and per slice). */
export async function runAgreement(file: string | undefined, options: AgreementCliOptions): Promise<string> {
  if (!file) throw new CliError('missing <csv>: the path of a label file');
  const { judgements, dataset } = await readJudgements(file, options);
  const s = summarizeAgreement(judgements);
  if (s.items === 0) throw new CliError(`${file}: nothing to compute: no example has a label from any labeler (${s.labelers.join(', ') || 'no labelers'})`);
  const details = describeAgreement(judgements);
  const bySlice = dataset ? hlpBySlice(dataset, scoreLeaveOneOut(judgements)) : [];
  if (options.json) return JSON.stringify(agreementJson(s, details, bySlice), null, 2);
  return agreementText(file, s, details, bySlice);
}

/** Every figure of the Agreement view with what it was computed on (README "JSON of loupe agreement"). */
function agreementJson(s: AgreementSummary, d: AgreementDetails, bySlice: HlpOfSlice[]) {
  const kappaOf = new Map(s.perLabeler.map((l) => [l.labeler, l]));
  return {
    items: s.items,
    labelers: s.labelers,
    labelsPerItem: d.labelsPerItem,
    percentAgreement: s.percentAgreement,
    percentAgreementItems: d.percentAgreementItems,
    fleissKappa: s.fleissKappa,
    fleissItems: s.fleissItems,
    fleissLabelsPerItem: s.fleissLabelsPerItem,
    fleissExcludedItems: d.fleissExcludedItems,
    krippendorffAlpha: s.krippendorffAlpha,
    alphaCI: s.alphaCI,
    alphaItems: d.alphaItems,
    alphaJudgements: d.alphaJudgements,
    cohen: s.cohen.map(({ a, b, kappa, n }) => ({ a, b, kappa, n })),
    ambiguousPairs: s.ambiguousPairs.map(({ a, b, rate, count, items }) => ({ a, b, rate, count, items })),
    // Each labeler against the leave-one-out majority of the others, as the Agreement view shows it.
    perLabeler: d.perLabeler.map((l) => ({
      labeler: l.labeler,
      n: l.labeled,
      compared: l.compared,
      agreed: l.agreed,
      alone: l.alone,
      othersTied: l.othersTied,
      agreementWithConsensus: l.agreement,
      kappa: l.kappa,
      mostDisagreedClass: kappaOf.get(l.labeler)?.mostDisagreedClass ?? null,
    })),
    consensus: d.consensus,
    confusion: d.confusion,
    hlp: s.hlp,
    hlpCompared: d.hlpCompared,
    hlpItems: d.hlpItems,
    hlpBySlice: bySlice,
    warnings: s.warnings,
  };
}

function agreementText(file: string, s: AgreementSummary, d: AgreementDetails, bySlice: HlpOfSlice[]): string {
  const f = (v: number | null) => (v === null ? '—' : v.toFixed(3));
  const lines = [
    ...s.warnings.map((w) => `${file}: warning: ${w}`),
    `${file}: ${s.items} labeled items, ${s.labelers.length} labelers (${s.labelers.join(', ')}); labels per item: ${d.labelsPerItem.map((l) => `${l.items} with ${l.labels}`).join(', ')}`,
    `percent agreement ${percent(s.percentAgreement)} · Fleiss' kappa ${f(s.fleissKappa)} (${s.fleissItems} items with ${s.fleissLabelsPerItem} labels) · Krippendorff's alpha ${f(s.krippendorffAlpha)} (95% CI ${f(s.alphaCI[0])}–${f(s.alphaCI[1])}, ${d.alphaItems} items with two or more labels) · HLP ${percent(s.hlp)} (${d.hlpCompared} comparisons on ${d.hlpItems} items)`,
    '',
    markdownTable(['labeler', 'labeled', 'compared', 'agreement with the others', 'kappa vs. the others', 'disagrees most on'], s.perLabeler.map((l, i) => [l.labeler, l.n, d.perLabeler[i].compared, percent(l.agreementWithConsensus), f(l.kappa), l.mostDisagreedClass])),
    '',
    markdownTable(['class pair', 'disagreements', 'examples', 'rate'], s.ambiguousPairs.slice(0, 10).map((p) => [`${p.a} / ${p.b}`, p.count, p.items, percent(p.rate)])),
  ];
  if (bySlice.length) lines.push('', markdownTable(['slice', 'examples compared', 'comparisons', 'HLP'], bySlice.map((h) => [`${h.column} = ${h.value}`, h.items, h.compared, percent(h.hlp)]), ['l', 'r', 'r', 'r']));
  return lines.join('\n');
}
