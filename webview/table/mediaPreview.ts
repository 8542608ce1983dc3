/**
 * The selected row's pictures and clips in the detail pane. The host says where each file is
 * (a webview URI, or why not); the page keeps one element per path of the shown row, so
 * re-rendering the pane (a tag toggled while listening) never restarts a clip, and selecting
 * another row stops it.
 */
import { MAX_PATH_CHARS, type MediaLocation } from '../../src/protocol/labelTable';
import type { MediaKind } from '../../src/core/media/mediaKind';
import { el } from '../shared/dom';

/**
 * Answers of the host, by path; a bounded cache so going back and forth does not ask again. After
 * `forget`, the earlier answers still show (`known`) until fresh ones replace them, so a file
 * read again does not flicker; `locate` asks again.
 */
export class MediaLocations {
  private answers = new Map<string, MediaLocation>();
  private stale = new Map<string, MediaLocation>();
  private readonly waiting = new Map<number, { path: string; generation: number; resolve: (location: MediaLocation) => void }>();
  private readonly asked = new Map<string, Promise<MediaLocation>>();
  private nextId = 1;
  private generation = 0;

  constructor(
    private readonly ask: (requestId: number, path: string) => void,
    private readonly limit = 500,
  ) {}

  /** The answer for `path` when the host gave it already (`fresh`: since the last `forget`). */
  known(path: string): { location: MediaLocation; fresh: boolean } | undefined {
    const fresh = this.answers.get(path);
    if (fresh) return { location: fresh, fresh: true };
    const stale = this.stale.get(path);
    return stale ? { location: stale, fresh: false } : undefined;
  }

  locate(path: string): Promise<MediaLocation> {
    const known = this.answers.get(path);
    if (known) return Promise.resolve(known);
    // The host refuses a longer path: no question it would leave unanswered.
    if (path.length > MAX_PATH_CHARS) return Promise.resolve({ state: 'missing', message: `A path of ${path.length} characters is too long to look up` });
    // One question per path at a time (the detail pane and a thumbnail may ask together).
    const asked = this.asked.get(path);
    if (asked) return asked;
    const answer = new Promise<MediaLocation>((resolve) => {
      const requestId = this.nextId++;
      this.waiting.set(requestId, { path, generation: this.generation, resolve });
      this.ask(requestId, path);
    });
    this.asked.set(path, answer);
    return answer;
  }

  /** The host's answer to `locate`. */
  received(requestId: number, location: MediaLocation): void {
    const waiting = this.waiting.get(requestId);
    if (!waiting) return;
    this.waiting.delete(requestId);
    // An answer to a question asked before `forget` is passed on, not kept.
    if (waiting.generation === this.generation) {
      this.asked.delete(waiting.path);
      this.answers.delete(waiting.path);
      this.answers.set(waiting.path, location);
      if (this.answers.size > this.limit) this.answers.delete(this.answers.keys().next().value!);
    }
    waiting.resolve(location);
  }

  /** Files may have appeared or moved: ask again next time. */
  forget(): void {
    this.generation++;
    this.asked.clear();
    this.stale = new Map([...this.stale, ...this.answers].slice(-this.limit));
    this.answers = new Map();
  }
}

/** The media blocks of the shown row, and the play/pause key's state. */
export class MediaPreview {
  private rowKey: string | undefined;
  /** By column and path. */
  private readonly blocks = new Map<string, HTMLElement>();
  private playWhenReady = false;

  constructor(private readonly locate: (path: string) => Promise<MediaLocation>) {}

  /** The pane shows row `rowKey` (undefined: none): when it is another row, the previous clip stops. */
  select(rowKey: string | undefined): void {
    if (rowKey !== this.rowKey) this.stop(rowKey);
  }

  /** The block showing `path` (in column `column`) for the selected row: the same element while the row stays selected. */
  block(column: number, path: string, kind: MediaKind): HTMLElement {
    const key = `${column}:${path}`;
    const existing = this.blocks.get(key);
    if (existing) return existing;
    const block = el('div', { className: `detail-media ${kind}` }, [placeholder('loading', kind === 'audio' ? `Loading clip ${path}…` : `Loading picture ${path}…`)]);
    this.blocks.set(key, block);
    void this.locate(path).then((location) => this.fill(key, block, path, location));
    return block;
  }

  /** Another row (or none): the previous clip stops, its elements go. */
  stop(rowKey?: string): void {
    for (const audio of this.audios()) audio.pause();
    this.blocks.clear();
    this.rowKey = rowKey;
    this.playWhenReady = false;
  }

  /** Plays or pauses the shown row's first clip (loading it first if needed); false when the row has none. */
  togglePlay(): boolean {
    const block = [...this.blocks.values()].find((b) => b.classList.contains('audio'));
    if (!block) return false;
    const audio = block.querySelector('audio');
    if (!audio) {
      this.playWhenReady = !this.playWhenReady;
      return true;
    }
    if (audio.paused) void audio.play().catch(() => undefined);
    else audio.pause();
    return true;
  }

  private audios(): HTMLAudioElement[] {
    return [...this.blocks.values()].flatMap((b) => [...b.querySelectorAll('audio')]);
  }

  private fill(key: string, block: HTMLElement, path: string, location: MediaLocation): void {
    if (this.blocks.get(key) !== block) return; // the row changed meanwhile
    if (location.state !== 'ready') {
      block.replaceChildren(placeholder(location.state, `${location.state === 'missing' ? 'Missing file' : 'Outside the workspace'}: ${location.message}.`));
      return;
    }
    const failed = () => block.replaceChildren(placeholder('unreadable', `${path} could not be ${location.kind === 'audio' ? 'played' : 'shown'}: the file is not ${location.kind === 'audio' ? 'audio' : 'an image'} this view can decode.`));
    if (location.kind === 'image') {
      const image = el('img', { className: 'detail-thumb', attrs: { alt: path } });
      image.addEventListener('error', failed, { once: true });
      image.src = location.uri;
      block.replaceChildren(image);
      return;
    }
    const audio = el('audio', { attrs: { 'aria-label': `Clip ${path} (p plays or pauses)` } });
    audio.controls = true;
    audio.preload = 'auto';
    audio.addEventListener('error', failed, { once: true });
    audio.src = location.uri;
    block.replaceChildren(audio);
    if (this.playWhenReady) {
      this.playWhenReady = false;
      void audio.play().catch(() => undefined);
    }
  }
}

function placeholder(state: 'loading' | 'missing' | 'outside' | 'unreadable', text: string): HTMLElement {
  const icon = state === 'loading' ? 'loading codicon-modifier-spin' : state === 'outside' ? 'lock' : 'warning';
  return el('div', { className: `media-placeholder ${state}`, attrs: { role: 'status' } }, [el('span', { className: `codicon codicon-${icon}`, attrs: { 'aria-hidden': 'true' } }), el('span', { text })]);
}
