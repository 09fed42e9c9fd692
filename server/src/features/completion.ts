import type { CompletionItem } from 'vscode-languageserver';
import { CompletionItemKind, CompletionItemTag } from './lspConstants';
import type { CatalogIndex } from '../catalog/catalogIndex';
import type { FileKind, Position } from '../analysis/model';
import { statusWord } from '../analysis/rules';

interface ImageChoice { key: string; entryId: string; active: boolean; official: boolean }

const cache = new WeakMap<CatalogIndex, ImageChoice[]>();

function choices(catalog: CatalogIndex): ImageChoice[] {
  let list = cache.get(catalog);
  if (!list) {
    const seen = new Set<string>();
    list = [];
    for (const e of catalog.entries) {
      for (const img of e.images ?? []) {
        if (img.includes('*') || seen.has(img)) continue;
        seen.add(img);
        list.push({ key: img, entryId: e.id, active: e.status.value === 'active' && !catalog.imageFact(img), official: !!catalog.data.officialImages?.[img] });
      }
    }
    cache.set(catalog, list);
  }
  return list;
}

/** The partial image name being typed after FROM or image:, or null when the cursor is elsewhere. */
export function imagePrefix(kind: FileKind, lineText: string): { prefix: string; start: number } | null {
  const m = kind === 'dockerfile'
    ? /^(\s*FROM\s+(?:--platform=\S+\s+)?)(\S*)$/i.exec(lineText)
    : /^(\s*(?:-\s+)?image\s*:\s*["']?)([^\s"']*)$/.exec(lineText);
  return m ? { prefix: m[2], start: m[1].length } : null;
}

/**
 * After `name:` of an official image, the tags it publishes on a supported release, each with its end
 * of life; floating tags (26, 26-alpine) before patch pins.
 */
function completeTags(catalog: CatalogIndex, key: string, typed: string, range: { start: Position; end: Position }, asOf: string): CompletionItem[] {
  const groups = catalog.officialTags(key);
  if (!groups) return [];
  const items: CompletionItem[] = [];
  const seen = new Set<string>();
  for (const tags of groups) {
    for (const tag of tags) {
      if (seen.has(tag) || (typed && !tag.startsWith(typed))) continue;
      seen.add(tag);
      const cycle = catalog.eolCycle(key, tag);
      if (cycle?.cycle.eol && cycle.cycle.eol <= asOf) continue;
      const os = catalog.osCycle(key, tag);
      if (os?.cycle.eol && os.cycle.eol <= asOf) continue;
      const parts = tag.split(/[.-]/).length;
      items.push({
        label: tag,
        kind: CompletionItemKind.Value,
        detail: cycle ? `${cycle.product.name} ${cycle.cycle.cycle}: ${cycle.cycle.eol ? `supported until ${cycle.cycle.eol}` : 'supported'}` : undefined,
        textEdit: { range, newText: tag },
        sortText: `${String(parts).padStart(2, '0')}${tag}`,
        filterText: tag,
      });
      if (items.length >= 500) return items;
    }
  }
  return items;
}

/**
 * Image repositories from the catalog, with the entry's name and status: official images first,
 * deprecated ones last with the Deprecated tag; after `name:` the image's supported tags.
 */
export function completeImages(catalog: CatalogIndex, kind: FileKind, lineText: string, pos: Position, asOf = new Date().toISOString().slice(0, 10)): CompletionItem[] {
  const at = imagePrefix(kind, lineText.slice(0, pos.character));
  if (!at || at.prefix.includes('@')) return [];
  const colon = at.prefix.lastIndexOf(':');
  if (colon >= 0) {
    if (at.prefix.indexOf('/', colon) >= 0) return [];
    const key = at.prefix.slice(0, colon).replace(/^docker\.io\/(library\/)?/, '');
    return completeTags(catalog, key, at.prefix.slice(colon + 1), { start: { line: pos.line, character: at.start + colon + 1 }, end: pos }, asOf);
  }
  const range = { start: { line: pos.line, character: at.start }, end: pos };
  const p = at.prefix.toLowerCase();
  const items: CompletionItem[] = [];
  for (const c of choices(catalog)) {
    if (p && !c.key.includes(p)) continue;
    const e = catalog.entry(c.entryId)!;
    const fact = catalog.imageFact(c.key);
    const state = fact ? `${fact.status} image` : e.status.value !== 'active' ? statusWord(e.status.value) : '';
    items.push({
      label: c.key,
      kind: CompletionItemKind.Class,
      detail: `${e.name}${state ? ` (${state})` : ''}`,
      documentation: { kind: 'plaintext', value: fact ? fact.summary : e.summary },
      textEdit: { range, newText: c.key },
      sortText: `${c.active ? '0' : '1'}${c.official ? '0' : '1'}${c.key.startsWith(p) ? '0' : '1'}${c.key}`,
      filterText: c.key,
      ...(c.active ? {} : { tags: [CompletionItemTag.Deprecated] }),
    });
    if (items.length >= 500) break;
  }
  return items;
}
