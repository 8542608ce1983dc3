import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatDelta, formatMetricValue, relativeTime } from './format';

describe('experiment formatting', () => {
  const now = new Date('2024-06-14T12:00:00.000Z');
  const ago = (seconds: number) => new Date(now.getTime() - seconds * 1000).toISOString();

  it('says how long ago, in the largest whole unit', () => {
    assert.equal(relativeTime(ago(3), now), 'just now');
    assert.equal(relativeTime(ago(45), now), '45 s ago');
    assert.equal(relativeTime(ago(5 * 60 + 59), now), '5 min ago');
    assert.equal(relativeTime(ago(3 * 3600), now), '3 h ago');
    assert.equal(relativeTime(ago(2 * 86400), now), '2 d ago');
    assert.equal(relativeTime(ago(65 * 86400), now), '2 mo ago');
    assert.equal(relativeTime(ago(800 * 86400), now), '2 y ago');
    assert.equal(relativeTime(ago(-7200), now), 'in 2 h');
    assert.equal(relativeTime('not a time', now), 'not a time');
  });

  it('prints metrics without float noise', () => {
    assert.equal(formatMetricValue(0.87346), '0.8735');
    assert.equal(formatMetricValue(0.1 + 0.2), '0.3');
    assert.equal(formatMetricValue(1234.56), '1234.6');
    assert.equal(formatMetricValue(2.5), '2.5');
    assert.equal(formatMetricValue(3), '3');
    assert.equal(formatMetricValue(Number.NaN), 'NaN');
  });

  it('prints deltas with a sign, tiny ones in exponent form', () => {
    assert.equal(formatDelta(0.0125), '+0.0125');
    assert.equal(formatDelta(-0.3), '−0.3');
    assert.equal(formatDelta(0), '0');
    assert.equal(formatDelta(0.00001), '+1.0e-5');
  });
});
