import type { CatalogIndex } from '../catalog/catalogIndex';
import type { Entry } from '../catalog/types';
import { statusWord } from '../analysis/rules';
import { code, escapeMarkdown, link } from './markdown';

const LICENSE: Record<string, string> = { 'open-source': 'open source', commercial: 'commercial', 'open-core': 'open core', freeware: 'freeware' };

/** The Markdown card of one catalog entry: the body of hovers, the entry page and `explain`. */
export function entryCard(catalog: CatalogIndex, e: Entry, opts: { full?: boolean } = {}): string {
  const lines: string[] = [];
  const layer = catalog.layerName(e.layer);
  lines.push(`**${escapeMarkdown(e.name)}** · ${escapeMarkdown(layer)} › ${escapeMarkdown(catalog.categoryName(e.category))} · _${escapeMarkdown(e.kind)}_`);
  lines.push('');
  if (e.status.value !== 'active') {
    const since = e.status.since ? ` since ${escapeMarkdown(e.status.since)}` : '';
    lines.push(`⚠️ **${escapeMarkdown(statusWord(e.status.value)[0].toUpperCase() + statusWord(e.status.value).slice(1))}${since}**${e.status.note ? ` — ${escapeMarkdown(e.status.note)}` : ''}`);
    lines.push('');
  }
  lines.push(escapeMarkdown(e.summary));
  lines.push('');
  if (e.successors?.length) {
    lines.push(`**Successor${e.successors.length > 1 ? 's' : ''}:** ` + e.successors.map((s) => {
      const t = catalog.entry(s.id);
      return `**${escapeMarkdown(t?.name ?? s.id)}**${s.reason ? ` — ${escapeMarkdown(s.reason)}` : ''}`;
    }).join('; '));
    lines.push('');
  }
  const preds = catalog.predecessors(e.id);
  if (preds.length && opts.full) {
    lines.push(`**Succeeds:** ${preds.map((p) => escapeMarkdown(p.name)).join(', ')}`);
    lines.push('');
  }
  if (e.alternatives?.length) {
    lines.push(`**Alternatives:** ${e.alternatives.map((a) => escapeMarkdown(catalog.entry(a)?.name ?? a)).join(', ')}`);
    lines.push('');
  }
  const facts: string[] = [];
  if (e.vendor) facts.push(`Vendor: ${escapeMarkdown(catalog.entry(e.vendor)?.name ?? e.vendor)}`);
  if (e.maintainer) facts.push(`Maintainer: ${escapeMarkdown(catalog.entry(e.maintainer)?.name ?? e.maintainer)}`);
  if (e.license) facts.push(`Licence: ${escapeMarkdown(LICENSE[e.license] ?? e.license)}${e.spdx ? ` (${escapeMarkdown(e.spdx)})` : ''}`);
  if (e.partOf) facts.push(`Part of: ${escapeMarkdown(catalog.entry(e.partOf)?.name ?? e.partOf)}`);
  if (e.parent) facts.push(`Grew out of: ${escapeMarkdown(catalog.entry(e.parent)?.name ?? e.parent)}`);
  if (facts.length) { lines.push(facts.join(' · ')); lines.push(''); }
  if (opts.full) {
    if (e.images?.length) { lines.push(`Images: ${e.images.map(code).join(', ')}`); lines.push(''); }
    if (e.commands?.length) { lines.push(`Commands: ${e.commands.map(code).join(', ')}`); lines.push(''); }
    if (e.aliases?.length) { lines.push(`Also known as: ${e.aliases.map(escapeMarkdown).join(', ')}`); lines.push(''); }
  }
  const links: string[] = [];
  if (e.homepage) links.push(link('Homepage', e.homepage));
  if (e.repository && e.repository !== e.homepage) links.push(link('Repository', e.repository));
  (e.status.sources ?? []).forEach((s, i) => links.push(link(`Source ${i + 1}`, s)));
  if (links.length) lines.push(links.join(' · '));
  return lines.join('\n').trim();
}
