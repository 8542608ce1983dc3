import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { describeScoreReading, defaultThreshold, detectScoreScale, readScores } from './scoreReading';

const YES = 1;
const NO = 0;

describe('score scale (DOMAIN §1)', () => {
  it('probability when every score is in [0, 1]; empty cells (NaN) do not count', () => {
    assert.equal(detectScoreScale(Float64Array.of(0, 0.3, 1, NaN)), 'probability');
  });

  it('percent when every score is in [0, 100] and some are above 1', () => {
    assert.equal(detectScoreScale(Float64Array.of(1, 50, 99)), 'percent');
    assert.equal(detectScoreScale(Float64Array.of(0, 0.5, 100)), 'percent');
  });

  it('logit or margin when a score is below 0 or above 100', () => {
    assert.equal(detectScoreScale(Float64Array.of(0.2, -0.1)), 'logit');
    assert.equal(detectScoreScale(Float64Array.of(3, 101)), 'logit');
    assert.equal(defaultThreshold('logit'), 0);
    assert.equal(defaultThreshold('percent'), 0.5);
  });
});

describe('reading a binary score', () => {
  it('integer percents that go with the predictions are P(positive) / 100, not the confidence of each prediction', () => {
    const scores = Float64Array.of(90, 80, 60, 30, 20, 10);
    const prediction = Int32Array.of(YES, YES, YES, NO, NO, NO);
    const { reading, values } = readScores(scores, prediction, YES);
    assert.deepEqual(reading, { scale: 'percent', meaning: 'positive' });
    assert.deepEqual([...values], [0.9, 0.8, 0.6, 0.3, 0.2, 0.1]);
  });

  it('percents of the predicted class (all 50 and above, mixed predictions) are the confidence of each prediction', () => {
    const scores = Float64Array.of(90, 80, 60, 70, 80, 95);
    const prediction = Int32Array.of(YES, YES, YES, NO, NO, NO);
    const { reading, values } = readScores(scores, prediction, YES);
    assert.deepEqual(reading, { scale: 'percent', meaning: 'prediction' });
    assert.deepEqual([...values].map((v) => Math.round(v * 100) / 100), [0.9, 0.8, 0.6, 0.3, 0.2, 0.05]);
  });

  it('a logit of the other class is negated, never turned into 1 − score', () => {
    const scores = Float64Array.of(-2.5, -0.3, 0.4, 1.7, NaN);
    const prediction = Int32Array.of(YES, YES, NO, NO, NO);
    const { reading, values } = readScores(scores, prediction, YES);
    assert.deepEqual(reading, { scale: 'logit', meaning: 'negated' });
    assert.deepEqual([...values].slice(0, 4), [2.5, 0.3, -0.4, -1.7]);
    assert.ok(Number.isNaN(values[4]));
  });

  it('a logit that goes with the predictions is kept as it is', () => {
    const scores = Float64Array.of(-2.5, -0.3, 0.4, 1.7);
    const prediction = Int32Array.of(NO, NO, YES, YES);
    const { reading, values } = readScores(scores, prediction, YES);
    assert.deepEqual(reading, { scale: 'logit', meaning: 'positive' });
    assert.equal(values, scores);
  });

  it('a logit is never complemented: every read value is ±score (property)', () => {
    const score = fc.double({ min: -50, max: 50, noNaN: true });
    fc.assert(
      fc.property(fc.array(fc.tuple(score, fc.integer({ min: -1, max: 1 })), { minLength: 1, maxLength: 40 }), (rows) => {
        const scores = Float64Array.from(rows, ([s]) => s);
        scores[0] = -51; // one score outside [0, 100]: the column is a logit
        const prediction = Int32Array.from(rows, ([, p]) => p);
        const { reading, values } = readScores(scores, prediction, YES);
        assert.equal(reading.scale, 'logit');
        const sign = reading.meaning === 'negated' ? -1 : 1;
        values.forEach((v, i) => assert.equal(v, sign * scores[i]));
      }),
    );
  });

  it('says how the score was read', () => {
    assert.equal(describeScoreReading({ scale: 'percent', meaning: 'positive' }, 'conf', 'yes'), 'conf read as a percent: P(yes) = conf / 100');
    assert.match(describeScoreReading({ scale: 'logit', meaning: 'negated' }, 'margin', 'yes'), /negated: score for yes = −margin/);
    assert.match(describeScoreReading({ scale: 'probability', meaning: 'prediction' }, 'p', 'yes'), /confidence of each prediction/);
    assert.equal(describeScoreReading({ scale: 'probability', meaning: 'negative' }, 'p', 'yes'), 'p read as a probability of the other class: P(yes) = 1 − p');
  });
});
