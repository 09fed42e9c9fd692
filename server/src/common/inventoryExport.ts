import type { Inventory } from './protocol';

/**
 * The inventory as a file: what `container-atlas inventory` prints and what the In This Workspace
 * view's "Export Inventory…" writes, from the same `Inventory` (features/catalogRequests.ts). JSON
 * follows schemas/inventory.schema.json; CSV has one row per reference; Markdown a table per entry.
 */
export const INVENTORY_FORMATS = ['json', 'csv', 'markdown'] as const;
export type InventoryFormat = (typeof INVENTORY_FORMATS)[number];

/** The format a file name asks for (`.json`, `.csv`, `.md`/`.markdown`), or undefined. */
export function inventoryFormatOf(fileName: string): InventoryFormat | undefined {
  const ext = fileName.slice(fileName.lastIndexOf('.') + 1).toLowerCase();
  return ext === 'json' ? 'json' : ext === 'csv' ? 'csv' : ext === 'md' || ext === 'markdown' ? 'markdown' : undefined;
}

export interface InventoryPlace { file: string; line: number; text: string; cycle?: string; eol?: string | null }
export interface InventoryExport {
  version: 1;
  asOf: string;
  entries: { id: string; name: string; kind: string; layer: string; category: string; status: string; since?: string; references: InventoryPlace[] }[];
  unknown: (InventoryPlace & { kind: string })[];
}

/** The export's data: `file` says how a reference's URI is shown (a path relative to the workspace). */
export function inventoryExport(inv: Inventory, file: (uri: string) => string): InventoryExport {
  const place = (u: { uri: string; range: { start: { line: number } }; text: string; cycle?: string; eol?: string | null }): InventoryPlace =>
    ({ file: file(u.uri), line: u.range.start.line + 1, text: u.text, ...(u.cycle ? { cycle: u.cycle, eol: u.eol ?? null } : {}) });
  return {
    version: 1,
    asOf: inv.asOf ?? new Date().toISOString().slice(0, 10),
    entries: inv.entries.map((e) => ({ id: e.id, name: e.name, kind: e.kind, layer: e.layer, category: e.category, status: e.status, ...(e.since ? { since: e.since } : {}), references: e.references.map(place) })),
    unknown: (inv.unknown ?? []).map((u) => ({ ...place(u), kind: u.kind })),
  };
}

const csvCell = (v: unknown) => {
  const s = v === undefined || v === null ? '' : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};
const mdCell = (v: unknown) => (v === undefined || v === null ? '' : String(v)).replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

export function formatInventory(x: InventoryExport, format: InventoryFormat): string {
  if (format === 'json') return JSON.stringify(x, null, 2) + '\n';
  if (format === 'csv') {
    const rows = [['entry', 'name', 'kind', 'status', 'since', 'release', 'eol', 'file', 'line', 'reference']];
    for (const e of x.entries) for (const r of e.references) rows.push([e.id, e.name, e.kind, e.status, e.since ?? '', r.cycle ?? '', r.eol ?? '', r.file, String(r.line), r.text]);
    for (const u of x.unknown) rows.push(['', '', u.kind, 'unknown', '', u.cycle ?? '', u.eol ?? '', u.file, String(u.line), u.text]);
    return rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
  }
  const out = [`# Container inventory`, '', `As of ${x.asOf}: ${x.entries.length} technolog${x.entries.length === 1 ? 'y' : 'ies'} from the catalog, ${x.unknown.length} image reference${x.unknown.length === 1 ? '' : 's'} it does not know.`, ''];
  for (const e of x.entries) {
    out.push(`## ${mdCell(e.name)} (\`${e.id}\`)`, '', `${e.kind}, ${e.layer}/${e.category}, **${e.status}**${e.since ? ` since ${e.since}` : ''}`, '', '| where | reference | release | end of life |', '|---|---|---|---|');
    for (const r of e.references) out.push(`| ${mdCell(`${r.file}:${r.line}`)} | \`${mdCell(r.text)}\` | ${mdCell(r.cycle)} | ${mdCell(r.eol)} |`);
    out.push('');
  }
  if (x.unknown.length) {
    out.push('## Not in the catalog', '', '| where | reference |', '|---|---|');
    for (const u of x.unknown) out.push(`| ${mdCell(`${u.file}:${u.line}`)} | \`${mdCell(u.text)}\` |`);
    out.push('');
  }
  return out.join('\n');
}
