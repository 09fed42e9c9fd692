import { isAbsolute, join, relative, resolve } from 'node:path';
import { compileGlob, isIgnored, type IgnoreRule } from '../io/glob';

/** The names of a folder's organisation catalog. */
export const ORG_CATALOG_NAMES = ['.container-atlas.yaml', '.container-atlas.yml'];

export interface CatalogDiscovery {
  /** Folders whose .container-atlas.yaml applies: the workspace roots, or the CLI's current and scanned folders. */
  folders: string[];
  /** Catalog files named by the user (containerAtlas.catalogs, --catalog), relative to `base`. */
  named: string[];
  base: string;
  /** Paths to leave out (workspaceScan.exclude, --ignore): a catalog inside an ignored folder is not read. */
  ignore: string[];
  /** Whether files outside `folders` may be read (VS Code: trusted workspaces only). */
  trusted: boolean;
  exists: (path: string) => boolean;
}

/**
 * Which organisation catalog files apply, the same way for the CLI and the language server.
 * Returns the files to read and, for every file left out, why.
 */
export function discoverCatalogs(d: CatalogDiscovery): { files: string[]; skipped: string[] } {
  const files: string[] = [];
  const skipped: string[] = [];
  const rules: IgnoreRule[] = d.ignore.map((g) => ({ re: compileGlob(g), negate: false, base: '' }));
  const roots = d.folders.map((f) => resolve(f));
  const under = (r: string, abs: string) => { const rel = relative(r, abs); return !rel.startsWith('..') && !isAbsolute(rel); };
  const inside = (abs: string) => roots.some((r) => under(r, abs));
  // Ignored as the walk would ignore it: the file itself or one of its folders, below any root.
  const ignored = (abs: string) => roots.some((r) => {
    if (!under(r, abs)) return false;
    const parts = relative(r, abs).split(/[\\/]/);
    for (let i = 1; i < parts.length; i++) if (isIgnored(`${parts.slice(0, i).join('/')}/`, rules)) return true;
    return isIgnored(parts.join('/'), rules);
  });
  for (const folder of roots) {
    for (const name of ORG_CATALOG_NAMES) {
      const f = join(folder, name);
      if (!d.exists(f)) continue;
      if (ignored(f)) { skipped.push(`${f}: in an ignored path; not read`); continue; }
      files.push(f);
    }
  }
  for (const n of d.named) {
    const abs = isAbsolute(n) ? n : resolve(d.base, n);
    if (!inside(abs) && !d.trusted) { skipped.push(`${abs} is outside the workspace; organisation catalogs outside the workspace are read only in trusted workspaces.`); continue; }
    files.push(abs);
  }
  return { files: [...new Set(files)], skipped };
}
