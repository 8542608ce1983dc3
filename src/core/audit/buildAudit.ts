import { judgementsOfDataset } from '../agreement/fromDataset';
import { scoreLeaveOneOut } from '../agreement/labelers';
import { summarizeAgreement } from '../agreement/summary';
import type { Dataset } from '../dataset/dataset';
import { computeOutcomes } from '../dataset/outcome';
import type { RowTags } from '../dataset/rowTags';
import { analyzeTags } from '../errorAnalysis/analyzeTags';
import type { TagWeights } from '../errorAnalysis/tagMetrics';
import { auditDatasetSlices, type AuditReport, type SliceChoice } from './auditReport';
import type { DataChecksSection } from './dataChecksSection';
import { auditLabelIssues } from './labelIssuesSection';
import { computeModelMetrics, type MetricsOptions, type ResolvedColumns } from './modelMetrics';
import type { MetricsWithScoreCells, ScoreCellCounts } from './scoreCells';

export interface AuditInputs {
  dataset: Dataset;
  file: string;
  date: string;
  command: string;
  columns: ResolvedColumns;
  tags?: RowTags;
  weights?: Record<string, Partial<TagWeights>>;
  slices?: SliceChoice;
  metrics?: MetricsOptions;
  /** The score column's cells that are not numbers, counted by the caller (it reads the file); reported when the metrics are binary. */
  scoreCells?: ScoreCellCounts;
  /** Data checks computed by the caller (it reads the input column and media files); null without an input column. */
  dataChecks?: DataChecksSection | null;
  /** The ids of 0-based rows (the caller reads the file), for the likely label errors listed. */
  idsOf?: (rows: number[]) => (string | null)[];
  /** Called between sections; throw from it to cancel. */
  checkpoint?: (step: string) => void;
}

/** Everything an audit reports, computed from a loaded file (pure: the caller reads and writes files). */
export function buildAuditReport(inputs: AuditInputs): AuditReport | string {
  const { dataset, columns, checkpoint = () => undefined } = inputs;
  checkpoint('metrics');
  const computed = computeModelMetrics(dataset, columns, inputs.metrics);
  const metrics: MetricsWithScoreCells = computed.binary && inputs.scoreCells ? { ...computed, scoreCells: inputs.scoreCells } : computed;
  checkpoint('slices');
  const slices = auditDatasetSlices(dataset, columns, inputs.tags, inputs.slices);
  if (typeof slices === 'string') return slices;
  checkpoint('labelers');
  const judgements = judgementsOfDataset(dataset);
  const outcomes = computeOutcomes(dataset, columns);
  const hasTags = inputs.tags !== undefined && inputs.tags.names.length > 0;
  const tags = hasTags && outcomes ? analyzeTags(outcomes, inputs.tags!, judgements ? scoreLeaveOneOut(judgements) : undefined, { weights: inputs.weights }) : null;
  const agreement = judgements ? summarizeAgreement(judgements, { replicates: 1000, seed: 1 }) : null;
  checkpoint('label issues');
  const labelIssues = auditLabelIssues({ dataset, label: columns.label, binary: computed.binary, classes: computed.labels, idsOf: inputs.idsOf });
  return {
    file: inputs.file,
    date: inputs.date,
    command: inputs.command,
    rows: dataset.rowCount,
    metrics,
    slices,
    tags,
    agreement,
    labelIssues,
    // Look-alike classes are in `warnings` (from the metrics' reading of the values), not listed twice.
    csvProblems: dataset.problems.filter((p) => p.kind !== 'look-alike-classes').map((p) => ({ line: p.line, severity: p.severity, message: p.message })),
    csvProblemCount: Object.entries(dataset.problemTotals).reduce((sum, [kind, n]) => (kind === 'look-alike-classes' ? sum : sum + n), 0),
    warnings: computed.warnings,
    ...(inputs.dataChecks !== undefined ? { dataChecks: inputs.dataChecks } : {}),
  };
}
