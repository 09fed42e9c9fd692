import { readdirSync, readFileSync, realpathSync, statSync, type Dirent } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { kindFromPath } from '../common/fileKinds';
import { isIgnored, parseIgnoreFile, compileGlob, type IgnoreRule } from './glob';

export interface WalkOptions {
  /** Extra globs to skip (relative to each root). */
  ignore?: string[];
  /** Globs a file must match to be included (default: every file whose name Container Atlas handles). */
  include?: string[];
  /** Honour .gitignore files (default true). */
  gitignore?: boolean;
  /** Stop after this many files (default 100,000). */
  maxFiles?: number;
  /** Called for unreadable folders and similar problems; the walk goes on. */
  onError?: (path: string, message: string) => void;
}

const ALWAYS_SKIP = new Set(['.git', 'node_modules', '.hg', '.svn']);

/** Directories read between two turns of the event loop (the language server keeps answering during a scan). */
const DIRS_PER_TURN = 256;

/**
 * Every file under the roots that Container Atlas may analyse (by name; YAML/JSON content is checked
 * later), skipping .git and node_modules, ignored paths and symlink loops. Roots may be files.
 * Folders are read synchronously (a 10,000-file tree in a fraction of the time the promise API
 * takes), with a turn of the event loop every DIRS_PER_TURN folders.
 */
export async function* walkFiles(roots: string[], opts: WalkOptions = {}): AsyncGenerator<string> {
  const extra = (opts.ignore ?? []).map((g) => ({ re: compileGlob(g), negate: false, base: '' }));
  const include = opts.include?.map(compileGlob);
  const seenDirs = new Set<string>();
  let count = 0;
  let dirs = 0;
  const max = opts.maxFiles ?? 100_000;
  for (const root of roots) {
    let st;
    try { st = statSync(root); } catch (err) { opts.onError?.(root, (err as Error).message); continue; }
    if (st.isFile()) { yield root; continue; }
    let rootReal: string;
    try { rootReal = realpathSync(root); } catch (err) { opts.onError?.(root, (err as Error).message); continue; }
    // `real`: the folder's path with symlinks resolved (a plain subfolder's is its parent's plus its
    // name; only symlinks need a realpath call), to visit each folder once and not loop.
    const stack: { dir: string; real: string; rules: IgnoreRule[] }[] = [{ dir: root, real: rootReal, rules: extra }];
    while (stack.length) {
      const { dir, real, rules: inherited } = stack.pop()!;
      if (seenDirs.has(real)) continue;
      seenDirs.add(real);
      if (++dirs % DIRS_PER_TURN === 0) await new Promise((r) => setImmediate(r));
      let names: Dirent[];
      try { names = readdirSync(dir, { withFileTypes: true }); } catch (err) { opts.onError?.(dir, (err as Error).message); continue; }
      let rules = inherited;
      const relDir = relative(root, dir).split(sep).join('/');
      const base = relDir ? `${relDir}/` : '';
      if (opts.gitignore !== false && names.some((d) => d.name === '.gitignore')) {
        try { rules = [...inherited, ...parseIgnoreFile(readFileSync(join(dir, '.gitignore'), 'utf8'), base)]; } catch { /* unreadable .gitignore: ignore it */ }
      }
      names.sort((a, b) => (a.name < b.name ? 1 : -1));
      for (const d of names) {
        const full = join(dir, d.name);
        const rel = base + d.name;
        let isDir = d.isDirectory();
        let isFile = d.isFile();
        let realDir = isDir ? join(real, d.name) : '';
        if (d.isSymbolicLink()) {
          try { const s = statSync(full); isDir = s.isDirectory(); isFile = s.isFile(); } catch { continue; }
          if (isDir) {
            try { realDir = realpathSync(full); } catch (err) { opts.onError?.(full, (err as Error).message); continue; }
          }
        }
        if (isDir) {
          if (ALWAYS_SKIP.has(d.name) || isIgnored(`${rel}/`, rules)) continue;
          stack.push({ dir: full, real: realDir, rules });
        } else if (isFile) {
          if (isIgnored(rel, rules)) continue;
          if (include ? !include.some((re) => re.test(rel)) : !kindFromPath(rel)) continue;
          yield full;
          if (++count >= max) return;
        }
      }
    }
  }
}
