import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { RowTags } from '../core/dataset/rowTags';
import { writeTaggedCopy } from './exportTaggedCopy';
import { loadDatasetFile } from './loadDataset';

describe('export for spreadsheets', () => {
  it('adds a true/false column per tag and the note, and neutralizes formulas', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'loupe-export-'));
    const source = path.join(dir, 'in.csv');
    writeFileSync(source, 'id,text,label,prediction,tags\nu1,=HYPERLINK("x"),a,b,car noise\nu2,"-2+3",a,a,\nu3,@cmd,b,b,blurry;car noise\n');
    const { dataset } = await loadDatasetFile(source);
    const tags = new RowTags(dataset);
    tags.applyOverrides(new Map([[1, ['+reverb']]]));
    const target = path.join(dir, 'out.csv');
    const rows = await writeTaggedCopy(source, dataset, tags, new Map([['u3', '=1+1 check']]), target);
    assert.equal(rows, 3);
    assert.equal(
      readFileSync(target, 'utf8'),
      [
        'id,text,label,prediction,tags,tag: car noise,tag: blurry,tag: +reverb,note',
        `u1,"'=HYPERLINK(""x"")",a,b,car noise,true,false,false,`,
        `u2,'-2+3,a,a,,false,false,true,`,
        `u3,'@cmd,b,b,blurry;car noise,true,true,false,'=1+1 check`,
        '',
      ].join('\r\n'),
    );
  });
});
