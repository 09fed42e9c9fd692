import { promises as fs, readFileSync, statSync, openSync, readSync, closeSync } from 'node:fs';

export interface ReadResult {
  text: string | null;
  error?: string;
  warning?: string;
  /** Set when the file was not read because it is larger than maxSize: its size in bytes. */
  tooLarge?: number;
  /** For a file too large to read: its first 64 KB, enough to tell a Kubernetes manifest from other YAML. */
  head?: string;
}

const HEAD_BYTES = 65536;

const decoder = new TextDecoder('utf-8', { fatal: true });
const lenient = new TextDecoder('utf-8', { fatal: false });

function tooLarge(size: number, maxSize: number): ReadResult {
  return { text: null, error: `skipped: ${(size / 1048576).toFixed(1)} MB is larger than the maximum file size (${(maxSize / 1048576).toFixed(1)} MB); raise containerAtlas.maxFileSize / --max-file-size to analyse it`, tooLarge: size };
}

function decode(buf: Uint8Array): ReadResult {
  let text: string;
  let warning: string | undefined;
  try { text = decoder.decode(buf); } catch {
    text = lenient.decode(buf);
    warning = 'the file is not valid UTF-8; invalid bytes were read as U+FFFD';
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { text, warning };
}

function failure(err: unknown): ReadResult {
  const e = err as NodeJS.ErrnoException;
  const why = e.code === 'EACCES' ? 'permission denied' : e.code === 'ENOENT' ? 'no such file' : e.code === 'EISDIR' ? 'is a folder' : e.message;
  return { text: null, error: `cannot read file: ${why}` };
}

/** Reads a file as UTF-8 text for analysis: never throws; invalid UTF-8 is decoded with replacement characters and said so. */
export async function readTextFile(path: string, maxSize: number): Promise<ReadResult> {
  try {
    const st = await fs.stat(path);
    if (st.size > maxSize) {
      const fh = await fs.open(path, 'r');
      try {
        const buf = Buffer.alloc(HEAD_BYTES);
        const { bytesRead } = await fh.read(buf, 0, HEAD_BYTES, 0);
        return { ...tooLarge(st.size, maxSize), head: buf.subarray(0, bytesRead).toString('utf8') };
      } finally { await fh.close(); }
    }
    return decode(await fs.readFile(path));
  } catch (err) {
    return failure(err);
  }
}

/** readTextFile without the event loop, for the CLI's worker threads (each has a thread of its own to block). */
export function readTextFileSync(path: string, maxSize: number): ReadResult {
  try {
    const st = statSync(path);
    if (st.size > maxSize) {
      const fd = openSync(path, 'r');
      try {
        const buf = Buffer.alloc(HEAD_BYTES);
        const n = readSync(fd, buf, 0, HEAD_BYTES, 0);
        return { ...tooLarge(st.size, maxSize), head: buf.subarray(0, n).toString('utf8') };
      } finally { closeSync(fd); }
    }
    return decode(readFileSync(path));
  } catch (err) {
    return failure(err);
  }
}
