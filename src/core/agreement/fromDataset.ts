import { columnsByRole, type Dataset } from '../dataset/dataset';
import { classOfCodeIn, readDatasetClasses } from '../values/datasetClasses';
import { buildJudgements, type Judgements } from './judgements';

/**
 * The labeler columns of a file as a judgement matrix (rows = items), or undefined with fewer
 * than two. Values are read together with the label and prediction columns (DOMAIN.md §1), so
 * agreement, HLP and the metrics see the same classes.
 */
export function judgementsOfDataset(dataset: Dataset, names?: readonly string[]): Judgements | undefined {
  const columns = names ? names.map((n) => dataset.columns.find((c) => c.name === n)).filter((c) => c !== undefined) : columnsByRole(dataset, 'labeler');
  const labelers = columns.filter((c) => dataset.codes[c.index]);
  if (labelers.length < 2) return undefined;
  const classes = readDatasetClasses(dataset, labelers);
  const reading = { classes: classes.identity.classes, classOfCode: labelers.map((c) => classOfCodeIn(classes, c)), warnings: classes.warnings };
  return buildJudgements(labelers.map((c) => ({ codes: dataset.codes[c.index]!, dictionary: dataset.dictionaries[c.index]!, name: c.name })), reading);
}
