import type { CatalogIndex } from '../catalog/catalogIndex';
import type { Entry } from '../catalog/types';
import type { FileAnalysis, Position, Range, TextEdit } from '../analysis/model';
import { statusWord } from '../analysis/rules';
import { entryCard, entryCardHtml } from './entryCard';
import { referenceAt } from './hover';

import type { AlternativeOption, Alternatives, CatalogTree, EntryDetails, EntrySummary, Inventory, InventoryItem, Usage } from '../common/protocol';

export function summarize(e: Entry): EntrySummary {
  return { id: e.id, name: e.name, kind: e.kind, layer: e.layer, category: e.category, status: e.status.value, since: e.status.since, summary: e.summary, ...(e.aliases?.length ? { aliases: e.aliases } : {}) };
}

export function catalogTree(catalog: CatalogIndex): CatalogTree {
  return {
    layers: catalog.layers.map((l) => ({
      id: l.id,
      name: l.name,
      summary: l.summary,
      categories: l.categories.map((c) => ({
        id: c.id,
        name: c.name,
        summary: c.summary,
        entries: catalog.entries.filter((e) => e.category === c.id).sort((a, b) => a.name.localeCompare(b.name)).map(summarize),
      })),
    })),
  };
}

/** Predecessor and successor chains of an entry, for the lineage picture (first successor/predecessor at each step, cycles cut). */
export function lineage(catalog: CatalogIndex, id: string): { before: EntrySummary[]; after: EntrySummary[][] } {
  const before: EntrySummary[] = [];
  const seen = new Set([id]);
  let cur = catalog.predecessors(id)[0];
  while (cur && !seen.has(cur.id) && before.length < 6) { seen.add(cur.id); before.unshift(summarize(cur)); cur = catalog.predecessors(cur.id)[0]; }
  const after: EntrySummary[][] = [];
  let frontier = (catalog.entry(id)?.successors ?? []).map((s) => catalog.entry(s.id)).filter((e): e is Entry => !!e);
  while (frontier.length && after.length < 6) {
    const step = frontier.filter((e) => !seen.has(e.id));
    if (!step.length) break;
    step.forEach((e) => seen.add(e.id));
    after.push(step.map(summarize));
    frontier = step.flatMap((e) => (e.successors ?? []).map((s) => catalog.entry(s.id)).filter((x): x is Entry => !!x));
  }
  return { before, after };
}

export function entryDetails(catalog: CatalogIndex, id: string, usages: Usage[]): EntryDetails | null {
  const e = catalog.entry(id) ?? catalog.byNameOrAlias(id);
  if (!e) return null;
  const names: Record<string, string> = {};
  for (const id of [...(e.successors ?? []).map((x) => x.id), ...(e.alternatives ?? []), e.partOf, e.parent, e.vendor, e.maintainer]) {
    const x = id ? catalog.entry(id) : undefined;
    if (x) names[x.id] = x.name;
  }
  return {
    entry: e,
    layerName: catalog.layerName(e.layer),
    categoryName: catalog.categoryName(e.category),
    names,
    markdown: entryCard(catalog, e, { full: true }),
    html: entryCardHtml(catalog, e),
    lineage: lineage(catalog, e.id),
    predecessors: catalog.predecessors(e.id).map(summarize),
    parts: catalog.parts(e.id).map(summarize),
    usages,
  };
}

/** Alternatives for an entry: successors first (with why), then its listed alternatives, then active peers from its category. */
export function alternativesForEntry(catalog: CatalogIndex, e: Entry): AlternativeOption[] {
  const out: AlternativeOption[] = [];
  const seen = new Set([e.id]);
  const push = (x: Entry | undefined, group: AlternativeOption['group'], reason?: string) => {
    if (!x || seen.has(x.id)) return;
    seen.add(x.id);
    out.push({ label: x.name, entryId: x.id, group, reason, status: x.status.value === 'active' ? 'active' : `${statusWord(x.status.value)}${x.status.since ? ` ${x.status.since}` : ''}`, summary: x.summary });
  };
  for (const s of e.successors ?? []) push(catalog.entry(s.id), 'successor', s.reason);
  for (const a of e.alternatives ?? []) push(catalog.entry(a), 'alternative');
  const peers = catalog.entries.filter((x) => x.category === e.category && x.status.value === 'active' && x.kind === e.kind && x.kind !== 'vendor').slice(0, 12);
  for (const p of peers) push(p, 'peer', `Also in ${catalog.categoryName(e.category)}`);
  return out;
}

/** Alternatives for the reference at a position: mechanical replacements from findings (with edits), then the entry's alternatives. */
export function alternativesAt(catalog: CatalogIndex, analysis: FileAnalysis, pos: Position): Alternatives {
  const ref = referenceAt(analysis, pos);
  if (!ref) return { reference: null, options: [] as AlternativeOption[] };
  const options: AlternativeOption[] = [];
  for (const f of analysis.findings) {
    if (f.range.start.line !== ref.range.start.line || f.range.start.character !== ref.range.start.character) continue;
    for (const r of f.replacements ?? []) {
      if (!r.edits?.length) continue;
      const e = r.entry ? catalog.entry(r.entry) : undefined;
      options.push({ label: r.text, entryId: r.entry, group: 'replacement', reason: r.reason ?? f.message, status: e ? e.status.value : undefined, summary: e?.summary, edits: r.edits });
    }
  }
  const entry = ref.entry ? catalog.entry(ref.entry) : undefined;
  if (entry) options.push(...alternativesForEntry(catalog, entry).filter((o) => !options.some((x) => x.entryId && x.entryId === o.entryId)));
  return { reference: { text: ref.text, kind: ref.kind, range: ref.range, entry: entry ? summarize(entry) : null }, options };
}

/** Every catalog entry the workspace references, with each reference; inactive entries first. */
export function inventory(catalog: CatalogIndex, files: Iterable<[string, FileAnalysis]>, scanning: boolean): Inventory {
  const byEntry = new Map<string, InventoryItem>();
  let removedApis = 0;
  let deprecatedApis = 0;
  let fileCount = 0;
  for (const [uri, a] of files) {
    fileCount++;
    for (const f of a.findings) {
      if (f.rule === 'removed-api') removedApis++;
      if (f.rule === 'deprecated-api') deprecatedApis++;
    }
    for (const r of a.references) {
      if (!r.entry) continue;
      const e = catalog.entry(r.entry);
      if (!e) continue;
      let item = byEntry.get(e.id);
      if (!item) { item = { ...summarize(e), references: [] }; byEntry.set(e.id, item); }
      item.references.push({ uri, range: r.range, text: r.text });
    }
  }
  const entries = [...byEntry.values()].sort((a, b) => Number(a.status === 'active') - Number(b.status === 'active') || a.name.localeCompare(b.name));
  return { entries, layers: catalog.layers.map((l) => ({ id: l.id, name: l.name })), inactive: entries.filter((e) => e.status !== 'active').length, removedApis, deprecatedApis, files: fileCount, scanning };
}
