/**
 * The columns of a file that can hold a model's predictions, for the comparison's pickers and
 * the table's "fixed by B" filters: the prediction column first, then columns named like
 * another model's predictions (pred_v2), then other categorical columns that are not the
 * label, a labeler, the tags or the id.
 */
import { isPredictionVariant, type ColumnKind, type ColumnRole } from '../dataset/roles';

export interface ColumnChoice {
  name: string;
  role: ColumnRole;
  kind: ColumnKind;
}

export function predictionCandidates<C extends ColumnChoice>(columns: readonly C[]): C[] {
  const rank = (c: ColumnChoice) => (c.role === 'prediction' ? 0 : isPredictionVariant(c.name) ? 1 : 2);
  return columns
    .filter((c) => c.role === 'prediction' || isPredictionVariant(c.name) || (c.kind === 'categorical' && (c.role === 'other' || c.role === 'slice')))
    .map((c, order) => ({ c, order }))
    .sort((x, y) => rank(x.c) - rank(y.c) || x.order - y.order)
    .map(({ c }) => c);
}
