import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { emptyProjectConfig, parseProjectConfig, serializeProjectConfig, withDatasetConfig } from './projectConfig';

describe('.loupe/config.json', () => {
  it('round-trips every dataset setting, the judgements source included', () => {
    let config = withDatasetConfig(emptyProjectConfig(), 'data/labels.csv', { roles: { noise: 'slice' }, delimiter: ';', positiveClass: 'yes', judgements: 'judgements/long.csv' });
    config = withDatasetConfig(config, 'data/labels.csv', { classNotes: { go: 'a command to start' } });
    const { config: back, problem } = parseProjectConfig(serializeProjectConfig(config));
    assert.equal(problem, undefined);
    assert.deepEqual(back.datasets['data/labels.csv'], { roles: { noise: 'slice' }, delimiter: ';', positiveClass: 'yes', judgements: 'judgements/long.csv', classNotes: { go: 'a command to start' } });
  });

  it('drops a setting patched to undefined, and a dataset entry keeps its other settings', () => {
    const config = withDatasetConfig(withDatasetConfig(emptyProjectConfig(), 'a.csv', { judgements: 'a.csv', positiveClass: 'yes' }), 'a.csv', { judgements: undefined });
    assert.deepEqual(config.datasets['a.csv'], { positiveClass: 'yes' });
    assert.ok(!serializeProjectConfig(config).includes('judgements'));
  });

  it('reports a broken file and falls back to an empty config instead of throwing', () => {
    assert.match(parseProjectConfig('{').problem ?? '', /not valid JSON/);
    const wrong = parseProjectConfig(JSON.stringify({ version: 1, datasets: { 'a.csv': { delimiter: 'x' } } }));
    assert.ok(wrong.problem);
    assert.deepEqual(wrong.config, emptyProjectConfig());
    const empty = parseProjectConfig(JSON.stringify({ version: 1, datasets: { 'a.csv': { judgements: '' } } }));
    assert.ok(empty.problem, 'an empty judgements path is refused');
  });
});
