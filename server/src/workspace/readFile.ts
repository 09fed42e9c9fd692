import { promises as fs } from 'node:fs';

export interface ReadResult {
  text: string | null;
  error?: string;
  warning?: string;
  /** Set when the file was not read because it is larger than maxSize: its size in bytes. */
  tooLarge?: number;
}

const decoder = new TextDecoder('utf-8', { fatal: true });
const lenient = new TextDecoder('utf-8', { fatal: false });

/** Reads a file as UTF-8 text for analysis: never throws; invalid UTF-8 is decoded with replacement characters and said so. */
export async function readTextFile(path: string, maxSize: number): Promise<ReadResult> {
  try {
    const st = await fs.stat(path);
    if (st.size > maxSize) return { text: null, error: `skipped: ${(st.size / 1048576).toFixed(1)} MB is larger than the maximum file size (${(maxSize / 1048576).toFixed(1)} MB); raise containerAtlas.maxFileSize / --max-file-size to analyse it`, tooLarge: st.size };
    const buf = await fs.readFile(path);
    let text: string;
    let warning: string | undefined;
    try { text = decoder.decode(buf); } catch {
      text = lenient.decode(buf);
      warning = 'the file is not valid UTF-8; invalid bytes were read as U+FFFD';
    }
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    return { text, warning };
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    const why = e.code === 'EACCES' ? 'permission denied' : e.code === 'ENOENT' ? 'no such file' : e.code === 'EISDIR' ? 'is a folder' : e.message;
    return { text: null, error: `cannot read file: ${why}` };
  }
}
