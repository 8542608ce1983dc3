import { assignClasses } from '../metrics/classes';
import { readLabelPrediction } from '../values/datasetClasses';
import { columnByRole, type ColumnInfo, type Dataset } from './dataset';

export const OUTCOME_CORRECT = 0;
export const OUTCOME_ERROR = 1;
/** Label or prediction missing: neither right nor wrong. */
export const OUTCOME_UNKNOWN = 2;

/**
 * Per row: correct, misclassified, or unknown. Label and prediction are mapped onto one class
 * list as the metrics do, read with the file's other class columns (DOMAIN.md §1: "1" and "1.0"
 * are one class when every label, prediction and labeler value is a number).
 */
export function computeOutcomes(dataset: Dataset, columns?: { label: ColumnInfo; prediction: ColumnInfo }): Uint8Array | undefined {
  const label = columns?.label ?? columnByRole(dataset, 'label');
  const prediction = columns?.prediction ?? columnByRole(dataset, 'prediction');
  if (!label || !prediction) return undefined;
  const labelCodes = dataset.codes[label.index];
  const predictionCodes = dataset.codes[prediction.index];
  if (!labelCodes || !predictionCodes) return undefined;
  const { truth, prediction: predicted } = assignClasses(dataset.dictionaries[label.index]!, dataset.dictionaries[prediction.index]!, labelCodes, predictionCodes, readLabelPrediction(dataset, label, prediction));
  const out = new Uint8Array(dataset.rowCount);
  for (let i = 0; i < out.length; i++) {
    const t = truth[i];
    const p = predicted[i];
    out[i] = t < 0 || p < 0 ? OUTCOME_UNKNOWN : t === p ? OUTCOME_CORRECT : OUTCOME_ERROR;
  }
  return out;
}
