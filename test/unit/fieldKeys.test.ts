/** Which keys typed in a webview field stay the field's (never reach the workbench's keybindings). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { keptInField, type KeyOrigin } from '../../webview/shared/fieldKeys';

const key = (k: string, mods: { ctrlKey?: boolean; metaKey?: boolean; altKey?: boolean } = {}) => ({ key: k, ctrlKey: false, metaKey: false, altKey: false, ...mods });

describe('keys typed in a field', () => {
  it('a text field keeps letters, select all, undo and redo (Ctrl or Cmd, Shift+Z), not save, Enter or Escape', () => {
    const kept = (k: ReturnType<typeof key>) => keptInField(k, 'text');
    for (const letter of ['m', 't', '/', ' ', '1', 'é']) assert.equal(kept(key(letter)), true, letter);
    for (const mods of [{ ctrlKey: true }, { metaKey: true }]) {
      for (const letter of ['a', 'A', 'z', 'Z', 'y']) assert.equal(kept(key(letter, mods)), true, `${JSON.stringify(mods)} ${letter}`);
      for (const letter of ['s', 'c', 'v', 'x', 'p', 'f', 'w']) assert.equal(kept(key(letter, mods)), false, `${JSON.stringify(mods)} ${letter}`);
    }
    for (const named of ['Enter', 'Escape', 'Tab', 'ArrowDown', 'F1']) assert.equal(kept(key(named)), false, named);
    assert.equal(kept(key('a', { altKey: true })), false, 'Alt: a workbench chord');
    assert.equal(kept(key('z', { ctrlKey: true, altKey: true })), false);
  });

  it('a select keeps the letters it jumps by, but Ctrl+Z goes on to undo the document', () => {
    assert.equal(keptInField(key('b'), 'field'), true);
    for (const letter of ['z', 'y', 'a']) assert.equal(keptInField(key(letter, { ctrlKey: true }), 'field'), false, letter);
  });

  it('outside a field every key goes on to the workbench', () => {
    const origins: KeyOrigin[] = ['other'];
    for (const origin of origins) {
      for (const k of [key('m'), key('z', { ctrlKey: true }), key('a', { metaKey: true }), key('Enter')]) assert.equal(keptInField(k, origin), false, k.key);
    }
  });
});
