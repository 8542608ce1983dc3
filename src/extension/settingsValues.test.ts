import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parseSettings, positiveByRule, SETTING_KEYS } from './settingsValues';

const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
  contributes: { configuration: { properties: Record<string, { default: unknown; description?: string; markdownDescription?: string }> } };
};
const properties = manifest.contributes.configuration.properties;

describe('settings', () => {
  it("reads every setting package.json declares, and each declared default is today's behaviour", () => {
    const defaults = parseSettings(() => undefined);
    assert.deepEqual(defaults, { auditMargin: 0.02, searchColumns: [], hiddenColumns: [], bootstrapResamples: 1000, positiveClass: 'minority' });
    for (const [name, key] of Object.entries(SETTING_KEYS)) {
      const declared = properties[`loupe.${key}`];
      assert.ok(declared, `loupe.${key} in package.json`);
      assert.deepEqual(declared.default, defaults[name as keyof typeof defaults], `loupe.${key}'s default`);
      assert.ok((declared.description ?? declared.markdownDescription ?? '').length > 20, `loupe.${key} has a description`);
    }
    assert.deepEqual(Object.keys(properties).sort(), Object.values(SETTING_KEYS).map((k) => `loupe.${k}`).sort(), 'no setting declared and never read');
  });

  it('reads what the user set, and falls back to the default on a bad value', () => {
    const user: Record<string, unknown> = { 'audit.margin': 0.05, 'table.searchColumns': ['transcript'], 'table.hiddenColumns': ['path', 'speaker'], 'agreement.bootstrapResamples': 200, 'metrics.positiveClass': 'ask' };
    assert.deepEqual(parseSettings((k) => user[k]), { auditMargin: 0.05, searchColumns: ['transcript'], hiddenColumns: ['path', 'speaker'], bootstrapResamples: 200, positiveClass: 'ask' });
    const bad: Record<string, unknown> = { 'audit.margin': 3, 'table.searchColumns': 'transcript', 'table.hiddenColumns': [1], 'agreement.bootstrapResamples': -5, 'metrics.positiveClass': 'majority' };
    assert.deepEqual(parseSettings((k) => bad[k]), { auditMargin: 0.02, searchColumns: [], hiddenColumns: [], bootstrapResamples: 1000, positiveClass: 'minority' });
  });
});

describe('the positive-class rule', () => {
  const never = () => Promise.reject(new Error('asked'));
  it('minority: leaves the choice to the metrics (the minority class)', async () => {
    assert.equal(await positiveByRule('minority', ['yes', 'no'], never), undefined);
  });
  it('firstSorted: the first class in sorted order', async () => {
    assert.equal(await positiveByRule('firstSorted', ['yes', 'no'], never), 'no');
    assert.equal(await positiveByRule('firstSorted', ['1', '0'], never), '0');
  });
  it('ask: asks with the classes sorted; dismissed means the default', async () => {
    const asked: string[][] = [];
    assert.equal(await positiveByRule('ask', ['yes', 'no'], async (c) => (asked.push(c), 'yes')), 'yes');
    assert.deepEqual(asked, [['no', 'yes']]);
    assert.equal(await positiveByRule('ask', ['yes', 'no'], async () => undefined), undefined);
  });
  it('asks nothing when the file is not binary', async () => {
    assert.equal(await positiveByRule('ask', ['a', 'b', 'c'], never), undefined);
  });
});
