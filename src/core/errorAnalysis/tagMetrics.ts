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
  shareOfData: number;
  accuracy: number | null;
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
}

interface Counts {
  rows: Float64Array;
  errors: Float64Array;
  compared: Float64Array;
  agreed: Float64Array;
}

/** One pass over the rows, counting per tag set: rows, errors, and labeler agreement. */
function countBySet(inputs: TagInputs): Counts & { total: number; totalErrors: number } {
  const sets = inputs.setTags.length;
  const counts: Counts = { rows: new Float64Array(sets), errors: new Float64Array(sets), compared: new Float64Array(sets), agreed: new Float64Array(sets) };
  const { outcomes, rowSet, agreement } = inputs;
  let total = 0;
  let errors = 0;
  for (let row = 0; row < outcomes.length; row++) {
    const outcome = outcomes[row];
    if (outcome !== OUTCOME_ERROR && outcome !== OUTCOME_CORRECT) continue;
    const set = rowSet[row];
    total++;
    counts.rows[set]++;
    if (outcome === OUTCOME_ERROR) {
      errors++;
      counts.errors[set]++;
    }
    if (agreement) {
      counts.compared[set] += agreement.compared[row];
      counts.agreed[set] += agreement.agreed[row];
    }
  }
  return { ...counts, total, totalErrors: errors };
}

/** The per-tag table, sorted by priority (undefined priorities last, then by errors). */
export function computeTagTable(inputs: TagInputs): TagTable {
  const c = countBySet(inputs);
  const groups = [...inputs.tagNames.map((name, id) => ({ name: name as string | null, sets: setsWithTag(inputs.setTags, id) })), { name: null, sets: [0] }];
  const tags = groups.map(({ name, sets }) => {
    let count = 0;
    let errors = 0;
    let compared = 0;
    let agreed = 0;
    for (const s of sets) {
      count += c.rows[s];
      errors += c.errors[s];
      compared += c.compared[s];
      agreed += c.agreed[s];
    }
    const weights = (name !== null ? inputs.weights?.(name) : undefined) ?? {};
    const labelerHlp = inputs.agreement && compared > 0 ? agreed / compared : null;
    const manualHlp = weights.hlp ?? null;
    return tagRow(name, count, errors, c.total, c.totalErrors, labelerHlp ?? manualHlp, labelerHlp !== null ? 'labelers' : manualHlp !== null ? 'manual' : null, weights.ease ?? 1, weights.importance ?? 1);
  });
  tags.sort(byPriority);
  return { total: c.total, errors: c.totalErrors, accuracy: c.total > 0 ? 1 - c.totalErrors / c.total : null, tags };
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
  const shareOfData = total > 0 ? count / total : 0;
  const gapToHlp = hlp === null || accuracy === null ? null : Math.max(0, hlp - accuracy);
  const potentialGain = gapToHlp === null ? null : gapToHlp * shareOfData;
  return {
    tag,
    count,
    errors,
    shareOfErrors: totalErrors > 0 ? errors / totalErrors : null,
    errorRateInTag,
    shareOfData,
    accuracy,
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
export function suggestAction(row: TagRow, overallHlp: number | null): { action: SuggestedAction; why: string } {
  if (row.tag === null) {
    return { action: 'tag-more', why: `${row.errors} misclassified example(s) have no tag yet: tag them to find out what they have in common.` };
  }
  if (row.gapToHlp === null) return { action: 'set-hlp', why: 'Human-level performance on this tag is unknown: add labelers to the file or set the tag\'s HLP.' };
  // Only with enough examples to tell a labeling problem from noise.
  if (row.hlpSource === 'labelers' && row.hlp !== null && row.count >= 20 && (row.hlp < 0.9 || (overallHlp !== null && row.hlp < overallHlp - 0.05))) {
    return { action: 'fix-labels', why: `Labelers agree on only ${(row.hlp * 100).toFixed(1)}% of these examples: clarify the label definition or add an "ambiguous" class, then relabel.` };
  }
  if (row.gapToHlp <= 0) return { action: 'at-human-level', why: 'The model already matches human-level performance here: little to gain.' };
  if (row.shareOfData < 0.1) return { action: 'collect-data', why: `Only ${(row.shareOfData * 100).toFixed(1)}% of the data has this tag: collect more examples like these.` };
  return { action: 'augment', why: `This tag covers ${(row.shareOfData * 100).toFixed(1)}% of the data with a ${(row.gapToHlp * 100).toFixed(1)}-point gap: augment or synthesize harder variants of these examples.` };
}
