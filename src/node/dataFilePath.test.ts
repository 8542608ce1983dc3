import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { findDataFile } from './dataFilePath';

const posix = process.platform !== 'win32';

describe('finding the file a media cell names', () => {
  let base: string;
  let root: string;
  let labelFile: string;
  before(async () => {
    base = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), 'loupe-media-')));
    root = path.join(base, 'ws');
    await fs.mkdir(path.join(root, 'data', 'clips'), { recursive: true });
    await fs.mkdir(path.join(root, 'images'), { recursive: true });
    labelFile = path.join(root, 'data', 'labels.csv');
    await fs.writeFile(labelFile, 'id,audio\n');
    await fs.writeFile(path.join(root, 'data', 'clips', 'yes.wav'), 'RIFF');
    await fs.writeFile(path.join(root, 'images', 'cat.png'), 'PNG');
    await fs.writeFile(path.join(base, 'secret.wav'), 'RIFF');
    await fs.mkdir(path.join(root, 'data', 'folder.wav'));
    if (posix) {
      await fs.symlink(path.join(base, 'secret.wav'), path.join(root, 'data', 'escape.wav'));
      await fs.symlink(path.join(root, 'images'), path.join(root, 'data', 'pictures'));
    }
  });

  it('finds a path next to the label file first, then at the workspace folder', async () => {
    assert.deepEqual(await findDataFile(root, labelFile, 'clips/yes.wav'), { found: true, path: path.join(root, 'data', 'clips', 'yes.wav') });
    assert.deepEqual(await findDataFile(root, labelFile, 'images/cat.png'), { found: true, path: path.join(root, 'images', 'cat.png') });
    assert.deepEqual(await findDataFile(root, labelFile, path.join(root, 'images', 'cat.png')), { found: true, path: path.join(root, 'images', 'cat.png') });
  });

  it('follows a link that stays inside the workspace', { skip: !posix }, async () => {
    assert.deepEqual(await findDataFile(root, labelFile, 'pictures/cat.png'), { found: true, path: path.join(root, 'images', 'cat.png') });
  });

  it('gives the path below the workspace folder as named, even when that folder is reached through a link', { skip: !posix }, async () => {
    const alias = path.join(base, 'alias-ws');
    await fs.symlink(root, alias);
    const found = await findDataFile(alias, path.join(alias, 'data', 'labels.csv'), 'clips/yes.wav');
    assert.deepEqual(found, { found: true, path: path.join(alias, 'data', 'clips', 'yes.wav') });
  });

  it('says a file that is not there is missing, naming the path and the label file', async () => {
    assert.deepEqual(await findDataFile(root, labelFile, 'clips/no.wav'), { found: false, state: 'missing', message: 'clips/no.wav was not found next to labels.csv or in the workspace folder' });
    const folder = await findDataFile(root, labelFile, 'folder.wav');
    assert.equal(folder.found, false);
    assert.equal(!folder.found && folder.state, 'missing');
    assert.match(!folder.found ? folder.message : '', /folder\.wav is not a regular file/);
  });

  it('refuses paths that leave the workspace, by dots, absolute or through a link, without reading them', async () => {
    for (const written of ['../../secret.wav', path.join(base, 'secret.wav'), ...(posix ? ['escape.wav'] : [])]) {
      const found = await findDataFile(root, labelFile, written);
      assert.equal(found.found, false, written);
      assert.equal(!found.found && found.state, 'outside', written);
      assert.match(!found.found ? found.message : '', /outside the workspace folder .*Loupe only opens files inside it/, written);
    }
  });

  it('refuses network shares and devices as outside the workspace', async () => {
    const found = await findDataFile(root, labelFile, '\\\\host\\share\\clip.wav');
    // On POSIX a backslash is an ordinary character: the name is just not there.
    assert.equal(!found.found && found.state, posix ? 'missing' : 'outside');
  });
});
