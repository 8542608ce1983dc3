import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { TrainingLogTail } from './logTail';

describe('following a training log', () => {
  let dir: string;
  before(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'loupe-tail-'));
  });
  after(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('reads only what was appended, holding back a half-written line', async () => {
    const file = path.join(dir, 'training.log');
    await fs.writeFile(file, 'epoch,loss\n0,0.9\n1,0.');
    const tail = new TrainingLogTail(file);
    let update = await tail.poll();
    assert.deepEqual(update.points, { loss: [{ step: 0, value: 0.9 }] });
    await fs.appendFile(file, '7\n2,0.5\n');
    update = await tail.poll();
    assert.equal(update.reset, false);
    assert.deepEqual(update.points, {
      loss: [
        { step: 1, value: 0.7 },
        { step: 2, value: 0.5 },
      ],
    });
    assert.deepEqual(await tail.poll(), { points: {}, problems: [], reset: false });
    assert.equal(tail.current.series.loss.length, 3);
  });

  it('keeps a multi-byte character split between two reads', async () => {
    const file = path.join(dir, 'utf8.jsonl');
    const line = Buffer.from('{"step": 1, "loss": 0.5, "note": "é"}\n');
    const cut = line.indexOf(0xc3) + 1;
    await fs.writeFile(file, line.subarray(0, cut));
    const tail = new TrainingLogTail(file);
    await tail.poll();
    await fs.appendFile(file, line.subarray(cut));
    const update = await tail.poll();
    assert.deepEqual(update.problems, []);
    assert.deepEqual(update.points, { loss: [{ step: 1, value: 0.5 }] });
  });

  it('starts over when the file is rewritten (Lightning adds a column)', async () => {
    const file = path.join(dir, 'metrics.csv');
    await fs.writeFile(file, 'epoch,step,train_loss\n0,49,0.9\n');
    const tail = new TrainingLogTail(file);
    await tail.poll();
    await fs.writeFile(file, 'epoch,step,train_loss,val_loss\n0,49,0.9,\n0,49,,0.8\n1,99,0.7,\n');
    const update = await tail.poll();
    assert.equal(update.reset, true);
    assert.deepEqual(tail.current.series, {
      train_loss: [
        { step: 49, value: 0.9 },
        { step: 99, value: 0.7 },
      ],
      val_loss: [{ step: 49, value: 0.8 }],
    });
  });

  it('starts over when the file shrank', async () => {
    const file = path.join(dir, 'shrink.csv');
    await fs.writeFile(file, 'epoch,loss\n0,0.9\n1,0.8\n');
    const tail = new TrainingLogTail(file);
    await tail.poll();
    await fs.writeFile(file, 'epoch,loss\n0,0.5\n');
    const update = await tail.poll();
    assert.equal(update.reset, true);
    assert.deepEqual(tail.current.series, { loss: [{ step: 0, value: 0.5 }] });
  });
});
