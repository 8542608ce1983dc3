import { columnByRole, type Dataset } from './dataset';

export const OUTCOME_CORRECT = 0;
export const OUTCOME_ERROR = 1;
/** Label or prediction missing: neither right nor wrong. */
export const OUTCOME_UNKNOWN = 2;

/**
 * Per row: correct, misclassified, or unknown. Label and prediction have their own
 * dictionaries, so prediction codes are first mapped into the label's code space.
 */
export function computeOutcomes(dataset: Dataset): Uint8Array | undefined {
  const label = columnByRole(dataset, 'label');
  const prediction = columnByRole(dataset, 'prediction');
  if (!label || !prediction) return undefined;
  const labelCodes = dataset.codes[label.index];
  const predictionCodes = dataset.codes[prediction.index];
  if (!labelCodes || !predictionCodes) return undefined;
  const labelDictionary = dataset.dictionaries[label.index]!;
  const labelCode = new Map(labelDictionary.map((v, i) => [v, i]));
  const mapped = Int32Array.from(dataset.dictionaries[prediction.index]!, (v) => labelCode.get(v) ?? -2);
  const out = new Uint8Array(dataset.rowCount);
  for (let i = 0; i < out.length; i++) {
    const l = labelCodes[i];
    const p = predictionCodes[i];
    out[i] = l < 0 || p < 0 ? OUTCOME_UNKNOWN : mapped[p] === l ? OUTCOME_CORRECT : OUTCOME_ERROR;
  }
  return out;
}
