import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setHotkey, withTags, emptyCatalog, type TagCatalog } from '../../../core/annotations/tagCatalog';
import { FakeUi, type Answer } from '../../vscode/fakeUi';
import { setTagKeyFlow } from './tagKeyFlow';

/** A target whose tags live in a catalog, as the document model keeps them. */
function target(names: string[]) {
  let catalog: TagCatalog = withTags(emptyCatalog(), names);
  return {
    tagList: () => catalog.tags.map((t) => ({ name: t.name, key: t.hotkey ?? null })),
    setTagKey: async (tag: string, key: string | null) => void (catalog = setHotkey(catalog, tag, key)),
    keys: () => Object.fromEntries(catalog.tags.map((t) => [t.name, t.hotkey ?? null])),
  };
}

const run = async (names: string[], answers: Answer[], preselected?: string) => {
  const t = target(names);
  const ui = new FakeUi(answers);
  await setTagKeyFlow(ui, t, preselected);
  return { ui, keys: t.keys() };
};

describe('Set Tag Key', () => {
  it('offers each tag with its key, then the keys with who holds them; a taken key is swapped', async () => {
    const { ui, keys } = await run(['far field', 'music'], [{ pick: 'music' }, { pick: '1' }]);
    assert.deepEqual(ui.asked[0].offered, ['far field', 'music']);
    assert.deepEqual(ui.asked[1].offered, ['1', '2', '3', '4', '5', '6', '7', '8', '9', 'No key']);
    assert.deepEqual(keys, { 'far field': '2', music: '1' });
    assert.match(ui.infos[0], /key 1 now toggles "music"; "far field" has key 2/);
  });

  it('"No key" takes the key away; a tag named by the caller is not asked for', async () => {
    const { ui, keys } = await run(['far field', 'music'], [{ pick: null }], 'far field');
    assert.equal(ui.asked.length, 1);
    assert.deepEqual(keys, { 'far field': null, music: '2' });
    assert.match(ui.infos[0], /"far field" has no key now/);
  });

  it('dismissing either question or choosing the same key changes nothing; no tags yet says how to make one', async () => {
    assert.deepEqual((await run(['a'], [{ pick: undefined }])).keys, { a: '1' });
    assert.deepEqual((await run(['a'], [{ pick: 'a' }, { pick: undefined }])).keys, { a: '1' });
    const same = await run(['a'], [{ pick: 'a' }, { pick: '1' }]);
    assert.deepEqual(same.ui.infos, []);
    const none = await run([], []);
    assert.match(none.ui.infos[0], /no tags yet\. Press t on a row/);
  });
});
