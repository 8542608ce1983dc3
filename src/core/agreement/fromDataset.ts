import { columnsByRole, type Dataset } from '../dataset/dataset';
import { buildJudgements, type Judgements } from './judgements';

/** The labeler columns of a file as a judgement matrix (rows = items), or undefined with fewer than two. */
export function judgementsOfDataset(dataset: Dataset, names?: readonly string[]): Judgements | undefined {
  const columns = names ? names.map((n) => dataset.columns.find((c) => c.name === n)).filter((c) => c !== undefined) : columnsByRole(dataset, 'labeler');
  const labelers = columns.filter((c) => dataset.codes[c.index]);
  if (labelers.length < 2) return undefined;
  return buildJudgements(labelers.map((c) => ({ codes: dataset.codes[c.index]!, dictionary: dataset.dictionaries[c.index]!, name: c.name })));
}
