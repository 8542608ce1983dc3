/** Writes one CSV record, quoting only the fields that need it (RFC 4180). */
export function formatCsvRow(fields: readonly string[], delimiter = ',', quoteEmpty = false): string {
  return fields.map((f) => formatCsvField(f, delimiter, quoteEmpty)).join(delimiter);
}

export function formatCsvField(field: string, delimiter = ',', quoteEmpty = false): string {
  if (field === '') return quoteEmpty ? '""' : '';
  if (field.includes('"') || field.includes(delimiter) || field.includes('\n') || field.includes('\r')) {
    return `"${field.replaceAll('"', '""')}"`;
  }
  return field;
}

const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Neutralizes a cell that a spreadsheet would run as a formula (OWASP "CSV injection"):
 * prefix with a single quote. Only for exports meant for spreadsheets.
 */
export function escapeSpreadsheetFormula(field: string): string {
  return FORMULA_START.test(field) ? `'${field}` : field;
}
