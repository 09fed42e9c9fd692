/** Shapes of the custom requests' results, as the client reads them (server/src/features/catalogRequests.ts produces them). */
export { Requests } from '../../server/src/common/protocol';

export interface Pos { line: number; character: number }
export interface Rng { start: Pos; end: Pos }
export interface EntrySummary { id: string; name: string; kind: string; layer: string; category: string; status: string; since?: string; summary: string; aliases?: string[] }
export interface CatalogTree { layers: { id: string; name: string; summary?: string; categories: { id: string; name: string; summary?: string; entries: EntrySummary[] }[] }[] }
export interface Usage { uri: string; range: Rng; text: string }
export interface EntryDetails {
  entry: EntrySummary & { successors?: { id: string; reason?: string }[]; alternatives?: string[]; homepage?: string; repository?: string; partOf?: string; parent?: string; vendor?: string; license?: string; spdx?: string; status: { value: string; since?: string; note?: string; sources?: string[] } };
  layerName: string;
  categoryName: string;
  names: Record<string, string>;
  markdown: string;
  lineage: { before: EntrySummary[]; after: EntrySummary[][] };
  predecessors: EntrySummary[];
  parts: EntrySummary[];
  usages: Usage[];
}
export interface AlternativeOption { label: string; entryId?: string; group: 'replacement' | 'successor' | 'alternative' | 'peer'; reason?: string; status?: string; summary?: string; edits?: { range: Rng; newText: string }[] }
export interface Alternatives { reference: { text: string; kind: string; range: Rng; entry: EntrySummary | null } | null; options: AlternativeOption[] }
export interface InventoryItem extends EntrySummary { references: Usage[] }
export interface Inventory { entries: InventoryItem[]; inactive: number; removedApis: number; deprecatedApis: number; files: number; scanning: boolean }
