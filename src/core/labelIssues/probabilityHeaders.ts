/** Headers of per-class probability columns (`p_cat`, `prob_dog`, `proba_1`, `score_cat`, `cat_prob`): pure text, so role inference can use it. */

const PREFIXES = ['p_', 'prob_', 'proba_', 'probability_', 'score_'];
const SUFFIXES = ['_prob', '_proba', '_probability'];

/** The class a header names as a probability column, or undefined. */
export function classOfProbabilityHeader(header: string): string | undefined {
  const name = header.trim();
  const lower = name.toLowerCase();
  for (const prefix of PREFIXES) if (lower.startsWith(prefix) && name.length > prefix.length) return name.slice(prefix.length);
  for (const suffix of SUFFIXES) if (lower.endsWith(suffix) && name.length > suffix.length) return name.slice(0, name.length - suffix.length);
  return undefined;
}

/** True when `cls` (a header's class) names one of `values` (a label column's values): same text, same number, or the same letters in another case. */
export function namesOneOf(cls: string, values: ReadonlySet<string>): boolean {
  const folded = cls.trim().toLowerCase();
  const number = Number(folded);
  for (const value of values) {
    const v = value.trim().toLowerCase();
    if (v === folded) return true;
    if (folded !== '' && v !== '' && Number.isFinite(number) && Number(v) === number) return true;
  }
  return false;
}
