/**
 * Whether two experiment records can be compared example by example (`loupe compare`), and
 * if not, what is missing. Each gap carries a code; the message is for people.
 */
import type { Experiment } from './schema';

export type PerExampleGapCode = 'no-dataset' | 'no-fingerprint' | 'file-gone' | 'file-changed' | 'different-ids';

export interface PerExampleGap {
  code: PerExampleGapCode;
  /** Which record it concerns: 'a', 'b', or both. */
  record: 'a' | 'b' | 'both';
  message: string;
}

/** What is at a record's dataset path now (read by the caller, inside the workspace only). */
export type RecordedFileState = { exists: false } | { exists: true; sha256: string };

export interface PerExampleComparability {
  possible: boolean;
  gaps: PerExampleGap[];
  /** Both fingerprints known and equal: the two records saw the very same predictions. */
  samePredictions: boolean;
}

/**
 * Possible when both records kept a prediction fingerprint over the same ids and, when the
 * caller says what is on disk now, both files are still there unchanged (else the predictions
 * on disk are not the ones the record saw).
 */
export function perExampleComparability(a: Experiment, b: Experiment, files?: { a: RecordedFileState; b: RecordedFileState }): PerExampleComparability {
  const gaps = [...recordGaps(a, 'a', files?.a), ...recordGaps(b, 'b', files?.b)];
  const [fa, fb] = [a.data.predictions, b.data.predictions];
  if (fa && fb && fa.idsSha256 !== fb.idsSha256) {
    gaps.push({ code: 'different-ids', record: 'both', message: `the two files do not hold the same ids in the same order (${fa.rows.toLocaleString('en-US')} and ${fb.rows.toLocaleString('en-US')} rows): a comparison by id counts only the examples in both` });
  }
  return { possible: gaps.length === 0, gaps, samePredictions: fa !== undefined && fb !== undefined && fa.sha256 === fb.sha256 && fa.idsSha256 === fb.idsSha256 };
}

function recordGaps(e: Experiment, record: 'a' | 'b', file: RecordedFileState | undefined): PerExampleGap[] {
  const name = `"${e.name}"`;
  if (e.data.path === null) return [{ code: 'no-dataset', record, message: `${name} was recorded without a dataset` }];
  const gaps: PerExampleGap[] = [];
  if (!e.data.predictions) gaps.push({ code: 'no-fingerprint', record, message: `${name} has no fingerprint of its predictions (recorded before Loupe kept one, or ${e.data.path} had no prediction column)` });
  if (file && !file.exists) gaps.push({ code: 'file-gone', record, message: `${e.data.path}, the dataset of ${name}, is no longer in the workspace` });
  else if (file?.exists && e.data.sha256 !== null && file.sha256 !== e.data.sha256) gaps.push({ code: 'file-changed', record, message: `${e.data.path} changed since ${name} was recorded: its predictions are not the ones the record saw` });
  return gaps;
}
