import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { containPath, isInside, isNetworkOrDevicePath } from './containment';

describe('a written path stays inside the workspace (Windows rules)', () => {
  const w = path.win32;
  const root = 'C:\\work\\ws';

  it('accepts relative and absolute paths below the root, in any case and slash style', () => {
    assert.deepEqual(containPath(root, 'clips\\a.wav', w), { inside: true, path: 'C:\\work\\ws\\clips\\a.wav' });
    assert.deepEqual(containPath(root, 'clips/a.wav', w), { inside: true, path: 'C:\\work\\ws\\clips\\a.wav' });
    assert.deepEqual(containPath(root, 'c:\\WORK\\ws\\b.png', w), { inside: true, path: 'c:\\WORK\\ws\\b.png' });
    assert.deepEqual(containPath(root, '..foo\\x.png', w), { inside: true, path: 'C:\\work\\ws\\..foo\\x.png' });
    assert.deepEqual(containPath(root, 'x.wav', w, 'C:\\work\\ws\\data'), { inside: true, path: 'C:\\work\\ws\\data\\x.wav' });
  });

  it('refuses network shares and device paths before anything is resolved', () => {
    for (const written of ['\\\\host\\share\\x.wav', '//host/share/x.wav', '\\\\?\\C:\\work\\ws\\a.wav', '\\\\.\\PhysicalDrive0', '\\\\?\\UNC\\host\\share\\x', '/\\host\\share']) {
      assert.deepEqual(containPath(root, written, w), { inside: false, problem: 'network-or-device' }, written);
    }
  });

  it('refuses DOS device names in any folder, with an extension or trailing dots', () => {
    for (const written of ['CON', 'clips\\nul.txt', 'aux.wav', 'COM1', 'lpt3.png', 'con.', 'conin$']) {
      assert.deepEqual(containPath(root, written, w), { inside: false, problem: 'network-or-device' }, written);
    }
    assert.equal(isNetworkOrDevicePath('console.log', w), false);
    assert.equal(isNetworkOrDevicePath('com10.wav', w), false);
  });

  it('refuses other drives, drive-relative paths and climbs out of the root', () => {
    for (const written of ['D:\\x.png', 'D:x.png', '..\\other\\x.wav', 'clips\\..\\..\\x', 'C:\\work\\wsx\\a.wav', 'C:\\work', '\\x.wav']) {
      assert.deepEqual(containPath(root, written, w), { inside: false, problem: 'outside' }, written);
    }
  });

  it('refuses empty paths and NUL bytes', () => {
    assert.deepEqual(containPath(root, '', w), { inside: false, problem: 'outside' });
    assert.deepEqual(containPath(root, 'a.wav\0.png', w), { inside: false, problem: 'outside' });
  });

  it('a workspace on a share keeps relative paths below it', () => {
    const share = '\\\\host\\share\\ws';
    assert.deepEqual(containPath(share, 'a.wav', w), { inside: true, path: '\\\\host\\share\\ws\\a.wav' });
    assert.deepEqual(containPath(share, '\\\\other\\share\\ws\\a.wav', w), { inside: false, problem: 'network-or-device' });
  });

  it('isInside treats an absolute path.relative result (another drive) as outside', () => {
    assert.equal(w.relative('C:\\ws', 'D:\\ws\\a'), 'D:\\ws\\a');
    assert.equal(isInside('C:\\ws', 'D:\\ws\\a', w), false);
    assert.equal(isInside('C:\\ws', 'C:\\ws', w), true);
  });
});

describe('a written path stays inside the workspace (POSIX rules)', () => {
  const p = path.posix;
  const root = '/home/u/ws';

  it('accepts paths below the root', () => {
    assert.deepEqual(containPath(root, 'clips/a.wav', p), { inside: true, path: '/home/u/ws/clips/a.wav' });
    assert.deepEqual(containPath(root, '/home/u/ws/b.png', p), { inside: true, path: '/home/u/ws/b.png' });
    assert.deepEqual(containPath(root, '..foo/x', p), { inside: true, path: '/home/u/ws/..foo/x' });
    assert.deepEqual(containPath(root, 'c:\\x.png', p), { inside: true, path: '/home/u/ws/c:\\x.png' });
  });

  it('refuses absolute paths elsewhere, climbs, siblings with the same prefix and case changes', () => {
    for (const written of ['/etc/passwd', '/dev/zero', '../x', 'a/../../x', '/home/u/wsx/a', '//etc/passwd', '/HOME/u/ws/a']) {
      assert.deepEqual(containPath(root, written, p), { inside: false, problem: 'outside' }, written);
    }
  });

  it('Windows-only names are ordinary file names here', () => {
    assert.equal(isNetworkOrDevicePath('\\\\host\\share', p), false);
    assert.equal(isNetworkOrDevicePath('con', p), false);
  });
});
