import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The commit and date of an upstream snapshot, read from the snapshots' README table: the first row
 * whose first cell starts with `` `prefix `` (for example `endoflife-date/`), in the README.md of the
 * first of `dirs` that has one with such a row. Empty when there is none (the importers then record
 * the source without them).
 */
export function snapshotFromReadme(dirs, prefix) {
  for (const dir of dirs) {
    const readme = join(dir, 'README.md');
    if (!existsSync(readme)) continue;
    const row = readFileSync(readme, 'utf8').split('\n').find((l) => l.startsWith(`| \`${prefix}`));
    const m = row && /\|\s*([0-9a-f]{7,40})\s*\((\d{4}-\d{2}-\d{2})\)\s*\|/.exec(row);
    if (m) return { commit: m[1], date: m[2] };
  }
  return {};
}
