import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { crc32, fields, readWandbLog } from './wandbLog';

describe('W&B binary run log', () => {
  it('CRC-32 as zlib computes it, also continued from a seed', () => {
    assert.equal(crc32(new TextEncoder().encode('123456789')), 0xcbf43926);
    const whole = crc32(new TextEncoder().encode('ab'));
    assert.equal(crc32(new TextEncoder().encode('b'), crc32(new TextEncoder().encode('a'))), whole);
  });

  it('decodes protobuf fields: varints, length-delimited, and stops at a truncated one', () => {
    // field 1 varint 150; field 2 "hi"; field 16 "x" (two-byte key)
    const bytes = Uint8Array.of(0x08, 0x96, 0x01, 0x12, 0x02, 0x68, 0x69, 0x82, 0x01, 0x01, 0x78);
    const f = fields(bytes);
    assert.deepEqual(f.map((x) => [x.field, x.wire]), [[1, 0], [2, 2], [16, 2]]);
    assert.equal(f[0].value, 150n);
    assert.equal(new TextDecoder().decode(f[2].bytes), 'x');
    assert.equal(fields(Uint8Array.of(0x12, 0x05, 0x68)).length, 0);
  });

  it('refuses bytes that are not a run log', () => {
    assert.throws(() => readWandbLog(new TextEncoder().encode('id,label\n')), /not a W&B run log/);
  });
});
