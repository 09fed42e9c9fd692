import { promises as fs } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * Writes through a temporary file in the same folder and a rename, keeping an existing file's mode:
 * a crash never leaves half a file. A new file gets the default mode.
 */
export async function writeAtomic(path: string, text: string): Promise<void> {
  const mode = await fs.stat(path).then((st) => st.mode, () => undefined);
  const tmp = join(dirname(path), `.${basename(path)}.atlas-${process.pid}-${Date.now()}.tmp`);
  try {
    await fs.writeFile(tmp, text, mode === undefined ? {} : { mode });
    await fs.rename(tmp, path);
  } catch (err) {
    await fs.rm(tmp, { force: true });
    throw err;
  }
}
