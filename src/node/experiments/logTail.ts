import { promises as fs } from 'node:fs';
import { createTrainingLogParser, type TrainingLogOptions, type TrainingLogParser, type TrainingLogUpdate } from '../../core/experiments/trainingLog';

const HEAD_BYTES = 256;

export interface TailUpdate extends TrainingLogUpdate {
  /** The file was truncated or rewritten (Lightning rewrites metrics.csv when a new metric appears): start the chart over. */
  reset: boolean;
}

/**
 * Follows a training log as a script appends to it: each `poll()` reads only the bytes added
 * since the last one and feeds them to the incremental parser. A file that shrank or whose
 * first bytes changed was rewritten, so it is read again from the start.
 */
export class TrainingLogTail {
  private parser: TrainingLogParser;
  private offset = 0;
  private head: Buffer = Buffer.alloc(0);
  private decoder = new TextDecoder('utf-8');

  constructor(
    readonly file: string,
    private readonly options: TrainingLogOptions = {},
  ) {
    this.parser = createTrainingLogParser({ fileName: file, ...options });
  }

  /** Everything read so far. */
  get current(): TrainingLogParser {
    return this.parser;
  }

  async poll(): Promise<TailUpdate> {
    const handle = await fs.open(this.file, 'r');
    try {
      const { size } = await handle.stat();
      const reset = size < this.offset || !(await this.sameHead(handle));
      if (reset) this.restart();
      const update = await this.readFrom(handle, size);
      return { ...update, reset };
    } finally {
      await handle.close();
    }
  }

  /** Ends the reading: a last line without its newline is read only when it is whole JSON, else reported and skipped. */
  flush(): TrainingLogUpdate {
    return this.parser.flush();
  }

  private restart(): void {
    this.parser = createTrainingLogParser({ fileName: this.file, ...this.options });
    this.offset = 0;
    this.head = Buffer.alloc(0);
    this.decoder = new TextDecoder('utf-8');
  }

  private async sameHead(handle: fs.FileHandle): Promise<boolean> {
    if (this.head.length === 0) return true;
    const now = Buffer.alloc(this.head.length);
    const { bytesRead } = await handle.read(now, 0, now.length, 0);
    return bytesRead === now.length && now.equals(this.head);
  }

  private async readFrom(handle: fs.FileHandle, size: number): Promise<TrainingLogUpdate> {
    if (size <= this.offset) return { points: {}, problems: [] };
    const bytes = Buffer.alloc(size - this.offset);
    const { bytesRead } = await handle.read(bytes, 0, bytes.length, this.offset);
    const chunk = bytes.subarray(0, bytesRead);
    if (this.offset === 0) this.head = Buffer.from(chunk.subarray(0, HEAD_BYTES));
    this.offset += bytesRead;
    // stream: true keeps a multi-byte character split across two reads intact.
    return this.parser.push(this.decoder.decode(chunk, { stream: true }));
  }
}
