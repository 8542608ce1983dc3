import type { CsvProblem } from '../../src/core/csv/scanner';
import { el } from './dom';

/**
 * Shows the file's error-level CSV problems above the figures (hidden when there are none):
 * Loupe could not read the file correctly, so every figure below may be wrong. Text only.
 */
export function renderProblemBanner(banner: HTMLElement, fileName: string, problems: readonly CsvProblem[]): void {
  const errors = problems.filter((p) => p.severity === 'error');
  banner.hidden = errors.length === 0;
  if (errors.length === 0) {
    banner.replaceChildren();
    return;
  }
  const count = `${errors.length} error-level problem${errors.length === 1 ? '' : 's'}`;
  banner.replaceChildren(
    el('strong', { text: `${fileName} has ${count}: Loupe could not read it correctly, so the figures below may be wrong. Fix the file and reopen it.` }),
    el('ul', {}, errors.slice(0, 10).map((p) => el('li', { text: `${fileName}:${p.line}: ${p.message}` }))),
    ...(errors.length > 10 ? [el('p', { text: `… and ${errors.length - 10} more (see the Problems panel).` })] : []),
  );
}

/** The banner element, placed before any figure. */
export function problemBannerElement(): HTMLElement {
  const banner = el('div', { className: 'problem-banner', attrs: { role: 'alert' } });
  banner.hidden = true;
  return banner;
}
