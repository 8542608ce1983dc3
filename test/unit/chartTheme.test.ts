import assert from 'node:assert/strict';
import { test } from 'node:test';
import { opaque } from '../../webview/shared/chartTheme';

test('chart colours lose a theme\'s transparency and keep their hue', () => {
  assert.equal(opaque('#d1861680'), '#d18616');
  assert.equal(opaque('#f008'), '#f00');
  assert.equal(opaque('#3794ff'), '#3794ff');
  assert.equal(opaque('#abc'), '#abc');
  assert.equal(opaque('rgba(209, 134, 22, 0.5)'), 'rgb(209, 134, 22)');
  assert.equal(opaque('rgb(1, 2, 3)'), 'rgb(1, 2, 3)');
  assert.equal(opaque('orange'), 'orange');
});
