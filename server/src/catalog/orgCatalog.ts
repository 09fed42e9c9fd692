import { parseDocument, LineCounter, isNode, type Document } from 'yaml';
import type { ErrorObject } from 'ajv';
import { join } from 'node:path';
import type { Validate } from './orgCatalogValidator';
import type { CatalogData, CatalogSettings, Entry, EolProduct, ImageFact, KubernetesApi } from './types';

/** A problem in an organisation catalog: where it is and what to do about it. */
export interface CatalogProblem { file: string; line: number; column: number; message: string }

export interface OrgCatalog {
  file: string;
  entries: Partial<Entry>[];
  images: ImageFact[];
  kubernetesApis: KubernetesApi[];
  eolProducts: EolProduct[];
  settings: CatalogSettings;
}

let cached: { validateDoc: Validate; validateEntry: Validate } | undefined;
function validators() {
  if (!cached) {
    // dist/catalog-validator.js next to the bundle; the TypeScript module when run from source (tests).
    const candidates = [join(__dirname, 'catalog-validator.js'), join(__dirname, 'orgCatalogValidator')];
    let mod: { createValidators: () => { validateDoc: Validate; validateEntry: Validate } } | undefined;
    for (const c of candidates) {
      try { mod = require(c); break; } catch { /* try the next */ }
    }
    if (!mod) throw new Error('the catalog validator is missing from the installation (dist/catalog-validator.js); reinstall Container Atlas');
    cached = mod.createValidators();
  }
  return cached;
}

function describe(e: ErrorObject): string {
  const where = e.instancePath ? e.instancePath.slice(1).replace(/\//g, '.') : 'the document';
  const extra = (e.params as { additionalProperty?: string; allowedValues?: unknown[] }).additionalProperty
    ? ` '${(e.params as { additionalProperty: string }).additionalProperty}' (check the spelling; catalog/schema.json lists the fields)`
    : (e.params as { allowedValues?: unknown[] }).allowedValues ? ` (one of: ${(e.params as { allowedValues: unknown[] }).allowedValues.join(', ')})` : '';
  return `${where} ${e.message}${extra}`;
}

function position(doc: Document.Parsed, lc: LineCounter, instancePath: string): { line: number; column: number } {
  const path = instancePath.split('/').slice(1).map((p) => (/^\d+$/.test(p) ? Number(p) : p.replace(/~1/g, '/').replace(/~0/g, '~')));
  for (let n = path.length; n >= 0; n--) {
    const node = n ? doc.getIn(path.slice(0, n), true) : doc.contents;
    if (isNode(node) && node.range) {
      const p = lc.linePos(node.range[0]);
      return { line: p.line, column: p.col };
    }
  }
  return { line: 1, column: 1 };
}

/**
 * Parses and validates one organisation catalog (YAML, same schema as the built-in catalog).
 * Entries whose id is a built-in entry are overrides and may give only the fields they change.
 * Never throws: every problem comes back with file, line and reason, and what is valid is kept.
 */
export function parseOrgCatalog(file: string, text: string, builtinIds: Set<string>, categories: Set<string>): { catalog: OrgCatalog; problems: CatalogProblem[] } {
  const problems: CatalogProblem[] = [];
  const catalog: OrgCatalog = { file, entries: [], images: [], kubernetesApis: [], eolProducts: [], settings: {} };
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true });
  for (const e of doc.errors) {
    const p = lc.linePos(e.pos[0]);
    problems.push({ file, line: p.line, column: p.col, message: `YAML syntax error: ${e.message.split('\n')[0]}` });
  }
  if (doc.errors.length) return { catalog, problems };
  let data: Record<string, unknown>;
  try { data = (doc.toJS({ maxAliasCount: 100 }) ?? {}) as Record<string, unknown>; } catch (err) {
    problems.push({ file, line: 1, column: 1, message: `cannot read the document: ${(err as Error).message}` });
    return { catalog, problems };
  }
  if (typeof data !== 'object' || Array.isArray(data)) {
    problems.push({ file, line: 1, column: 1, message: 'the file must be a mapping with keys entries, images, kubernetesApis, eolProducts or settings' });
    return { catalog, problems };
  }
  const { validateDoc: vDoc, validateEntry: vEntry } = validators();
  const { entries, ...rest } = data as { entries?: unknown[] };
  if (!vDoc(rest)) for (const e of vDoc.errors ?? []) problems.push({ file, ...position(doc, lc, e.instancePath), message: describe(e) });
  else {
    const r = rest as Partial<OrgCatalog>;
    catalog.images = r.images ?? [];
    catalog.kubernetesApis = r.kubernetesApis ?? [];
    catalog.eolProducts = r.eolProducts ?? [];
    catalog.settings = r.settings ?? {};
  }
  if (entries !== undefined && !Array.isArray(entries)) problems.push({ file, ...position(doc, lc, '/entries'), message: 'entries must be a list' });
  (Array.isArray(entries) ? entries : []).forEach((raw, i) => {
    const e = raw as Partial<Entry>;
    const isOverride = typeof e?.id === 'string' && builtinIds.has(e.id);
    if (isOverride) {
      // An override: validate the fields it gives against a complete entry.
      const probe = { name: 'x', kind: 'tool', category: 'developer-tools', summary: 'placeholder summary', ...e };
      if (!vEntry(probe)) { for (const err of vEntry.errors ?? []) problems.push({ file, ...position(doc, lc, `/entries/${i}${err.instancePath}`), message: `entries[${i}] (${e.id}): ${describe(err)}` }); return; }
    } else if (!vEntry(e)) {
      for (const err of vEntry.errors ?? []) problems.push({ file, ...position(doc, lc, `/entries/${i}${err.instancePath}`), message: `entries[${i}]${e?.id ? ` (${e.id})` : ''}: ${describe(err)}` });
      return;
    }
    if (e.category && !categories.has(e.category)) {
      problems.push({ file, ...position(doc, lc, `/entries/${i}/category`), message: `entries[${i}] (${e.id}): unknown category '${e.category}'; use one from catalog/taxonomy.yaml` });
      return;
    }
    catalog.entries.push(e);
  });
  return { catalog, problems };
}

/** The built-in catalog with organisation catalogs applied in order: overrides merge, new entries and facts add, settings combine. */
export function mergeCatalogs(base: CatalogData, orgs: OrgCatalog[]): CatalogData {
  if (!orgs.length) return base;
  const layerOf = new Map<string, string>();
  for (const l of base.layers) for (const c of l.categories) layerOf.set(c.id, l.id);
  const byId = new Map(base.entries.map((e) => [e.id, e]));
  const images = [...base.images];
  const apis = [...base.kubernetesApis];
  const eol = new Map(base.eolProducts.map((p) => [p.id, p]));
  const settings: CatalogSettings = { ...(base.settings ?? {}) };
  for (const org of orgs) {
    for (const e of org.entries) {
      const prev = byId.get(e.id!);
      const merged = { ...(prev ?? {}), ...e, origin: org.file } as Entry;
      merged.layer = layerOf.get(merged.category) ?? merged.layer;
      merged.status = { value: 'active', ...(prev?.status ?? {}), ...(e.status ?? {}) } as Entry['status'];
      if (e.status && !e.status.since) delete merged.status.since;
      byId.set(merged.id, merged);
    }
    images.push(...org.images.map((f) => ({ ...f, origin: org.file })));
    apis.push(...org.kubernetesApis);
    for (const p of org.eolProducts) eol.set(p.id, p);
    if (org.settings.allowedRegistries) settings.allowedRegistries = [...(settings.allowedRegistries ?? []), ...org.settings.allowedRegistries];
    if (org.settings.severities) settings.severities = { ...(settings.severities ?? {}), ...org.settings.severities };
  }
  return { ...base, entries: [...byId.values()], images, kubernetesApis: apis, eolProducts: [...eol.values()], settings };
}
