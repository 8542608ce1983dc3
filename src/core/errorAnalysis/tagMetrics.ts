/**
 * Error analysis by tag (the course's table): per tag, how many errors it explains, how
 * accurate the model is on it, how far that is from human-level performance (HLP), and how
 * much overall accuracy fixing it could add — weighted by ease and importance into a priority.
 *
 * D = rows with both a label and a prediction (others are neither right nor wrong), E = the
 * misclassified ones among them, T = rows of D carrying the tag. Fractions are in 0..1;
 * `null` where a quantity is undefined (no errors, an empty tag, HLP unknown).
 */
import { OUTCOME_CORRECT, OUTCOME_ERROR } from '../dataset/outcome';
import { formatPoints } from '../metrics/units';
import { SMALL_SAMPLE_N, wilsonInterval, type Interval } from '../metrics/wilson';
import { agree, counted, noun } from '../plural';

export interface TagWeights {
  ease: number;
  importance: number;
  /** HLP set by hand (used when the file has no labelers). */
  hlp: number | null;
}

export interface TagRow {
  /** `null` for the group of untagged rows. */
  tag: string | null;
  count: number;
  errors: number;
  shareOfErrors: number | null;
  errorRateInTag: number | null;
  shareOfData: number | null;
  accuracy: number | null;
  /** 95% Wilson interval of the accuracy in the tag (statsmodels `proportion_confint(..., method="wilson")`); null without examples. */
  accuracyInterval: Interval | null;
  /** Fewer than SMALL_SAMPLE_N examples: its figures and recommendation are leads, not findings. */
  smallSample: boolean;
  hlp: number | null;
  /** Where HLP came from: the labelers in the file, the user's value, or nowhere. */
  hlpSource: 'labelers' | 'manual' | null;
  gapToHlp: number | null;
  potentialGain: number | null;
  ease: number;
  importance: number;
  priority: number | null;
}

export interface TagTable {
  total: number;
  errors: number;
  accuracy: number | null;
  tags: TagRow[];
}

/** Per-row leave-one-out labeler agreement: judgements compared and judgements agreeing. */
export interface RowAgreement {
  compared: ArrayLike<number>;
  agreed: ArrayLike<number>;
}

export interface TagInputs {
  outcomes: Uint8Array;
  /** Per row: the id of its tag set (0 = no tags). */
  rowSet: Int32Array;
  /** Tag ids of each set. */
  setTags: readonly (readonly number[])[];
  tagNames: readonly string[];
  weights?: (tag: string) => Partial<TagWeights> | undefined;
  agreement?: RowAgreement;
  /**
   * Tags listed even on no rows (the project's tags in tags.json). Other tags appear only while
   * some row has them, so a renamed, merged or deleted tag leaves the table at once.
   */
  listed?: readonly string[];
}

/**
 * Per tag set: rows, errors, and labeler comparisons among rows with a label and a prediction.
 * Built in one pass, then kept up to date row by row as tags change (`move`), so the table
 * follows a tag edit without another pass over the rows.
 */
export class TagSetCounts {
  rows: number[] = [];
  errors: number[] = [];
  compared: number[] = [];
  agreed: number[] = [];
  total = 0;
  totalErrors = 0;

  constructor(
    private readonly outcomes: Uint8Array,
    rowSet: Int32Array,
    private readonly agreement: RowAgreement | undefined,
  ) {
    for (let row = 0; row < outcomes.length; row++) this.add(row, rowSet[row], 1);
  }

  /** Moves rows between sets after their tags changed. */
  move(changes: readonly { row: number; from: number; to: number }[]): void {
    for (const c of changes) {
      this.add(c.row, c.from, -1);
      this.add(c.row, c.to, 1);
    }
  }

  private add(row: number, set: number, sign: 1 | -1): void {
    const outcome = this.outcomes[row];
    if (outcome !== OUTCOME_ERROR && outcome !== OUTCOME_CORRECT) return;
    while (this.rows.length <= set) {
      this.rows.push(0);
      this.errors.push(0);
      this.compared.push(0);
      this.agreed.push(0);
    }
    const isError = outcome === OUTCOME_ERROR ? 1 : 0;
    this.rows[set] += sign;
    this.errors[set] += sign * isError;
    this.total += sign;
    this.totalErrors += sign * isError;
    if (this.agreement) {
      this.compared[set] += sign * this.agreement.compared[row];
      this.agreed[set] += sign * this.agreement.agreed[row];
    }
  }

  get hasAgreement(): boolean {
    return this.agreement !== undefined;
  }
}

/** The per-tag table, sorted by priority (undefined priorities last, then by errors). */
export function computeTagTable(inputs: TagInputs, counts?: TagSetCounts): TagTable {
  const c = counts ?? new TagSetCounts(inputs.outcomes, inputs.rowSet, inputs.agreement);
  const known = new Set(inputs.tagNames);
  const groups = [
    ...inputs.tagNames.map((name, id) => ({ name: name as string | null, sets: setsWithTag(inputs.setTags, id) })),
    ...(inputs.listed ?? []).filter((name) => !known.has(name)).map((name) => ({ name: name as string | null, sets: [] as number[] })),
    { name: null, sets: [0] },
  ];
  const listed = new Set(inputs.listed ?? []);
  const tags = groups.map(({ name, sets }) => {
    const sums = sumOverSets(c, sets);
    const weights = (name !== null ? inputs.weights?.(name) : undefined) ?? {};
    const labelerHlp = c.hasAgreement && sums.compared > 0 ? sums.agreed / sums.compared : null;
    const manualHlp = weights.hlp ?? null;
    const hlpSource: TagRow['hlpSource'] = labelerHlp !== null ? 'labelers' : manualHlp !== null ? 'manual' : null;
    return tagRow(name, sums.count, sums.errors, c.total, c.totalErrors, labelerHlp ?? manualHlp, hlpSource, weights.ease ?? 1, weights.importance ?? 1);
  });
  const shown = tags.filter((row) => row.tag === null || row.count > 0 || listed.has(row.tag));
  shown.sort(byPriority);
  return { total: c.total, errors: c.totalErrors, accuracy: c.total > 0 ? 1 - c.totalErrors / c.total : null, tags: shown };
}

/** Rows, errors and labeler comparisons summed over the tag sets of one group. */
function sumOverSets(c: TagSetCounts, sets: readonly number[]): { count: number; errors: number; compared: number; agreed: number } {
  const sums = { count: 0, errors: 0, compared: 0, agreed: 0 };
  for (const s of sets) {
    sums.count += c.rows[s] ?? 0;
    sums.errors += c.errors[s] ?? 0;
    sums.compared += c.compared[s] ?? 0;
    sums.agreed += c.agreed[s] ?? 0;
  }
  return sums;
}

function setsWithTag(setTags: readonly (readonly number[])[], tagId: number): number[] {
  const out: number[] = [];
  setTags.forEach((tags, s) => tags.includes(tagId) && out.push(s));
  return out;
}

/** One row of the table from its counts: the arithmetic of the course, with undefined as null. */
export function tagRow(
  tag: string | null,
  count: number,
  errors: number,
  total: number,
  totalErrors: number,
  hlp: number | null,
  hlpSource: TagRow['hlpSource'],
  ease = 1,
  importance = 1,
): TagRow {
  const errorRateInTag = count > 0 ? errors / count : null;
  const accuracy = errorRateInTag === null ? null : 1 - errorRateInTag;
  const shareOfData = total > 0 ? count / total : null;
  const gapToHlp = hlp === null || accuracy === null ? null : Math.max(0, hlp - accuracy);
  const potentialGain = gapToHlp === null || shareOfData === null ? null : gapToHlp * shareOfData;
  return {
    tag,
    count,
    errors,
    shareOfErrors: totalErrors > 0 ? errors / totalErrors : null,
    errorRateInTag,
    shareOfData,
    accuracy,
    accuracyInterval: wilsonInterval(count - errors, count),
    smallSample: count < SMALL_SAMPLE_N,
    hlp,
    hlpSource,
    gapToHlp,
    potentialGain,
    ease,
    importance,
    priority: potentialGain === null ? null : potentialGain * ease * importance,
  };
}

/** Priority first (equal up to rounding noise counts as a tie), then errors, then name. */
function byPriority(a: TagRow, b: TagRow): number {
  if (a.priority === null || b.priority === null) {
    if (a.priority !== b.priority) return a.priority === null ? 1 : -1;
  } else if (Math.abs(a.priority - b.priority) > 1e-12) {
    return b.priority - a.priority;
  }
  return b.errors - a.errors || (a.tag ?? '\uffff').localeCompare(b.tag ?? '\uffff');
}

export type SuggestedAction = 'fix-labels' | 'collect-data' | 'augment' | 'at-human-level' | 'set-hlp' | 'tag-more';

/**
 * What to do next about a tag (the course's options): fix labels when the labelers disagree
 * on it (its HLP is low), collect more data when it is rare, augment when it is common,
 * nothing when the model is already at human level.
 */
export function suggestAction(row: TagRow, overallHlp: number | null): { action: SuggestedAction; why: string; caution: string | null } {
  const suggestion = suggestionFor(row, overallHlp);
  return { ...suggestion, caution: suggestion.action === 'tag-more' ? null : smallSampleCaution(row) };
}

/** Next to a recommendation drawn from few examples: how few, and how wide the accuracy's interval is. */
export function smallSampleCaution(row: TagRow): string | null {
  if (!row.smallSample || row.count === 0 || !row.accuracyInterval) return null;
  const { lower, upper } = row.accuracyInterval;
  return `Small sample: only ${counted(row.count, 'example')}; the accuracy's 95% interval is ${percentText(lower)}–${percentText(upper)}, so treat this as a lead, not a finding (tag more examples first).`;
}

const percentText = (v: number) => `${(v * 100).toFixed(1)}%`;

function suggestionFor(row: TagRow, overallHlp: number | null): { action: SuggestedAction; why: string } {
  if (row.tag === null) {
    return { action: 'tag-more', why: `${row.errors} misclassified ${noun(row.errors, 'example')} ${agree(row.errors, 'has', 'have')} no tag yet: tag them to find out what they have in common.` };
  }
  if (row.gapToHlp === null) return { action: 'set-hlp', why: 'Human-level performance on this tag is unknown: add labelers to the file or set the tag\'s HLP.' };
  // Only with enough examples to tell a labeling problem from noise.
  if (row.hlpSource === 'labelers' && row.hlp !== null && row.count >= 20 && (row.hlp < 0.9 || (overallHlp !== null && row.hlp < overallHlp - 0.05))) {
    return { action: 'fix-labels', why: `Labelers agree on only ${(row.hlp * 100).toFixed(1)}% of these examples: clarify the label definition or add an "ambiguous" class, then relabel.` };
  }
  if (row.gapToHlp <= 0) return { action: 'at-human-level', why: 'The model already matches human-level performance here: little to gain.' };
  const share = row.shareOfData ?? 0;
  if (share < 0.1) return { action: 'collect-data', why: `Only ${(share * 100).toFixed(1)}% of the data has this tag: collect more examples like these.` };
  return { action: 'augment', why: `This tag covers ${(share * 100).toFixed(1)}% of the data with a ${formatPoints(row.gapToHlp)} gap: augment or synthesize harder variants of these examples.` };
}
