/** Small pieces shared by the log's sections. */
import type { BaselineKind } from '../../../src/core/experiments/schema';
import { el } from '../../shared/dom';

export const BASELINE_SHORT: Record<BaselineKind, string> = {
  none: '',
  'human-level': 'HLP baseline',
  'previous-system': 'previous system',
  'quick-and-dirty': 'quick & dirty',
};

/** A focusable button showing one codicon, labelled for screen readers. */
export function iconButton(icon: string, label: string): HTMLButtonElement {
  return el('button', { className: 'icon-button', title: label, attrs: { type: 'button', 'aria-label': label } }, [el('span', { className: `codicon codicon-${icon}`, attrs: { 'aria-hidden': 'true' } })]);
}
