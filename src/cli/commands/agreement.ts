import { promises as fs } from 'node:fs';
import { judgementsOfDataset } from '../../core/agreement/fromDataset';
import type { Judgements } from '../../core/agreement/judgements';
import { parseLabelStudioExport } from '../../core/agreement/labelStudio';
import { detectLongColumns, judgementsFromLongColumns } from '../../core/agreement/longFormat';
import { summarizeAgreement } from '../../core/agreement/summary';
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


/** Wide (labeler columns), long (`example, annotator, label` rows) or a Label Studio JSON export. */
async function readJudgements(file: string, options: AgreementCliOptions): Promise<Judgements> {
  if (file.toLowerCase().endsWith('.json')) {
    let text: string;
    try {
      text = await fs.readFile(file, 'utf8');
    } catch (error) {
      throw new CliError(`${file}: cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
    }
    const parsed = parseLabelStudioExport(text);
    if (!parsed.ok) throw new CliError(`${file}: not a Label Studio export (${parsed.problem})`);
    return parsed.value.judgements;
  }
  if (options.long) return readLong(file, options);
  const { dataset } = await loadForCli(file, {}, problemPolicy(options.allowProblems));
  const names = options.labelers?.split(',').map((s) => s.trim()).filter(Boolean);
  for (const n of names ?? []) if (!dataset.columns.some((c) => c.name === n)) throw new CliError(`${file}: no column named "${n}"`);
  const judgements = judgementsOfDataset(dataset, names);
  if (!judgements) throw new CliError(`${file}: fewer than two labeler columns (name them with --labelers a,b,c, or use --long for example,annotator,label rows)`);
  return judgements;
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

/** `loupe agreement <csv>`: label consistency (percent agreement, kappas, alpha with CI, ambiguous pairs, HLP). */
export async function runAgreement(file: string | undefined, options: AgreementCliOptions): Promise<string> {
  if (!file) throw new CliError('missing <csv>: the path of a label file');
  const s = summarizeAgreement(await readJudgements(file, options));
  if (s.items === 0) throw new CliError(`${file}: nothing to compute: no example has a label from any labeler (${s.labelers.join(', ') || 'no labelers'})`);
  if (options.json) {
    return JSON.stringify(
      {
        items: s.items,
        labelers: s.labelers,
        percentAgreement: s.percentAgreement,
        fleissKappa: s.fleissKappa,
        fleissItems: s.fleissItems,
        krippendorffAlpha: s.krippendorffAlpha,
        alphaCI: s.alphaCI,
        cohen: s.cohen.map(({ a, b, kappa, n }) => ({ a, b, kappa, n })),
        ambiguousPairs: s.ambiguousPairs.map(({ a, b, rate, count }) => ({ a, b, rate, count })),
        perLabeler: s.perLabeler.map(({ labeler, n, agreementWithConsensus }) => ({ labeler, n, agreementWithConsensus })),
        hlp: s.hlp,
        warnings: s.warnings,
      },
      null,
      2,
    );
  }
  const f = (v: number | null) => (v === null ? '—' : v.toFixed(3));
  return [
    ...s.warnings.map((w) => `${file}: warning: ${w}`),
    `${file}: ${s.items} labeled items, ${s.labelers.length} labelers (${s.labelers.join(', ')})`,
    `percent agreement ${percent(s.percentAgreement)} · Fleiss' kappa ${f(s.fleissKappa)} (${s.fleissItems} items with ${s.fleissLabelsPerItem} labels) · Krippendorff's alpha ${f(s.krippendorffAlpha)} (95% CI ${f(s.alphaCI[0])}–${f(s.alphaCI[1])}) · HLP ${percent(s.hlp)}`,
    '',
    markdownTable(['labeler', 'labeled', 'agreement with the others', 'kappa', 'disagrees most on'], s.perLabeler.map((l) => [l.labeler, l.n, percent(l.agreementWithConsensus), f(l.kappa), l.mostDisagreedClass])),
    '',
    markdownTable(['class pair', 'disagreements', 'rate'], s.ambiguousPairs.slice(0, 10).map((p) => [`${p.a} / ${p.b}`, p.count, percent(p.rate)])),
  ].join('\n');
}
