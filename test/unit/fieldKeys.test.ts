/** Which keys typed in a webview field stay the field's (never reach the workbench's keybindings). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fieldKeyAction, textCommand } from '../../webview/shared/fieldKeys';

type Mods = { ctrlKey?: boolean; metaKey?: boolean; altKey?: boolean; shiftKey?: boolean; altGraph?: boolean; keyCode?: number };
const keyCodeOf = (k: string) => (/^[a-z]$/i.test(k) ? k.toUpperCase().charCodeAt(0) : 0);
const key = (k: string, mods: Mods = {}) => ({ key: k, keyCode: keyCodeOf(k), ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...mods });

describe('keys typed in a field', () => {
  it('a text field keeps the characters typed; select all, undo and redo are done by the page', () => {
    for (const typed of ['m', 'T', '/', ' ', '1', 'é', '😀']) assert.equal(fieldKeyAction(key(typed, { shiftKey: typed === 'T' }), 'text'), 'stop', typed);
    for (const command of [{ ctrlKey: true }, { metaKey: true }]) {
      assert.equal(fieldKeyAction(key('a', command), 'text'), 'selectAll');
      assert.equal(fieldKeyAction(key('z', command), 'text'), 'undo');
      assert.equal(fieldKeyAction(key('Z', { ...command, shiftKey: true }), 'text'), 'redo');
    }
    assert.equal(fieldKeyAction(key('y', { ctrlKey: true }), 'text'), 'redo', 'Ctrl+Y is redo on Windows and Linux');
    assert.equal(fieldKeyAction(key('y', { metaKey: true }), 'text'), 'pass', 'Cmd+Y is not redo on macOS');
  });

  it('save, copy, paste, find, the palette and named keys go on to the workbench', () => {
    for (const command of [{ ctrlKey: true }, { metaKey: true }]) {
      for (const letter of ['s', 'c', 'v', 'x', 'p', 'f', 'w']) assert.equal(fieldKeyAction(key(letter, command), 'text'), 'pass', `${JSON.stringify(command)} ${letter}`);
    }
    assert.equal(fieldKeyAction(key('P', { ctrlKey: true, shiftKey: true }), 'text'), 'pass', 'Ctrl+Shift+P: the Command Palette');
    assert.equal(fieldKeyAction(key('Y', { ctrlKey: true, shiftKey: true }), 'text'), 'pass', 'Ctrl+Shift+Y: the Debug Console');
    assert.equal(fieldKeyAction(key('A', { ctrlKey: true, shiftKey: true }), 'text'), 'pass');
    for (const named of ['Enter', 'Escape', 'Tab', 'ArrowDown', 'F1', 'Process']) assert.equal(fieldKeyAction(key(named), 'text'), 'pass', named);
    assert.equal(fieldKeyAction(key('a', { altKey: true }), 'text'), 'pass', 'Alt: a workbench chord');
    assert.equal(fieldKeyAction(key('z', { ctrlKey: true, altKey: true }), 'text'), 'pass');
  });

  it('reads the letter of Ctrl+Z by its key code on a layout without Latin letters, as VS Code does', () => {
    assert.equal(textCommand(key('я', { ctrlKey: true, keyCode: 90 })), 'undo', 'Russian');
    assert.equal(textCommand(key('α', { ctrlKey: true, keyCode: 65 })), 'selectAll', 'Greek');
    assert.equal(textCommand(key('ζ', { ctrlKey: true, shiftKey: true, keyCode: 90 })), 'redo');
  });

  it('a character typed with AltGr (Ctrl+Alt on Windows) is typing, not a chord', () => {
    assert.equal(fieldKeyAction(key('@', { ctrlKey: true, altKey: true, altGraph: true }), 'text'), 'stop');
    assert.equal(fieldKeyAction(key('@', { ctrlKey: true, altKey: true }), 'text'), 'pass');
  });

  it('a select or a checkbox keeps the characters typed, but Ctrl+Z goes on to undo the document', () => {
    assert.equal(fieldKeyAction(key('b'), 'field'), 'stop');
    for (const letter of ['z', 'y', 'a']) assert.equal(fieldKeyAction(key(letter, { ctrlKey: true }), 'field'), 'pass', letter);
  });

  it('outside a field every key goes on to the workbench', () => {
    for (const k of [key('m'), key('z', { ctrlKey: true }), key('a', { metaKey: true }), key('Enter')]) assert.equal(fieldKeyAction(k, 'other'), 'pass', k.key);
  });
});
