import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CatalogData } from './types';

/** The compiled catalog that ships next to the bundles (dist/catalog.json). */
export function builtinCatalogPath(): string {
  return join(__dirname, 'catalog.json');
}

export function loadCatalogData(path = builtinCatalogPath()): CatalogData {
  return JSON.parse(readFileSync(path, 'utf8')) as CatalogData;
}
