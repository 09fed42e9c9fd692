import type { CatalogIndex } from '../catalog/catalogIndex';
import type { Entry } from '../catalog/types';
import type { AnalysisOptions, FileAnalysis, Position, Reference } from '../analysis/model';
import { upgradesFor } from '../analysis/upgrades';
import { isUnknownImage } from '../analysis/helm';
import { parseImageReference } from '../syntax/imageReference';
import { statusWord } from '../analysis/rules';
import { entryCard, kindName } from './entryCard';
import { entryPageHtml, entryPageModel, summarize } from './entryPage';
import { referenceAt } from './hover';

import { ATTENTION_LIMIT, type AlternativeOption, type Alternatives, type Attention, type CatalogTree, type EntryDetails, type EntrySummary, type Inventory, type InventoryItem, type Usage } from '../common/protocol';
import { SEVERITIES, type Severity } from '../common/model';


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

/** A reference as a usage; an image tag with the release cycle it belongs to (node:14 → Node.js 14, ended 2023-04-30). */
export function usageOf(catalog: CatalogIndex, uri: string, r: Reference): Usage {
  const v = r.kind === 'image' && r.key && r.image?.tag ? catalog.eolCycle(r.key, r.image.tag) : undefined;
  return { uri, range: r.range, text: r.text, ...(v ? { cycle: `${v.product.name} ${v.cycle.cycle}`, eol: v.cycle.eol ? String(v.cycle.eol) : null, release: { product: v.product.id, cycle: v.cycle.cycle } } : {}) };
}

/** The entry page. `roots`: the workspace folders (paths), which usages are named relative to; `asOf`: the day support is judged against. */
export function entryDetails(catalog: CatalogIndex, id: string, usages: Usage[], opts: { roots: string[]; asOf: string }): EntryDetails | null {
  const e = catalog.entry(id) ?? catalog.byNameOrAlias(id);
  if (!e) return null;
  const names: Record<string, string> = {};
  for (const id of [...(e.successors ?? []).map((x) => x.id), ...(e.alternatives ?? []), e.partOf, e.parent, e.vendor, e.maintainer]) {
    const x = id ? catalog.entry(id) : undefined;
    if (x) names[x.id] = x.name;
  }
  const page = entryPageModel(catalog, e, usages, opts);
  return {
    entry: e,
    layerName: catalog.layerName(e.layer),
    categoryName: catalog.categoryName(e.category),
    names,
    markdown: entryCard(catalog, e, { full: true }),
    html: entryPageHtml(catalog, e, page),
    kindName: kindName(e),
    lineage: page.lineage,
    predecessors: catalog.predecessors(e.id).map(summarize),
    parts: catalog.parts(e.id).map(summarize),
    usages,
  };
}

const MATURITY: Record<string, number> = { graduated: 3, incubating: 2, sandbox: 1 };
const statusLabel = (x: Entry) => (x.status.value === 'active' ? 'active' : `${statusWord(x.status.value)}${x.status.since ? ` ${x.status.since}` : ''}`);

/**
 * Where a successor leads: itself when active, else the active entries its own successors lead to
 * (cycles cut), each with the chain walked ("Docker Cloud (discontinued 2018) → Docker Hub").
 */
export function activeSuccessors(catalog: CatalogIndex, id: string, seen = new Set<string>()): { entry: Entry; via: Entry[] }[] {
  const e = catalog.entry(id);
  if (!e || seen.has(id)) return [];
  seen.add(id);
  if (e.status.value === 'active') return [{ entry: e, via: [] }];
  return (e.successors ?? []).flatMap((s) => activeSuccessors(catalog, s.id, seen).map((r) => ({ entry: r.entry, via: [e, ...r.via] })));
}

/** Peers: active entries of the same role, the most established first (CNCF maturity, official images), then by name. */
export function peersOf(catalog: CatalogIndex, e: Entry): Entry[] {
  if (!e.role || catalog.role(e.role)?.peers === false) return [];
  // Established first: a Docker Official Image (what most people pull), then CNCF maturity, then by name.
  const official = (x: Entry) => (x.images ?? []).some((i) => catalog.data.officialImages?.[i]);
  return catalog.entries
    .filter((x) => x.id !== e.id && x.role === e.role && x.status.value === 'active')
    .sort((a, b) => Number(official(b)) - Number(official(a)) || (MATURITY[b.maturity ?? ''] ?? 0) - (MATURITY[a.maturity ?? ''] ?? 0) || a.name.localeCompare(b.name));
}

/** Peers shown before "More…". */
export const PEERS_SHOWN = 5;

/**
 * Alternatives for an entry: its successors (resolved to active ones: an inactive successor's own
 * successors stand in), then its listed alternatives, then peers of the same role (the first
 * PEERS_SHOWN, the rest marked `more`). Never an inactive entry.
 */
export function alternativesForEntry(catalog: CatalogIndex, e: Entry): AlternativeOption[] {
  const out: AlternativeOption[] = [];
  const seen = new Set([e.id]);
  const push = (x: Entry | undefined, group: AlternativeOption['group'], reason?: string, more = false) => {
    if (!x || seen.has(x.id) || x.status.value !== 'active') return;
    seen.add(x.id);
    out.push({ label: x.name, entryId: x.id, group, reason, status: statusLabel(x), summary: x.summary, ...(more ? { more: true } : {}) });
  };
  for (const s of e.successors ?? []) {
    for (const { entry, via } of activeSuccessors(catalog, s.id)) {
      const chain = via.length ? `${via.map((v) => `${v.name} (${statusLabel(v)})`).join(' → ')} → ${entry.name}` : undefined;
      push(entry, 'successor', [s.reason, chain].filter(Boolean).join(' · ') || undefined);
    }
  }
  for (const a of e.alternatives ?? []) push(catalog.entry(a), 'alternative');
  const role = e.role ? catalog.role(e.role) : undefined;
  peersOf(catalog, e).forEach((p, i) => push(p, 'peer', role ? `Same job: ${role.name}` : undefined, i >= PEERS_SHOWN));
  return out;
}

/**
 * Alternatives for the reference at a position: for a versioned image, the supported releases of the
 * same image family first (tags it publishes, with the rewrite); then the other mechanical
 * replacements from the findings there; then the entry's alternatives.
 */
export function alternativesAt(catalog: CatalogIndex, analysis: FileAnalysis, pos: Position, options: AnalysisOptions): Alternatives {
  const ref = referenceAt(analysis, pos);
  if (!ref) return { reference: null, options: [] as AlternativeOption[] };
  const out: AlternativeOption[] = [];
  if (ref.kind === 'image' && ref.image?.tag) {
    const parsed = parseImageReference(ref.text);
    for (const u of parsed ? upgradesFor(catalog, parsed, options.asOf) : []) {
      const entry = u.product.entry ? catalog.entry(u.product.entry) : undefined;
      const role = entry?.role ? catalog.role(entry.role) : undefined;
      out.push({
        label: u.text,
        entryId: u.product.entry,
        group: 'upgrade',
        // Short enough for a picker row; what a major upgrade involves goes on the second line.
        reason: [`${u.product.name} ${u.cycle.cycle}`, u.label === 'lts' ? 'LTS' : u.label === 'next' ? 'next supported' : 'newest', u.cycle.eol ? `until ${u.cycle.eol}` : 'supported', u.major ? 'major upgrade' : '', u.dropsDigest ? 'drops the pinned digest' : ''].filter(Boolean).join(' · '),
        ...(u.major ? { summary: `Major upgrade: ${role?.majorUpgrade ?? 'read the release notes before moving'}.` } : {}),
        ...(ref.rewritable === false ? {} : { edits: [{ range: ref.range, newText: u.text }] }),
      });
    }
  }
  for (const f of analysis.findings) {
    if (f.range.start.line !== ref.range.start.line || f.range.start.character !== ref.range.start.character) continue;
    for (const r of f.replacements ?? []) {
      if (!r.edits?.length || out.some((o) => o.label === r.text)) continue;
      const e = r.entry ? catalog.entry(r.entry) : undefined;
      out.push({ label: r.text, entryId: r.entry, group: 'replacement', reason: r.reason ?? f.message, status: e ? e.status.value : undefined, summary: e?.summary, edits: r.edits });
    }
  }
  const entry = ref.entry ? catalog.entry(ref.entry) : undefined;
  // A Compose driver (networks.driver: weave) is replaced by another Compose driver: alternatives
  // and peers that Compose cannot use (Kubernetes CNI plugins) are left out; named successors stay.
  const composeDriver = analysis.kind === 'compose' && !!entry?.composeKeys?.length && ref.kind !== 'image';
  const usable = (o: AlternativeOption) => !composeDriver || o.group === 'successor' || !!(o.entryId && catalog.entry(o.entryId)?.composeKeys?.length);
  if (entry) out.push(...alternativesForEntry(catalog, entry).filter((o) => usable(o) && !out.some((x) => x.entryId && x.entryId === o.entryId)));
  return { reference: { text: ref.text, kind: ref.kind, range: ref.range, entry: entry ? summarize(entry) : null }, options: out };
}

/** Every catalog entry the workspace references, with each reference; inactive entries first. */
export function inventory(catalog: CatalogIndex, files: Iterable<[string, FileAnalysis]>, scanning: boolean): Inventory {
  const byEntry = new Map<string, InventoryItem>();
  let removedApis = 0;
  let deprecatedApis = 0;
  let fileCount = 0;
  const counts = { error: 0, warning: 0, information: 0, hint: 0 };
  const unknown: NonNullable<Inventory['unknown']> = [];
  const attention: Attention[] = [];
  for (const [uri, a] of files) {
    fileCount++;
    // The worst finding at each token (by its start), for the view's icons; the entry each token links to.
    const worst = new Map<string, Severity>();
    const linked = new Map<string, string>();
    for (const r of a.references) if (r.entry) linked.set(`${r.range.start.line}:${r.range.start.character}`, r.entry);
    for (const f of a.findings) {
      const at = `${f.range.start.line}:${f.range.start.character}`;
      const w = worst.get(at);
      if (!w || SEVERITIES.indexOf(f.severity) < SEVERITIES.indexOf(w)) worst.set(at, f.severity);
      counts[f.severity]++;
      const entry = f.entry ?? linked.get(at);
      attention.push({ uri, range: f.range, rule: f.rule, severity: f.severity, message: f.message, ...(entry ? { entry } : {}) });
      if (f.rule === 'removed-api') removedApis++;
      if (f.rule === 'deprecated-api') deprecatedApis++;
    }
    for (const r of a.references) {
      const severity = worst.get(`${r.range.start.line}:${r.range.start.character}`);
      const usage: Usage = { ...usageOf(catalog, uri, r), ...(severity ? { severity } : {}) };
      const e = r.entry ? catalog.entry(r.entry) : undefined;
      if (!e) {
        if (isUnknownImage(r, catalog)) unknown.push({ ...usage, kind: r.kind, ...(r.key ? { repository: r.key } : {}) });
        continue;
      }
      let item = byEntry.get(e.id);
      if (!item) { item = { ...summarize(e), references: [] }; byEntry.set(e.id, item); }
      item.references.push(usage);
      if (severity && (!item.severity || SEVERITIES.indexOf(severity) < SEVERITIES.indexOf(item.severity))) item.severity = severity;
    }
  }
  const entries = [...byEntry.values()].sort((a, b) => Number(a.status === 'active') - Number(b.status === 'active') || a.name.localeCompare(b.name));
  const rank = (f: Attention) => SEVERITIES.indexOf(f.severity);
  attention.sort((a, b) => rank(a) - rank(b) || (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0) || a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  return { entries, attention: attention.slice(0, ATTENTION_LIMIT), layers: catalog.layers.map((l) => ({ id: l.id, name: l.name })), findings: counts, inactive: entries.filter((e) => e.status !== 'active').length, removedApis, deprecatedApis, files: fileCount, scanning, unknown };
}
