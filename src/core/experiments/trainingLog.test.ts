import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createTrainingLogParser, parseTrainingLog, seriesAxis, smoothSeries, type SeriesMap } from './trainingLog';

const KERAS = 'epoch,accuracy,loss,val_accuracy,val_loss\n0,0.68,0.89,0.77,0.62\n1,0.80,0.55,0.82,0.49\n2,0.85,0.43,0.84,0.44\n';

const LIGHTNING = [
  'epoch,step,train_loss,val_acc,val_loss',
  '0,49,0.9134,,',
  '0,99,0.6621,,',
  '0,99,,0.7725,0.6012',
  '1,149,0.5180,,',
  '1,199,,0.8310,0.4796',
  '',
].join('\n');

const values = (series: SeriesMap, name: string) => series[name]?.map((p) => [p.step, p.value]);

describe('training logs: formats', () => {
  it('reads a Keras CSVLogger file with the epoch as step', () => {
    const { series, problems, format } = parseTrainingLog(KERAS);
    assert.equal(format, 'keras-csv');
    assert.deepEqual(problems, []);
    assert.deepEqual(Object.keys(series), ['accuracy', 'loss', 'val_accuracy', 'val_loss']);
    assert.deepEqual(values(series, 'val_loss'), [
      [0, 0.62],
      [1, 0.49],
      [2, 0.44],
    ]);
  });

  it('reads a Lightning metrics.csv: step column, empty cells skipped', () => {
    const { series, problems, format } = parseTrainingLog(LIGHTNING);
    assert.equal(format, 'lightning-csv');
    assert.deepEqual(problems, []);
    assert.deepEqual(Object.keys(series), ['train_loss', 'val_acc', 'val_loss']);
    assert.deepEqual(values(series, 'train_loss'), [
      [49, 0.9134],
      [99, 0.6621],
      [149, 0.518],
    ]);
    assert.deepEqual(values(series, 'val_acc'), [
      [99, 0.7725],
      [199, 0.831],
    ]);
  });

  it('reads JSON Lines of {step, ...}, nested numbers named with /', () => {
    const text = '{"step": 0, "loss": 2.3, "lr": 1e-4, "_runtime": 3}\n{"step": 100, "loss": 1.2, "val": {"acc": 0.7}, "note": "x"}\n';
    const { series, format } = parseTrainingLog(text);
    assert.equal(format, 'jsonl');
    assert.deepEqual(Object.keys(series), ['loss', 'lr', 'val/acc']);
    assert.deepEqual(values(series, 'loss'), [
      [0, 2.3],
      [100, 1.2],
    ]);
  });

  it('reads a dvclive TSV (timestamp and step are not series)', () => {
    const { series } = parseTrainingLog('timestamp\tstep\tacc\n1718442001532\t0\t0.74\n1718442063118\t1\t0.82\n', { fileName: 'acc.tsv' });
    assert.deepEqual(series, {
      acc: [
        { step: 0, value: 0.74 },
        { step: 1, value: 0.82 },
      ],
    });
  });

  it('uses the row index when there is no step column', () => {
    const { series } = parseTrainingLog('loss,acc\n0.9,0.5\n0.7,0.6\n');
    assert.deepEqual(values(series, 'loss'), [
      [0, 0.9],
      [1, 0.7],
    ]);
  });

  it('skips nan and inf cells without calling the line malformed', () => {
    const { series, problems } = parseTrainingLog('epoch,loss,acc\n0,nan,0.5\n1,inf,0.6\n');
    assert.deepEqual(problems, []);
    assert.equal(series.loss, undefined);
    assert.equal(series.acc.length, 2);
  });

  it('handles CRLF line endings', () => {
    const { series, problems } = parseTrainingLog(KERAS.replaceAll('\n', '\r\n'));
    assert.deepEqual(problems, []);
    assert.equal(series.loss.length, 3);
  });
});

describe('training logs: a file that grows', () => {
  it('holds back an incomplete last line until its newline arrives', () => {
    const parser = createTrainingLogParser();
    let update = parser.push('epoch,loss,val_loss\n0,0.9,0.8\n1,0.7');
    assert.deepEqual(update.points, { loss: [{ step: 0, value: 0.9 }], val_loss: [{ step: 0, value: 0.8 }] });
    // "1,0.7" could still become "1,0.75,0.6": nothing of it is read yet.
    update = parser.push('5,0.6');
    assert.deepEqual(update.points, {});
    update = parser.push('\n2,0.5,');
    assert.deepEqual(update.points, { loss: [{ step: 1, value: 0.75 }], val_loss: [{ step: 1, value: 0.6 }] });
    update = parser.push('0.55\n');
    assert.deepEqual(update.points, { loss: [{ step: 2, value: 0.5 }], val_loss: [{ step: 2, value: 0.55 }] });
    assert.deepEqual(parser.problems, []);
    assert.equal(parser.linesRead, 4);
    assert.equal(parser.series.loss.length, 3);
  });

  it('gives the same result whatever the chunk boundaries', () => {
    const whole = parseTrainingLog(LIGHTNING).series;
    for (let size = 1; size <= 7; size++) {
      const parser = createTrainingLogParser();
      for (let at = 0; at < LIGHTNING.length; at += size) parser.push(LIGHTNING.slice(at, at + size));
      assert.deepEqual(parser.series, whole, `chunk size ${size}`);
    }
  });

  it('reports a malformed interior line with its line number, skips it and reads on', () => {
    const parser = createTrainingLogParser();
    parser.push('epoch,loss,val_loss\n0,0.9,0.8\n1,0.7\n2,abc,0.5\n');
    const update = parser.push('3,"0.4,0.3\n4,0.3,0.2\n');
    assert.deepEqual(
      parser.problems.map((p) => p.line),
      [3, 4, 5],
    );
    assert.match(parser.problems[0].message, /expected 3 fields, found 2; this line was skipped/);
    assert.match(parser.problems[1].message, /column "loss": "abc" is not a number/);
    assert.match(parser.problems[2].message, /never closed/);
    assert.deepEqual(update.points.loss, [{ step: 4, value: 0.3 }]);
    assert.deepEqual(values(parser.series, 'loss'), [
      [0, 0.9],
      [4, 0.3],
    ]);
  });

  it('reports bad JSON lines with their number and keeps reading', () => {
    const parser = createTrainingLogParser({ fileName: 'log.jsonl' });
    parser.push('{"step": 1, "loss": 1}\n\n{"step": 2, "loss": \n[1,2]\n{"step": 3, "loss": 0.5}\n{"step": 4');
    assert.deepEqual(
      parser.problems.map((p) => [p.line, p.message.split(' (')[0].split(';')[0]]),
      [
        [3, 'not valid JSON'],
        [4, 'not a JSON object'],
      ],
    );
    assert.deepEqual(values(parser.series, 'loss'), [
      [1, 1],
      [3, 0.5],
    ]);
    parser.push(', "loss": 0.25}');
    assert.equal(parser.series.loss.length, 2);
    parser.flush();
    assert.deepEqual(parser.series.loss.at(-1), { step: 4, value: 0.25 });
  });

  it('accepts a header written again (a script restarted in append mode)', () => {
    const { series, problems } = parseTrainingLog('epoch,loss\n0,0.9\nepoch,loss\n1,0.8\n');
    assert.deepEqual(problems, []);
    assert.equal(series.loss.length, 2);
  });
});

describe('smoothing', () => {
  const points = [1, 2, 3, 4].map((value, step) => ({ step, value }));

  it('is TensorBoard’s debiased EMA', () => {
    const w = 0.6;
    const out = smoothSeries(points, w);
    // By hand: s1 = 0.4·1 → /0.4 = 1; s2 = 0.6·0.4 + 0.4·2 = 1.04 → /(1−0.36) = 1.625
    assert.equal(out[0].value, 1);
    assert.ok(Math.abs(out[1].value - 1.625) < 1e-12);
    let last = 0;
    out.forEach((p, i) => {
      last = last * w + (1 - w) * points[i].value;
      assert.ok(Math.abs(p.value - last / (1 - w ** (i + 1))) < 1e-12);
      assert.equal(p.step, points[i].step);
    });
  });

  it('weight 0 leaves the series as it is; constant series stay constant', () => {
    assert.deepEqual(smoothSeries(points, 0), points);
    const flat = [5, 5, 5].map((value, step) => ({ step, value }));
    assert.deepEqual(smoothSeries(flat, 0.9), flat);
  });

  it('passes non-finite values through without advancing the average', () => {
    const out = smoothSeries(
      [
        { step: 0, value: 1 },
        { step: 1, value: Number.NaN },
        { step: 2, value: 1 },
        { step: 3, value: 3 },
      ],
      0.5,
    );
    assert.ok(Number.isNaN(out[1].value));
    assert.equal(out[2].value, 1);
  });

  it('rejects weights outside [0, 1)', () => {
    assert.throws(() => smoothSeries(points, 1), RangeError);
    assert.throws(() => smoothSeries(points, -0.1), RangeError);
  });
});

describe('training logs: a file that is not one', () => {
  const LABELS = ['id,text,label,prediction,tags', ...Array.from({ length: 2032 }, (_, i) => `r${i},"a photo, number ${i}",cat,dog,`), ''].join('\n');

  it('says once, naming the file, that a label CSV is not a training log, instead of a warning per row', () => {
    const parser = createTrainingLogParser({ fileName: '/data/project/labels.csv' });
    const update = parser.push(LABELS);
    assert.deepEqual(update.problems, []);
    assert.deepEqual(parser.problems, []);
    assert.deepEqual(parser.series, {});
    assert.match(parser.notATrainingLog ?? '', /^labels\.csv is not a training log: none of its first 2032 rows can be read as numbers \(line 2: column "id": "r0" is not a number\)\./);
    assert.match(parser.notATrainingLog ?? '', /step or epoch column and numeric metrics/);
    parser.push('r9999,"more",cat,cat,\n');
    assert.deepEqual(parser.problems, []);
  });

  it('decides at the end of a short file, and not before', () => {
    const parser = createTrainingLogParser({ fileName: 'tiny.csv' });
    parser.push('id,text\na,hello\n');
    assert.equal(parser.notATrainingLog, undefined);
    parser.flush();
    assert.match(parser.notATrainingLog ?? '', /^tiny\.csv is not a training log: its only row/);
  });

  it('keeps the warnings of bad first rows once a readable row shows the file is a log', () => {
    const parser = createTrainingLogParser();
    parser.push('epoch,loss\n0,abc\n');
    const update = parser.push('1,0.5\n');
    assert.equal(parser.notATrainingLog, undefined);
    assert.deepEqual(
      update.problems.map((p) => p.line),
      [2],
    );
    assert.deepEqual(values(parser.series, 'loss'), [[1, 0.5]]);
  });
});

describe('training logs: axes', () => {
  it('names the x-axis as the log counts: epoch for Keras, step for Lightning and JSON Lines, row when nothing counts', () => {
    const keras = createTrainingLogParser();
    keras.push(KERAS);
    assert.equal(keras.stepName, 'epoch');
    const lightning = createTrainingLogParser();
    lightning.push(LIGHTNING);
    assert.equal(lightning.stepName, 'step');
    const jsonl = createTrainingLogParser({ fileName: 'log.jsonl' });
    jsonl.push('{"epoch": 1, "loss": 0.5}\n');
    assert.equal(jsonl.stepName, 'epoch');
    const plain = createTrainingLogParser();
    plain.push('loss,acc\n0.9,0.5\n');
    assert.equal(plain.stepName, 'row');
  });

  it('puts accuracy-like series (all in [0, 1]) on the 0–1 axis, losses and rates on the other', () => {
    const points = (...values: number[]) => values.map((value, step) => ({ step, value }));
    assert.equal(seriesAxis('accuracy', points(0.5, 0.9)), 'share');
    assert.equal(seriesAxis('val_f1', points(0.1, 1)), 'share');
    assert.equal(seriesAxis('loss', points(0.9, 0.4)), 'value', 'a loss below 1 is still a loss');
    assert.equal(seriesAxis('val_loss', points(2.3, 0.4)), 'value');
    assert.equal(seriesAxis('lr', points(0.001, 0.0005)), 'value');
    assert.equal(seriesAxis('learning_rate', points(0.1)), 'value');
    assert.equal(seriesAxis('accuracy', points(50, 90)), 'value', 'a percentage is not a share');
    assert.equal(seriesAxis('accuracy', []), 'value');
  });
});
