// What `npm start` and the end-to-end harness print while installing: one line per phase with
// its seconds, installers' output in a log (its tail shown only on failure), a heartbeat while a
// step runs, and the .vsix reused only while no source is newer.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';

interface Progress {
  phase(title: string, work: (note: (message: string) => void) => Promise<string | undefined>): Promise<string | undefined>;
  say(message: string): void;
}
interface ProgressModule {
  createProgress(total: number, write: (text: string) => void): Progress;
  runLogged(command: string, args: string[], options: { logFile: string; heartbeat?: (s: number) => void; heartbeatMs?: number }): Promise<void>;
  isStale(output: string, inputs: string[]): boolean;
}

interface SetupModule {
  firstStartNotice(plan: { debian: string[]; node24: string | undefined; codeServer: boolean }, folder: string): string | undefined;
}

const setupPath = pathToFileURL(path.join(__dirname, '..', 'e2e', 'setup.mjs')).href;
const modulePath = pathToFileURL(path.join(__dirname, '..', 'e2e', 'progress.mjs')).href;
const load = async (): Promise<ProgressModule> => (await import(modulePath)) as ProgressModule;
const scratch = mkdtempSync(path.join(os.tmpdir(), 'loupe-progress-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

function recorder(): { write: (text: string) => void; text: () => string } {
  let out = '';
  return { write: (text) => void (out += text), text: () => out };
}

describe('start progress', () => {
  it('prints one line per phase, numbered, with its result and seconds', async () => {
    const { createProgress } = await load();
    const out = recorder();
    const progress = createProgress(2, out.write);
    await progress.phase('Node 24', async () => 'present');
    await progress.phase('code-server', async () => 'installed');
    assert.match(out.text(), /^\[1\/2\] Node 24 … present, \d+\.\d s\n\[2\/2\] code-server … installed, \d+\.\d s\n$/);
  });

  it('repeats the phase line with its result when a heartbeat was printed in between', async () => {
    const { createProgress } = await load();
    const out = recorder();
    await createProgress(1, out.write).phase('installing code-server', async (note) => {
      note('still installing: 30 s so far');
      return 'installed';
    });
    const lines = out.text().split('\n');
    assert.deepEqual(lines.slice(0, 2), ['[1/1] installing code-server …', '      still installing: 30 s so far']);
    assert.match(lines[2], /^\[1\/1\] installing code-server … installed, \d+\.\d s$/);
  });

  it('says which phase failed and passes the error on', async () => {
    const { createProgress } = await load();
    const out = recorder();
    await assert.rejects(
      createProgress(3, out.write).phase('packaging', async () => {
        throw new Error('boom');
      }),
      /boom/,
    );
    assert.match(out.text(), /^\[1\/3\] packaging …\n\[1\/3\] packaging … failed after \d+\.\d s\n$/);
  });

  it('keeps a program quiet: its output goes to the log file only', async () => {
    const { runLogged } = await load();
    const logFile = path.join(scratch, 'quiet', 'install.log');
    await runLogged(process.execPath, ['-e', 'console.log("Selecting previously unselected package"); console.error("warning")'], { logFile });
    assert.equal(readFileSync(logFile, 'utf8'), 'Selecting previously unselected package\nwarning\n');
  });

  it('on failure names the command, the exit code, the log and its last lines', async () => {
    const { runLogged } = await load();
    const logFile = path.join(scratch, 'failing.log');
    const script = 'for (let i = 1; i <= 100; i++) console.log("line " + i); process.exit(3)';
    const error = await runLogged(process.execPath, ['-e', script], { logFile }).then(
      () => assert.fail('should fail'),
      (e: Error) => e,
    );
    assert.match(error.message, /failed \(exit 3\)/);
    assert.ok(error.message.includes(`Full log: ${logFile}`));
    assert.ok(error.message.includes('line 100') && error.message.includes('line 61'));
    assert.ok(!error.message.includes('line 60\n'), 'only the tail of the log');
  });

  it('beats while a long step runs', async () => {
    const { runLogged } = await load();
    const beats: number[] = [];
    // The child waits until the parent has heard three heartbeats (they are written to a file it polls).
    const beatsFile = path.join(scratch, 'beats');
    writeFileSync(beatsFile, '');
    const script = `const fs = require('fs'); const t = setInterval(() => { if (fs.readFileSync(${JSON.stringify(beatsFile)}, 'utf8').length >= 3) { clearInterval(t); } }, 5);`;
    await runLogged(process.execPath, ['-e', script], {
      logFile: path.join(scratch, 'beat.log'),
      heartbeatMs: 10,
      heartbeat: (s) => {
        beats.push(s);
        writeFileSync(beatsFile, 'x'.repeat(beats.length));
      },
    });
    assert.ok(beats.length >= 3, `heard ${beats.length} heartbeats`);
    assert.ok(beats.every((s) => Number.isInteger(s) && s >= 0));
  });

  it('reuses an output only while no input is newer', async () => {
    const { isStale } = await load();
    const src = path.join(scratch, 'pkg', 'src');
    mkdirSync(path.join(src, 'deep'), { recursive: true });
    const input = path.join(src, 'deep', 'a.ts');
    const output = path.join(scratch, 'pkg', 'loupe.vsix');
    writeFileSync(input, 'x');
    assert.equal(isStale(output, [src]), true, 'no output yet');
    const past = new Date(Date.now() - 60_000);
    utimesSync(input, past, past);
    utimesSync(path.join(src, 'deep'), past, past);
    utimesSync(src, past, past);
    writeFileSync(output, 'vsix');
    const packaged = new Date(past.getTime() + 1000);
    utimesSync(output, packaged, packaged);
    assert.equal(isStale(output, [src, path.join(scratch, 'pkg', 'absent.json')]), false, 'nothing changed since');
    writeFileSync(input, 'y');
    assert.equal(isStale(output, [src]), true, 'an edited source');
  });

  it('says what a first start installs and how long it takes, and says nothing when all is there', async () => {
    const { firstStartNotice } = (await import(setupPath)) as SetupModule;
    assert.equal(firstStartNotice({ debian: [], node24: 'v24.22.3', codeServer: true }, '.vscode-test'), undefined);
    const all = firstStartNotice({ debian: ['chromium', 'libkrb5-dev'], node24: undefined, codeServer: false }, '.vscode-test') ?? '';
    assert.match(all, /^First start: installing the Debian packages chromium libkrb5-dev \(with apt-get/);
    assert.match(all, /code-server 4\.\d+\.\d+, VS Code in the browser \(.*2–3 minutes on 2 cores/);
    assert.match(all, /Node 24 and code-server go into \.vscode-test\. Later starts reuse them and take seconds\.$/);
    assert.doesNotMatch(all, /about two minutes/);
    const debianOnly = firstStartNotice({ debian: ['chromium'], node24: 'v24.22.3', codeServer: true }, '.vscode-test') ?? '';
    assert.doesNotMatch(debianOnly, /code-server 4|go into/);
  });
});
