import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { datasetConfigOf, emptyProjectConfig, parseProjectConfig, serializeProjectConfig, withDatasetConfig } from './projectConfig';

/** Keyed maps have no prototype; compare their content. */
const plain = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

describe('.loupe/config.json', () => {
  it('round-trips every dataset setting, the judgements source included', () => {
    let config = withDatasetConfig(emptyProjectConfig(), 'data/labels.csv', { roles: { noise: 'slice' }, delimiter: ';', positiveClass: 'yes', judgements: 'judgements/long.csv' });
    config = withDatasetConfig(config, 'data/labels.csv', { classNotes: { go: 'a command to start' } });
    const { config: back, problem } = parseProjectConfig(serializeProjectConfig(config));
    assert.equal(problem, undefined);
    assert.deepEqual(plain(back.datasets['data/labels.csv']), { roles: { noise: 'slice' }, delimiter: ';', positiveClass: 'yes', judgements: 'judgements/long.csv', classNotes: { go: 'a command to start' } });
  });

  it('drops a setting patched to undefined, and a dataset entry keeps its other settings', () => {
    const config = withDatasetConfig(withDatasetConfig(emptyProjectConfig(), 'a.csv', { judgements: 'a.csv', positiveClass: 'yes' }), 'a.csv', { judgements: undefined });
    assert.deepEqual(plain(config.datasets['a.csv']), { positiveClass: 'yes' });
    assert.ok(!serializeProjectConfig(config).includes('judgements'));
  });

  it('reports a broken file and falls back to an empty config instead of throwing', () => {
    assert.match(parseProjectConfig('{').problem ?? '', /not valid JSON/);
    const wrong = parseProjectConfig(JSON.stringify({ version: 1, datasets: { 'a.csv': { delimiter: 'x' } } }));
    assert.ok(wrong.problem);
    assert.deepEqual(plain(wrong.config), plain(emptyProjectConfig()));
    const empty = parseProjectConfig(JSON.stringify({ version: 1, datasets: { 'a.csv': { judgements: '' } } }));
    assert.ok(empty.problem, 'an empty judgements path is refused');
  });

  it('keeps roles, class notes and datasets named __proto__, constructor or toString as data', () => {
    const before = Object.getOwnPropertyNames(Object.prototype);
    const text = '{"version":1,"datasets":{"a.csv":{"roles":{"__proto__":"label","constructor":"slice"},"classNotes":{"__proto__":"a note","toString":"b"}},"__proto__":{"positiveClass":"yes"}}}';
    const { config, problem } = parseProjectConfig(text);
    assert.equal(problem, undefined);
    const roles = config.datasets['a.csv'].roles!;
    assert.deepEqual(Object.keys(roles), ['__proto__', 'constructor']);
    assert.equal(roles['__proto__'], 'label');
    assert.equal(Object.getPrototypeOf(roles), null);
    assert.equal(config.datasets['a.csv'].classNotes!['__proto__'], 'a note');
    assert.equal(datasetConfigOf(config, '__proto__').positiveClass, 'yes');
    assert.deepEqual(datasetConfigOf(config, 'constructor'), {}, 'a dataset named constructor has no settings, not Object');
    assert.equal(serializeProjectConfig(config), serializeProjectConfig(parseProjectConfig(serializeProjectConfig(config)).config), 'round trip keeps every key');
    assert.deepEqual(Object.getOwnPropertyNames(Object.prototype), before);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  it('a changed setting keeps hostile keys and never writes through a prototype', () => {
    const roles = JSON.parse('{"__proto__":"id","toString":"label"}') as Record<string, 'id'>;
    const config = withDatasetConfig(emptyProjectConfig(), 'constructor', { roles });
    assert.equal(Object.getPrototypeOf(config.datasets), null);
    assert.deepEqual(plain(datasetConfigOf(config, 'constructor').roles), JSON.parse('{"__proto__":"id","toString":"label"}'));
    assert.match(serializeProjectConfig(config), /"__proto__": "id"/);
  });

  it('reports a role that is not a role at its key, __proto__ included', () => {
    const { problem } = parseProjectConfig('{"version":1,"datasets":{"a.csv":{"roles":{"__proto__":"function Object()"}}}}');
    assert.match(problem ?? '', /roles\.__proto__/);
  });
});
