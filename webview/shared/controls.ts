/** Thin factories over @vscode-elements controls, typed for what Loupe uses. */
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-checkbox/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import '@vscode-elements/elements/dist/vscode-textarea/index.js';
import { custom } from './dom';

export type Checkbox = HTMLElement & { checked: boolean; disabled: boolean };
export type Select = HTMLElement & { value: string; disabled: boolean };
export type TextField = HTMLElement & { value: string; placeholder: string };

export function checkbox(label: string, title = label): Checkbox {
  return custom('vscode-checkbox', { label, title }) as Checkbox;
}

export function select(options: { value: string; label: string }[], value: string, ariaLabel: string): Select {
  const element = custom('vscode-single-select', { 'aria-label': ariaLabel, title: ariaLabel }) as Select;
  for (const o of options) {
    const option = custom('vscode-option', { value: o.value }, o.label);
    if (o.value === value) option.setAttribute('selected', '');
    element.append(option);
  }
  element.value = value;
  return element;
}

export function textField(placeholder: string, ariaLabel = placeholder): TextField {
  return custom('vscode-textfield', { placeholder, 'aria-label': ariaLabel }) as TextField;
}

export function textArea(placeholder: string, ariaLabel = placeholder): TextField {
  return custom('vscode-textarea', { placeholder, 'aria-label': ariaLabel, resize: 'vertical', rows: '3' }) as TextField;
}

export function button(label: string, options: { secondary?: boolean; icon?: string; title?: string } = {}): HTMLElement {
  const attrs: Record<string, string> = { title: options.title ?? label };
  if (options.secondary) attrs.secondary = '';
  if (options.icon) attrs.icon = options.icon;
  return custom('vscode-button', attrs, label);
}
