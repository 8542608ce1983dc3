import { compareGroups, rowsByTag, sliceGroups, type NamedGroup } from '../../core/modelComparison/compareGroups';
import { compareModels, SMALL_GROUP, type ModelComparison } from '../../core/modelComparison/compareModels';
import { CliError } from '../cliError';
import { readComparisonInputs, type ComparisonInputs } from '../compareInputs';
import { markdownTable, percent } from '../format';
import { noun } from '../../core/plural';

export interface CompareOptions {
  json: boolean;
  a?: string;
  b?: string;
  failIfWorse?: boolean;
  allowProblems?: boolean;
}

/** B is "significantly worse" for --fail-if-worse: McNemar's exact p below this, with more broken than fixed. */
export const WORSE_P = 0.05;
const TOP = 5;

const TAGS_IN_ONE_FILE = 'examples that carry the tag (the file\'s tags column with the .loupe sidecar applied)';
const TAGS_IN_TWO_FILES = 'examples that carry the tag in both files (each file\'s tags column with its .loupe sidecar applied); a tag on one side only is never compared';

/**
 * `loupe compare`: did the change help? Two predictions on the same examples, example by
 * example (DOMAIN.md §8): fixed, broken, McNemar's test, per class, per tag and per slice.
 */
export async function runCompare(files: string[], options: CompareOptions): Promise<{ output: string; exitCode: number }> {
  const inputs = await readComparisonInputs({ files, a: options.a, b: options.b, allowProblems: options.allowProblems });
  const c = compareModels(inputs.classes.classes, inputs.classes.truth, inputs.classes.a, inputs.classes.b);
  if (c.n === 0) throw new CliError(`${files.join(' and ')}: nothing to compare: no ${inputs.twoFiles ? 'matched example' : 'row'} has a label and both predictions`);
  const perTag = compareGroups(c.outcomes, rowsByTag(inputs.rowCount, inputs.tagsOf));
  const perSlice = inputs.slices.flatMap((s) => compareGroups(c.outcomes, sliceGroups(s.codes, s.dictionary)).map((g) => ({ column: s.column, ...g })));
  const worse = c.mcnemar.exactP < WORSE_P && c.broken > c.fixed;
  const exitCode = options.failIfWorse && worse ? 1 : 0;
  const report = comparisonJson(files, inputs, c, perTag, sortSlices(perSlice));
  return { output: options.json ? JSON.stringify(report, null, 2) : comparisonText(report, worse), exitCode };
}

type SliceGroup = NamedGroup & { column: string };

function sortSlices(slices: SliceGroup[]): SliceGroup[] {
  return [...slices].sort((x, y) => Math.abs(y.delta ?? 0) - Math.abs(x.delta ?? 0) || (x.column < y.column ? -1 : x.column > y.column ? 1 : 0));
}

const group = (g: NamedGroup) => ({ n: g.n, accuracyA: g.accuracyA, accuracyB: g.accuracyB, delta: g.delta, fixed: g.fixed, broken: g.broken, small: g.small });

function comparisonJson(files: string[], inputs: ComparisonInputs, c: ModelComparison, perTag: NamedGroup[], perSlice: SliceGroup[]) {
  const join = inputs.join;
  return {
    files: { a: files[0], b: files[1] ?? files[0] },
    columns: inputs.columns,
    n: c.n,
    skipped: c.skipped,
    unmatched: { onlyA: join?.onlyA ?? 0, onlyB: join?.onlyB ?? 0, onlyAIds: join?.onlyAIds ?? [], onlyBIds: join?.onlyBIds ?? [], repeatedIdsA: join?.repeatedA ?? 0, repeatedIdsB: join?.repeatedB ?? 0 },
    labelMismatches: inputs.labelMismatches,
    accuracyA: c.accuracyA,
    accuracyB: c.accuracyB,
    macroF1A: c.macroF1A,
    macroF1B: c.macroF1B,
    bothRight: c.bothRight,
    fixed: c.fixed,
    broken: c.broken,
    bothWrong: c.bothWrong,
    mcnemar: c.mcnemar,
    perClass: c.perClass,
    smallGroup: SMALL_GROUP,
    perTagRows: inputs.twoFiles ? TAGS_IN_TWO_FILES : TAGS_IN_ONE_FILE,
    perTag: perTag.map((g) => ({ tag: g.name, ...group(g) })),
    perSlice: perSlice.map((g) => ({ column: g.column, value: g.name, ...group(g) })),
  };
}

type ComparisonReport = ReturnType<typeof comparisonJson>;

const points = (d: number | null) => (d === null ? '—' : `${d >= 0 ? '+' : '−'}${(Math.abs(d) * 100).toFixed(1)} points`);
const p4 = (p: number | null) => (p === null ? '—' : p < 1e-4 ? p.toExponential(2) : p.toFixed(4));

function comparisonText(r: ComparisonReport, worse: boolean): string {
  const source = r.files.a === r.files.b ? `${r.files.a}: A = "${r.columns.a}", B = "${r.columns.b}"` : `A = ${r.files.a} ("${r.columns.a}"), B = ${r.files.b} ("${r.columns.b}"), matched by id`;
  const lines = [source, `${r.n.toLocaleString('en-US')} examples with a label and both predictions${r.skipped ? ` (${r.skipped} without, left out)` : ''}`];
  if (r.files.a !== r.files.b) lines.push(...joinLines(r));
  lines.push(
    `accuracy A ${percent(r.accuracyA)} → B ${percent(r.accuracyB)} (${points(r.accuracyB - r.accuracyA)}); macro F1 A ${r.macroF1A.toFixed(4)} → B ${r.macroF1B.toFixed(4)}`,
    '',
    markdownTable(['', 'B right', 'B wrong'], [['A right', `${r.bothRight} both right`, `${r.broken} broken`], ['A wrong', `${r.fixed} fixed`, `${r.bothWrong} both wrong`]], ['l', 'r', 'r']),
    '',
    `McNemar (fixed ${r.fixed} vs broken ${r.broken}): exact p = ${p4(r.mcnemar.exactP)}, chi² = ${r.mcnemar.chi2 === null ? '—' : r.mcnemar.chi2.toFixed(3)} (p = ${p4(r.mcnemar.chi2P)}): ${verdict(r, worse)}`,
  );
  lines.push(...groupLines('tags', `per tag, on ${r.perTagRows}`, r.perTag.map((g) => ({ ...g, name: g.tag }))));
  lines.push(...groupLines('slices', 'per slice', r.perSlice.map((g) => ({ ...g, name: `${g.column}=${g.value}` }))));
  return lines.join('\n');
}

function verdict(r: ComparisonReport, worse: boolean): string {
  if (worse) return `B is significantly worse (p < ${WORSE_P})`;
  if (r.mcnemar.exactP < WORSE_P && r.fixed > r.broken) return `B is significantly better (p < ${WORSE_P})`;
  return `no significant difference at ${WORSE_P}`;
}

function joinLines(r: ComparisonReport): string[] {
  const u = r.unmatched;
  const lines = [`unmatched: ${u.onlyA} only in A${u.onlyAIds.length ? ` (${u.onlyAIds.join(', ')}${u.onlyA > u.onlyAIds.length ? ', …' : ''})` : ''}, ${u.onlyB} only in B${u.onlyBIds.length ? ` (${u.onlyBIds.join(', ')}${u.onlyB > u.onlyBIds.length ? ', …' : ''})` : ''}; left out`];
  if (u.repeatedIdsA || u.repeatedIdsB) lines.push(`repeated ids: ${u.repeatedIdsA} rows in A, ${u.repeatedIdsB} in B; each id is matched by its first row`);
  const m = r.labelMismatches;
  if (!m.checked) lines.push('labels: B has no label column; the labels of A are used');
  else if (m.count > 0) lines.push(`labels differ between the files on ${m.count} matched ${noun(m.count, 'example')} (the label of A is used): ${m.examples.slice(0, 5).map((e) => `${e.id} (${e.labelA} vs ${e.labelB})`).join(', ')}${m.count > 5 ? ', …' : ''}`);
  return lines;
}

function groupLines(what: string, title: string, groups: (ReturnType<typeof group> & { name: string })[]): string[] {
  if (groups.length === 0) return [];
  const top = groups.slice(0, TOP);
  return [
    '',
    `Largest changes ${title} (${top.length} of ${groups.length} ${what}):`,
    ...top.map((g) => `  ${g.name}: n = ${g.n}, A ${percent(g.accuracyA) ?? '—'} → B ${percent(g.accuracyB) ?? '—'} (${points(g.delta)}; fixed ${g.fixed}, broken ${g.broken})${g.small ? ` — small group (n < ${SMALL_GROUP}): read with care` : ''}`),
  ];
}
