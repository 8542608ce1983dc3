import type { CsvProblem } from '../../src/core/csv/scanner';
import { el } from './dom';
import { noun } from '../../src/core/plural';

const LISTED = 10;

/**
 * Shows the file's error-level CSV problems above the figures: Loupe could not read the file
 * correctly, so every figure below may be wrong. Then the warnings about how values were read
 * (classes that differ only in whitespace, case or Unicode normalization; a saved positive class
 * the file does not have), each line saying what it means. Hidden when there
 * is neither. Text only.
 */
export function renderProblemBanner(banner: HTMLElement, fileName: string, problems: readonly CsvProblem[], warnings: readonly string[] = []): void {
  const errors = problems.filter((p) => p.severity === 'error');
  banner.hidden = errors.length === 0 && warnings.length === 0;
  banner.classList.toggle('warnings-only', errors.length === 0);
  banner.replaceChildren(...errorParts(fileName, errors), ...warningParts(fileName, warnings));
}

function errorParts(fileName: string, errors: readonly CsvProblem[]): HTMLElement[] {
  if (errors.length === 0) return [];
  const count = `${errors.length} error-level ${noun(errors.length, 'problem')}`;
  return [
    el('strong', { text: `${fileName} has ${count}: Loupe could not read it correctly, so the figures below may be wrong. Fix the file and reopen it.` }),
    el('ul', {}, errors.slice(0, LISTED).map((p) => el('li', { text: `${fileName}:${p.line}: ${p.message}` }))),
    ...(errors.length > LISTED ? [el('p', { text: `… and ${errors.length - LISTED} more (see the Problems panel).` })] : []),
  ];
}

function warningParts(fileName: string, warnings: readonly string[]): HTMLElement[] {
  if (warnings.length === 0) return [];
  return [
    el('strong', { className: 'banner-warning-title', text: `Warning: how ${fileName} was read (before the figures below):` }),
    el('ul', { className: 'banner-warnings' }, warnings.slice(0, LISTED).map((w) => el('li', { text: w }))),
    ...(warnings.length > LISTED ? [el('p', { text: `… and ${warnings.length - LISTED} more (see the Problems panel).` })] : []),
  ];
}

/** The banner element, placed before any figure. */
export function problemBannerElement(): HTMLElement {
  const banner = el('div', { className: 'problem-banner', attrs: { role: 'alert' } });
  banner.hidden = true;
  return banner;
}
