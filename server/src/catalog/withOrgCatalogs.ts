import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CatalogIndex } from './catalogIndex';
import { mergeCatalogs, parseOrgCatalog, type CatalogProblem, type OrgCatalog } from './orgCatalog';
import type { CatalogData } from './types';

export const ORG_CATALOG_NAMES = ['.container-atlas.yaml', '.container-atlas.yml'];

/** The organisation catalog files at the root of a folder, if any. */
export function rootCatalogFiles(folder: string): string[] {
  return ORG_CATALOG_NAMES.map((n) => join(folder, n)).filter((f) => existsSync(f));
}

/**
 * The built-in catalog with the given organisation catalogs applied. A file that cannot be read or
 * has errors contributes what is valid in it; its problems are returned, and the built-in catalog
 * keeps working.
 */
export function withOrgCatalogs(base: CatalogData, files: string[]): { catalog: CatalogIndex; problems: CatalogProblem[]; loaded: string[] } {
  const problems: CatalogProblem[] = [];
  const orgs: OrgCatalog[] = [];
  const ids = new Set(base.entries.map((e) => e.id));
  const categories = new Set(base.layers.flatMap((l) => l.categories.map((c) => c.id)));
  const seen = new Set<string>();
  for (const f of files) {
    const file = resolve(f);
    if (seen.has(file)) continue;
    seen.add(file);
    let text: string;
    try { text = readFileSync(file, 'utf8'); } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      problems.push({ file, line: 1, column: 1, message: `cannot read the catalog file (${code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : (err as Error).message}); check the path in containerAtlas.catalogs or --catalog` });
      continue;
    }
    const r = parseOrgCatalog(file, text, ids, categories);
    problems.push(...r.problems);
    orgs.push(r.catalog);
  }
  return { catalog: new CatalogIndex(mergeCatalogs(base, orgs)), problems, loaded: orgs.map((o) => o.file) };
}

export function formatProblem(p: CatalogProblem): string {
  return `${p.file}:${p.line}:${p.column}: ${p.message}`;
}
