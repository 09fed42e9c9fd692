import type { CatalogIndex } from '../catalog/catalogIndex';
import type { EolProduct, Entry } from '../catalog/types';
import type { EntrySummary, Usage } from '../common/protocol';
import { entryCardHtml, esc } from './entryCard';

/**
 * The entry page (the webview "Open Entry" shows) as data, then as HTML: the entry card, the release
 * cycles of a versioned product, the whole lineage, the parts, and where the workspace uses the
 * entry, one row per file. A section with nothing to show is left out.
 */
export interface EntryPageModel {
  versions: VersionTable[];
  lineage: Lineage;
  parts: EntrySummary[];
  files: UsageFile[];
}

/** One file of the workspace that references the entry. */
export interface UsageFile {
  uri: string;
  /** Relative to the workspace folder holding it (prefixed with the folder's name when there are several). */
  path: string;
  occurrences: { line: number; character: number; text: string }[];
}

/** The release cycles of one product the catalog tracks (endoflife.date data). */
export interface VersionTable {
  product: string;
  /** Supported cycles, then the most recent ended ones and every ended one the workspace uses. */
  rows: VersionRow[];
  /** Ended cycles the table leaves out (shown folded). */
  older: VersionRow[];
  source?: string;
}

export interface VersionRow {
  cycle: string;
  codename?: string;
  latest?: string;
  lts: boolean;
  /** End of support (YYYY-MM-DD), null when none is announced. */
  ends: string | null;
  extendedSupport?: string;
  ended: boolean;
  /** How many references in the workspace name this cycle. */
  used: number;
}

/** The lineage as columns: predecessors' steps, the entry, successors' steps; edges are successor links. */
export interface Lineage {
  steps: EntrySummary[][];
  self: number;
  edges: [string, string][];
}

/** Ended cycles shown besides the supported ones and the used ones. */
export const RECENT_ENDED = 3;
const MAX_STEPS = 6;

/** One entry as lists, trees and the lineage show it. */
export function summarize(e: Entry): EntrySummary {
  return { id: e.id, name: e.name, kind: e.kind, layer: e.layer, category: e.category, status: e.status.value, since: e.status.since, summary: e.summary, ...(e.aliases?.length ? { aliases: e.aliases } : {}) };
}

/** Every predecessor (transitively, by step, nearest last) and every successor (by step), cycles cut. */
export function fullLineage(catalog: CatalogIndex, id: string): Lineage {
  const self = catalog.entry(id);
  if (!self) return { steps: [], self: 0, edges: [] };
  const seen = new Set([id]);
  const walk = (next: (e: Entry) => Entry[]): Entry[][] => {
    const steps: Entry[][] = [];
    let frontier = [self];
    while (steps.length < MAX_STEPS) {
      const step = frontier.flatMap(next).filter((e) => !seen.has(e.id) && (seen.add(e.id), true));
      if (!step.length) break;
      steps.push(step);
      frontier = step;
    }
    return steps;
  };
  const before = walk((e) => catalog.predecessors(e.id)).reverse();
  const after = walk((e) => (e.successors ?? []).map((s) => catalog.entry(s.id)).filter((x): x is Entry => !!x));
  const steps = [...before, [self], ...after];
  const column = new Map(steps.flatMap((s, i) => s.map((e) => [e.id, i] as const)));
  const edges: [string, string][] = [];
  for (const step of steps) for (const e of step) for (const s of e.successors ?? []) {
    if ((column.get(s.id) ?? -1) > column.get(e.id)!) edges.push([e.id, s.id]);
  }
  return { steps: steps.map((s) => s.map(summarize)), self: before.length, edges };
}

/** A file URI as the workspace names it: relative to its workspace folder. */
export function workspacePath(uri: string, roots: string[]): string {
  let path = uri;
  try { if (uri.startsWith('file:')) path = decodeURIComponent(new URL(uri).pathname); } catch { /* not a URL: as given */ }
  const root = roots.map((r) => r.replace(/\/+$/, '')).filter((r) => path.startsWith(r + '/')).sort((a, b) => b.length - a.length)[0];
  if (root === undefined) return path;
  const rel = path.slice(root.length + 1);
  return roots.length > 1 ? `${root.slice(root.lastIndexOf('/') + 1)}/${rel}` : rel;
}

/** Usages by file, in path order; each file's occurrences in document order. */
export function usageFiles(usages: Usage[], roots: string[]): UsageFile[] {
  const byUri = new Map<string, UsageFile>();
  for (const u of usages) {
    let f = byUri.get(u.uri);
    if (!f) { f = { uri: u.uri, path: workspacePath(u.uri, roots), occurrences: [] }; byUri.set(u.uri, f); }
    f.occurrences.push({ line: u.range.start.line, character: u.range.start.character, text: u.text });
  }
  for (const f of byUri.values()) f.occurrences.sort((a, b) => a.line - b.line || a.character - b.character);
  return [...byUri.values()].sort((a, b) => a.path.localeCompare(b.path));
}

/** The products whose release cycles belong to this entry. */
export function productsOf(catalog: CatalogIndex, e: Entry): EolProduct[] {
  return catalog.data.eolProducts.filter((p) => p.entry === e.id);
}

export function versionTable(p: EolProduct, usages: Usage[], asOf: string): VersionTable {
  const rows: VersionRow[] = p.cycles.map((c) => ({
    cycle: c.cycle,
    ...(c.codename ? { codename: c.codename } : {}),
    ...(c.latest ? { latest: c.latest } : {}),
    lts: !!c.lts,
    ends: c.eol ? String(c.eol) : null,
    ...(c.extendedSupport ? { extendedSupport: c.extendedSupport } : {}),
    ended: !!c.eol && String(c.eol) <= asOf,
    used: usages.filter((u) => u.release?.product === p.id && u.release.cycle === c.cycle).length,
  }));
  const shown: VersionRow[] = [];
  const older: VersionRow[] = [];
  let ended = 0;
  for (const r of rows) {
    if (!r.ended || r.used || ended++ < RECENT_ENDED) shown.push(r);
    else older.push(r);
  }
  return { product: p.name, rows: shown, older, ...(p.sources[0] ? { source: p.sources[0] } : {}) };
}

export function entryPageModel(catalog: CatalogIndex, e: Entry, usages: Usage[], opts: { roots: string[]; asOf: string }): EntryPageModel {
  const lineage = fullLineage(catalog, e.id);
  return {
    versions: productsOf(catalog, e).map((p) => versionTable(p, usages, opts.asOf)),
    lineage,
    parts: catalog.parts(e.id).map(summarize),
    files: usageFiles(usages, opts.roots),
  };
}

/** The lineage picture: one column per step, one box per entry, an arrow per successor link. */
export function lineageSvg(l: Lineage): string {
  const W = 170, H = 46, GX = 50, GY = 14;
  const height = Math.max(...l.steps.map((s) => s.length)) * (H + GY) - GY + 20;
  const width = l.steps.length * (W + GX) - GX + 20;
  const at = new Map<string, { x: number; y: number }>();
  const parts: string[] = [];
  const selfId = l.steps[l.self]?.[0]?.id;
  l.steps.forEach((step, i) => step.forEach((e, j) => {
    const x = 10 + i * (W + GX), y = 10 + j * (H + GY);
    at.set(e.id, { x, y });
    const name = e.name.length > 24 ? e.name.slice(0, 23) + '…' : e.name;
    parts.push(`<g class="node${e.status !== 'active' ? ' inactive' : ''}${e.id === selfId ? ' self' : ''}" data-id="${esc(e.id)}"><title>${esc(e.name)}</title><rect x="${x}" y="${y}" width="${W}" height="${H}" rx="6"/>` +
      `<text x="${x + W / 2}" y="${y + 19}" text-anchor="middle" class="name">${esc(name)}</text>` +
      `<text x="${x + W / 2}" y="${y + 36}" text-anchor="middle" class="status">${esc(e.status === 'active' ? 'active' : `${e.status}${e.since ? ' ' + e.since : ''}`)}</text></g>`);
  }));
  for (const [a, b] of l.edges) {
    const p = at.get(a), q = at.get(b);
    if (p && q) parts.push(`<line x1="${p.x + W + 2}" y1="${p.y + H / 2}" x2="${q.x - 4}" y2="${q.y + H / 2}" class="arrow" marker-end="url(#head)"/>`);
  }
  return `<svg role="img" aria-label="Lineage of ${esc(l.steps[l.self]?.[0]?.name ?? '')}" class="lineage" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" xmlns="http://www.w3.org/2000/svg">` +
    `<defs><marker id="head" markerWidth="8" markerHeight="8" refX="7" refY="4" orient="auto"><path d="M0,0 L8,4 L0,8 z" class="head"/></marker></defs>${parts.join('')}</svg>`;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function versionRowHtml(r: VersionRow): string {
  const status = r.ended ? 'Ended' : 'Supported';
  const ends = r.ends ? `${r.ended ? '' : 'until '}${r.ends}` : 'no end date announced';
  return `<tr class="${r.ended ? 'ended' : 'supported'}${r.used ? ' used' : ''}"><td>${esc(r.cycle)}${r.codename ? ` <span class="muted">(${esc(r.codename)})</span>` : ''}${r.lts ? ' <span class="badge">LTS</span>' : ''}</td>` +
    `<td>${esc(r.latest ?? '')}</td><td>${status}</td><td>${esc(ends)}${r.extendedSupport ? ` <span class="muted">(extended support until ${esc(r.extendedSupport)})</span>` : ''}</td>` +
    `<td>${r.used ? `<strong>used here (${plural(r.used, 'reference')})</strong>` : ''}</td></tr>`;
}

const VERSION_HEAD = '<thead><tr><th>Release</th><th>Latest</th><th>Status</th><th>Support ends</th><th>In this workspace</th></tr></thead>';

export function versionsHtml(t: VersionTable): string {
  const older = t.older.length
    ? `<details><summary>${plural(t.older.length, 'older ended release')}</summary><table class="versions">${VERSION_HEAD}<tbody>${t.older.map(versionRowHtml).join('')}</tbody></table></details>`
    : '';
  return `<table class="versions" aria-label="Releases of ${esc(t.product)}">${VERSION_HEAD}<tbody>${t.rows.map(versionRowHtml).join('')}</tbody></table>${older}` +
    (t.source && /^https?:\/\/[^\s"'<>]+$/.test(t.source) ? `<p class="muted">Release data: <a href="#" data-url="${esc(t.source)}">${esc(t.source.replace(/^https?:\/\//, ''))}</a></p>` : '');
}

export function usageFilesHtml(files: UsageFile[]): string {
  const refs = files.reduce((n, f) => n + f.occurrences.length, 0);
  const rows = files.map((f) => {
    const first = f.occurrences[0];
    const texts = [...new Set(f.occurrences.map((o) => o.text))];
    const lines = f.occurrences.map((o) => `<a href="#" class="line" data-uri="${esc(f.uri)}" data-line="${o.line}" data-character="${o.character}" title="${esc(o.text)}">${o.line + 1}</a>`).join(' ');
    return `<tr class="file" data-uri="${esc(f.uri)}" data-line="${first.line}" data-character="${first.character}"><td class="path"><a href="#">${esc(f.path)}</a></td>` +
      `<td class="count">${f.occurrences.length}</td><td class="lines">line ${lines}</td><td>${texts.map((t) => `<code>${esc(t)}</code>`).join(', ')}</td></tr>`;
  });
  return `<p class="muted">${plural(refs, 'reference')} in ${plural(files.length, 'file')}</p><table class="files"><thead><tr><th>File</th><th>Uses</th><th>Where</th><th>As</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

/** The page's body: every text escaped; entry links are `data-id`, file links `data-uri`, external links `data-url` (the page's script handles them). */
export function entryPageHtml(catalog: CatalogIndex, e: Entry, m: EntryPageModel): string {
  const out = [entryCardHtml(catalog, e)];
  if (m.versions.length) out.push(`<h2>Versions</h2>${m.versions.map((t) => `${m.versions.length > 1 ? `<h3>${esc(t.product)}</h3>` : ''}${versionsHtml(t)}`).join('')}`);
  if (m.lineage.steps.length > 1) out.push(`<h2>Lineage</h2>${lineageSvg(m.lineage)}`);
  if (m.parts.length) out.push(`<h2>Parts</h2><p>${m.parts.map((p) => `<a href="#" data-id="${esc(p.id)}">${esc(p.name)}</a>`).join(', ')}</p>`);
  if (m.files.length) out.push(`<h2>In this workspace</h2>${usageFilesHtml(m.files)}`);
  return out.join('\n');
}
