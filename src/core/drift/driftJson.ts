/** Drift as `loupe drift --json` prints it and the drift view receives it (DOMAIN.md §5). */
import type { ColumnDrift, DriftReport } from './detectDrift';

export interface DriftColumnJson {
  name: string;
  kind: ColumnDrift['kind'];
  psi?: number | null;
  psiLevel?: ColumnDrift['psiLevel'];
  chi2?: number | null;
  chi2Dof?: number | null;
  chi2P?: number | null;
  ks?: ColumnDrift['ks'];
  measured?: string;
  missing: ColumnDrift['missing'];
  newCategories: string[];
  drifted: boolean;
}

export interface DriftJson {
  rows: { reference: number; current: number };
  columns: DriftColumnJson[];
  driftedColumns: number;
  onlyInReference: string[];
  onlyInCurrent: string[];
  notCompared: DriftReport['skipped'];
}

/** The JSON of a drift report; `rows` are each file's data rows. */
export function describeDriftJson(report: DriftReport, rows: DriftJson['rows']): DriftJson {
  return {
    rows,
    columns: report.columns.map(columnJson),
    driftedColumns: report.columns.filter((c) => c.drifted).length,
    onlyInReference: skipped(report, 'onlyInReference'),
    onlyInCurrent: skipped(report, 'onlyInCurrent'),
    notCompared: report.skipped.filter((s) => s.reason !== 'onlyInReference' && s.reason !== 'onlyInCurrent'),
  };
}

function skipped(report: DriftReport, reason: DriftReport['skipped'][number]['reason']): string[] {
  return report.skipped.filter((s) => s.reason === reason).map((s) => s.name);
}

function columnJson(c: ColumnDrift): DriftColumnJson {
  const numeric = c.kind !== 'categorical';
  return {
    name: c.name,
    kind: c.kind,
    ...(numeric ? {} : { psi: c.psi ?? null, psiLevel: c.psiLevel ?? null, chi2: c.chi2 ?? null, chi2Dof: c.chi2Dof ?? null, chi2P: c.chi2P ?? null }),
    ...(numeric ? { ks: c.ks ?? null } : {}),
    ...(c.kind === 'text' ? { measured: 'length in characters' } : {}),
    missing: c.missing,
    newCategories: c.newCategories,
    drifted: c.drifted,
  };
}
