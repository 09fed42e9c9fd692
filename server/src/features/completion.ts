import type { CompletionItem } from 'vscode-languageserver';
import { CompletionItemKind, CompletionItemTag } from './lspConstants';
import type { CatalogIndex } from '../catalog/catalogIndex';
import type { FileKind, Position } from '../analysis/model';
import { statusWord } from '../analysis/rules';

interface ImageChoice { key: string; entryId: string; active: boolean }

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
        list.push({ key: img, entryId: e.id, active: e.status.value === 'active' && !catalog.imageFact(img) });
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

/** Image repositories from the catalog, with the entry's name and status; inactive ones last and struck through. */
export function completeImages(catalog: CatalogIndex, kind: FileKind, lineText: string, pos: Position): CompletionItem[] {
  const at = imagePrefix(kind, lineText.slice(0, pos.character));
  if (!at || at.prefix.includes(':') || at.prefix.includes('@')) return [];
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
      kind: CompletionItemKind.Module,
      detail: `${e.name}${state ? ` (${state})` : ''}`,
      documentation: { kind: 'plaintext', value: fact ? fact.summary : e.summary },
      textEdit: { range, newText: c.key },
      sortText: `${c.active ? '0' : '1'}${c.key.startsWith(p) ? '0' : '1'}${c.key}`,
      filterText: c.key,
      ...(c.active ? {} : { tags: [CompletionItemTag.Deprecated] }),
    });
    if (items.length >= 500) break;
  }
  return items;
}
