import type { CatalogIndex } from '../catalog/catalogIndex';
import type { Entry } from '../catalog/types';
import { statusWord } from '../analysis/rules';
import { code, escapeMarkdown, link } from './markdown';

/** An entry's kind in words. `runtime` covers language runtimes (JDK builds, Bun) as well as container runtimes: the category tells them apart. */
const KIND_NAME: Record<string, string> = {
  specification: 'Specification', runtime: 'Container runtime', tool: 'Tool', library: 'Library', platform: 'Platform', orchestrator: 'Orchestrator',
  registry: 'Registry', os: 'Operating system', service: 'Service', plugin: 'Plugin', operator: 'Kubernetes operator', hypervisor: 'Hypervisor',
  filesystem: 'File system', format: 'Format', image: 'Image', 'language-runtime': 'Language runtime', database: 'Database', vendor: 'Vendor',
  foundation: 'Foundation', community: 'Community',
};
const RUNTIME_BY_CATEGORY: Record<string, string> = { 'developer-tools': 'Language runtime', 'application-definition': 'Application runtime' };

export function kindName(e: Pick<Entry, 'kind' | 'category'>): string {
  return (e.kind === 'runtime' ? RUNTIME_BY_CATEGORY[e.category] : undefined) ?? KIND_NAME[e.kind] ?? e.kind;
}

const LICENSE: Record<string, string> = { 'open-source': 'open source', commercial: 'commercial', 'open-core': 'open core', freeware: 'freeware' };

/** A piece of card text: plain text, a reference to another entry, or inline code. */
type Span = { text: string } | { entry: string; name: string } | { code: string };

/**
 * The entry card as data: what it says, once. Hovers and `explain` render it as Markdown
 * (entryCard), the entry page as HTML (entryCardHtml); neither decides what goes on the card.
 */
export interface CardModel {
  name: string;
  /** Layer › category. */
  place: string;
  /** The kind in words ("Language runtime"). */
  kind: string;
  status?: { word: string; since?: string; note?: string };
  summary: string;
  successors: { entry: string; name: string; reason?: string }[];
  succeeds: { entry: string; name: string }[];
  alternatives: { entry: string; name: string }[];
  /** "Vendor: …", "Licence: …": label and value spans. */
  facts: { label: string; value: Span[] }[];
  /** Only on the full card: images, commands, other names. */
  lists: { label: string; items: Span[] }[];
  links: { label: string; url: string }[];
  /** "Catalog data as of …": the date of the newest upstream snapshot (full card only; hovers add it themselves). */
  dataAsOf?: string;
}

/** The line that dates what a card says. */
export function dataAsOfLine(catalog: CatalogIndex): string | undefined {
  return catalog.data.dataAsOf ? `Catalog data as of ${catalog.data.dataAsOf}` : undefined;
}

const nameOf = (catalog: CatalogIndex, id: string) => catalog.entry(id)?.name ?? id;
const ref = (catalog: CatalogIndex, id: string): Span => (catalog.entry(id) ? { entry: id, name: nameOf(catalog, id) } : { text: id });

/** A short name for a source URL: its site, and the page when it says more than the site. */
export function sourceLabel(url: string): string {
  try {
    const u = new URL(url);
    const host = u.hostname.replace(/^www\./, '');
    const path = u.pathname.replace(/\/+$/, '');
    if (host === 'github.com') {
      const [owner, repo, what, num] = path.split('/').filter(Boolean);
      if (what === 'issues' || what === 'pull') return `${owner}/${repo} #${num}`;
      if (what === 'blob' || what === 'tree') return `${owner}/${repo}: ${decodeURIComponent(path.split('/').pop() ?? '')}`;
      if (repo) return `${owner}/${repo}`;
    }
    const last = decodeURIComponent(path.split('/').filter(Boolean).pop() ?? '').replace(/\.(html?|md)$/, '').replace(/[-_]+/g, ' ');
    return last ? `${host}: ${last}` : host;
  } catch {
    return url;
  }
}

export function cardModel(catalog: CatalogIndex, e: Entry, opts: { full?: boolean } = {}): CardModel {
  const facts: CardModel['facts'] = [];
  if (e.vendor) facts.push({ label: 'Vendor', value: [ref(catalog, e.vendor)] });
  if (e.maintainer) facts.push({ label: 'Maintainer', value: [ref(catalog, e.maintainer)] });
  if (e.license) facts.push({ label: 'Licence', value: [{ text: `${LICENSE[e.license] ?? e.license}${e.spdx ? ` (${e.spdx})` : ''}` }] });
  if (e.partOf) facts.push({ label: 'Part of', value: [ref(catalog, e.partOf)] });
  if (e.parent) facts.push({ label: 'Grew out of', value: [ref(catalog, e.parent)] });
  const lists: CardModel['lists'] = [];
  if (opts.full) {
    if (e.images?.length) lists.push({ label: 'Images', items: e.images.map((i) => ({ code: i })) });
    if (e.commands?.length) lists.push({ label: 'Commands', items: e.commands.map((c) => ({ code: c })) });
    if (e.actions?.length) lists.push({ label: 'GitHub Actions', items: e.actions.map((a) => ({ code: a })) });
    if (e.aliases?.length) lists.push({ label: 'Also known as', items: e.aliases.map((a) => ({ text: a })) });
  }
  const links: CardModel['links'] = [];
  if (e.homepage) links.push({ label: 'Homepage', url: e.homepage });
  if (e.repository && e.repository !== e.homepage) links.push({ label: 'Repository', url: e.repository });
  for (const s of e.status.sources ?? []) links.push({ label: sourceLabel(s), url: s });
  const word = statusWord(e.status.value);
  return {
    name: e.name,
    place: `${catalog.layerName(e.layer)} › ${catalog.categoryName(e.category)}`,
    kind: kindName(e),
    ...(e.status.value !== 'active' ? { status: { word: word[0].toUpperCase() + word.slice(1), since: e.status.since, note: e.status.note } } : {}),
    summary: e.summary,
    successors: (e.successors ?? []).map((s) => ({ entry: s.id, name: nameOf(catalog, s.id), reason: s.reason })),
    succeeds: opts.full ? catalog.predecessors(e.id).map((p) => ({ entry: p.id, name: p.name })) : [],
    alternatives: (e.alternatives ?? []).map((a) => ({ entry: a, name: nameOf(catalog, a) })),
    facts,
    lists,
    links,
    ...(opts.full && catalog.data.dataAsOf ? { dataAsOf: catalog.data.dataAsOf } : {}),
  };
}

function spanMarkdown(s: Span): string {
  return 'code' in s ? code(s.code) : 'entry' in s ? escapeMarkdown(s.name) : escapeMarkdown(s.text);
}

/** The Markdown card of one catalog entry: the body of hovers and `explain`. */
export function entryCard(catalog: CatalogIndex, e: Entry, opts: { full?: boolean } = {}): string {
  const m = cardModel(catalog, e, opts);
  const blocks: string[] = [];
  blocks.push(`**${escapeMarkdown(m.name)}** · ${escapeMarkdown(m.place)} · _${escapeMarkdown(m.kind)}_`);
  if (m.status) blocks.push(`⚠️ **${escapeMarkdown(m.status.word)}${m.status.since ? ` since ${escapeMarkdown(m.status.since)}` : ''}**${m.status.note ? ` — ${escapeMarkdown(m.status.note)}` : ''}`);
  blocks.push(escapeMarkdown(m.summary));
  if (m.successors.length) blocks.push(`**Successor${m.successors.length > 1 ? 's' : ''}:** ${m.successors.map((s) => `**${escapeMarkdown(s.name)}**${s.reason ? ` — ${escapeMarkdown(s.reason)}` : ''}`).join('; ')}`);
  if (m.succeeds.length) blocks.push(`**Succeeds:** ${m.succeeds.map((p) => escapeMarkdown(p.name)).join(', ')}`);
  if (m.alternatives.length) blocks.push(`**Alternatives:** ${m.alternatives.map((a) => escapeMarkdown(a.name)).join(', ')}`);
  if (m.facts.length) blocks.push(m.facts.map((f) => `${f.label}: ${f.value.map(spanMarkdown).join('')}`).join(' · '));
  for (const l of m.lists) blocks.push(`${l.label}: ${l.items.map(spanMarkdown).join(', ')}`);
  if (m.links.length) blocks.push(m.links.map((l) => link(l.label, l.url)).join(' · '));
  if (m.dataAsOf) blocks.push(`_Catalog data as of ${escapeMarkdown(m.dataAsOf)}_`);
  return blocks.join('\n\n').trim();
}

export const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const SAFE_URL = /^https?:\/\/[^\s"'<>]+$/;

function spanHtml(s: Span): string {
  return 'code' in s ? `<code>${esc(s.code)}</code>` : 'entry' in s ? `<a href="#" data-id="${esc(s.entry)}">${esc(s.name)}</a>` : esc(s.text);
}

/**
 * The same card as HTML for the entry page's webview: every text escaped; links to other entries are
 * `data-id` anchors and external links `data-url` anchors (only http(s)), which the page's script
 * hands to the extension; no inline handlers, so the page's strict CSP holds.
 */
export function entryCardHtml(catalog: CatalogIndex, e: Entry): string {
  const m = cardModel(catalog, e, { full: true });
  const out: string[] = [];
  out.push(`<h1>${esc(m.name)}</h1><div class="sub">${esc(m.place)} · ${esc(m.kind)}</div>`);
  if (m.status) out.push(`<p class="warn"><strong>${esc(m.status.word)}${m.status.since ? ` since ${esc(m.status.since)}` : ''}</strong>${m.status.note ? ` — ${esc(m.status.note)}` : ''}</p>`);
  out.push(`<p>${esc(m.summary)}</p>`);
  if (m.successors.length) out.push(`<h2>Successor${m.successors.length > 1 ? 's' : ''}</h2><ul>${m.successors.map((s) => `<li>${spanHtml(s)}${s.reason ? ` — ${esc(s.reason)}` : ''}</li>`).join('')}</ul>`);
  if (m.succeeds.length) out.push(`<h2>Succeeds</h2><p>${m.succeeds.map(spanHtml).join(', ')}</p>`);
  if (m.alternatives.length) out.push(`<h2>Alternatives</h2><p>${m.alternatives.map(spanHtml).join(', ')}</p>`);
  if (m.facts.length) out.push(`<p class="muted">${m.facts.map((f) => `${esc(f.label)}: ${f.value.map(spanHtml).join('')}`).join(' · ')}</p>`);
  for (const l of m.lists) out.push(`<p class="muted">${esc(l.label)}: ${l.items.map(spanHtml).join(', ')}</p>`);
  const links = m.links.filter((l) => SAFE_URL.test(l.url));
  if (links.length) out.push(`<h2>Links</h2><p>${links.map((l) => `<a href="#" data-url="${esc(l.url)}">${esc(l.label)}</a>`).join(' · ')}</p>`);
  if (m.dataAsOf) out.push(`<p class="muted">Catalog data as of ${esc(m.dataAsOf)}</p>`);
  return out.join('\n');
}
