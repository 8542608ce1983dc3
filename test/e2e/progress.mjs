// What `npm start` and the end-to-end harness print while they install and start things: one
// line per phase with its elapsed seconds, the output of installers kept in a log file (shown
// only when they fail), and a heartbeat line while a long step runs, so a quiet console is
// never a hung one.
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { clearInterval, setInterval } from 'node:timers';

const HEARTBEAT_MS = 30_000;
const TAIL_LINES = 40;

export function seconds(since, now = Date.now()) {
  const s = (now - since) / 1000;
  return s < 10 ? s.toFixed(1) : String(Math.round(s));
}

/**
 * Phases numbered `[i/total]`. A phase prints `[i/total] title …` when it begins and completes
 * that line with its result and seconds (` installed, 312 s`); when something was printed in
 * between (a heartbeat), the whole line is printed again with the result.
 */
export function createProgress(total, write = (text) => process.stdout.write(text)) {
  let step = 0;
  let open = null; // the phase line waiting for its result
  const interrupt = () => {
    if (open !== null) write('\n');
    open = null;
  };
  return {
    /** Runs `work(note)`; what it returns (a short word: "present", "installed") ends the line. */
    async phase(title, work) {
      step++;
      const head = `[${step}/${total}] ${title} …`;
      const started = Date.now();
      interrupt();
      write(head);
      open = head;
      const note = (message) => {
        interrupt();
        write(`      ${message}\n`);
      };
      let result;
      try {
        result = await work(note);
      } catch (error) {
        interrupt();
        write(`${head} failed after ${seconds(started)} s\n`);
        throw error;
      }
      const tail = ` ${result ? `${result}, ` : ''}${seconds(started)} s\n`;
      if (open === head) write(tail);
      else write(`${head}${tail}`);
      open = null;
      return result;
    },
    /** A line of its own between phases. */
    say(message) {
      interrupt();
      write(`${message}\n`);
    },
  };
}

/** The last lines of a log file, for an error message. */
export function tailOf(file, lines = TAIL_LINES) {
  if (!existsSync(file)) return '(no log written)';
  const text = readFileSync(file, 'utf8').trimEnd();
  return text.split('\n').slice(-lines).join('\n');
}

/**
 * Runs a program with its output appended to `logFile` (nothing on the console), calling
 * `heartbeat(elapsedSeconds)` every `heartbeatMs` while it runs. Rejects with an error that
 * names the command, its exit code, the log's path and the log's last lines.
 */
export function runLogged(command, args, { logFile, cwd, env, heartbeat, heartbeatMs = HEARTBEAT_MS, stdin = 'ignore' }) {
  mkdirSync(path.dirname(logFile), { recursive: true });
  const fd = openSync(logFile, 'a');
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: [stdin, fd, fd] });
    const timer = heartbeat ? setInterval(() => heartbeat(Math.round((Date.now() - started) / 1000)), heartbeatMs) : undefined;
    const finish = (error) => {
      if (timer) clearInterval(timer);
      closeSync(fd);
      if (error) reject(error);
      else resolve();
    };
    child.on('error', (error) => finish(new Error(`${command} could not be started (${error.message}); log: ${logFile}`)));
    child.on('exit', (code, signal) => {
      if (code === 0) return finish();
      const how = signal ? `stopped by ${signal}` : `exit ${code}`;
      finish(new Error(`${command} ${args.join(' ')} failed (${how}). Full log: ${logFile}\nIts last lines:\n${tailOf(logFile)}`));
    });
  });
}

/** The newest modification time (ms) of a file or of any file under a folder; 0 when absent. */
export function newestMtime(target) {
  if (!existsSync(target)) return 0;
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs; // a deleted file changes its folder
  for (const entry of readdirSync(target)) newest = Math.max(newest, newestMtime(path.join(target, entry)));
  return newest;
}

/**
 * Whether `output` is missing or older than any of `inputs` (files or folders). A checkout, an
 * edit or an `npm install` gives a file a new modification time, so an unchanged tree keeps
 * its output.
 */
export function isStale(output, inputs) {
  if (!existsSync(output)) return true;
  const built = statSync(output).mtimeMs;
  return inputs.some((input) => newestMtime(input) > built);
}
