/** Which cells name a clip or a picture the table can show: by the path's extension, nothing else. */

export type MediaKind = 'image' | 'audio';

const IMAGE = /\.(png|jpe?g|webp|gif|bmp)$/i;
const AUDIO = /\.(wav|mp3|ogg|flac)$/i;

/** `image` or `audio` when `written` (a cell, trimmed) is one line ending in a known extension; else null. */
export function mediaKindOf(written: string): MediaKind | null {
  const value = written.trim();
  if (value === '' || value.includes('\n') || value.length > 4096) return null;
  if (IMAGE.test(value)) return 'image';
  if (AUDIO.test(value)) return 'audio';
  return null;
}
