/**
 * The custom requests between the VS Code client (or any other client) and the server: method
 * names and result shapes, declared once. The server's features produce these types and the client
 * reads them (client/src imports this module).
 */
import type { Range, Severity, TextEdit } from './model';

export const Requests = {
  catalogTree: 'containerAtlas/catalogTree',
  entry: 'containerAtlas/entry',
  alternatives: 'containerAtlas/alternatives',
  inventory: 'containerAtlas/inventory',
  rescan: 'containerAtlas/rescan',
  inventoryChanged: 'containerAtlas/inventoryChanged',
  trustChanged: 'containerAtlas/trustChanged',
} as const;

/**
 * The extension's commands that hover cards link to (`command:` URIs). The client trusts hover
 * Markdown for these commands only (`isTrusted.enabledCommands`); every other command URI is inert.
 */
export const HoverCommands = {
  /** `{ id }`: the entry page. */
  openEntry: 'containerAtlas.openEntry',
  /** `{ position }`: Suggest Alternative for the reference at that position of the active editor. */
  alternatives: 'containerAtlas.suggestAlternative',
  /** `{ position }`: the quick fixes at that position of the active editor. */
  fix: 'containerAtlas.fixAt',
} as const;

/** One catalog entry, as lists and trees show it. */
export interface EntrySummary { id: string; name: string; kind: string; layer: string; category: string; status: string; since?: string; summary: string; aliases?: string[] }

/** `containerAtlas/catalogTree`: the whole catalog by layer and category. */
export interface CatalogTree { layers: { id: string; name: string; summary?: string; categories: { id: string; name: string; summary?: string; entries: EntrySummary[] }[] }[] }

/** Where a catalog entry is referenced; for an image tag, the release cycle it belongs to and the cycle's end of life; the worst finding on the token. */
export interface Usage {
  uri: string; range: Range; text: string; cycle?: string; eol?: string | null; severity?: Severity;
  /** The release cycle by ids: the catalog's product (eolProducts) and its cycle. */
  release?: { product: string; cycle: string };
}

/** The fields of a catalog entry the entry page reads. */
export interface EntryView {
  id: string; name: string; kind: string; layer: string; category: string; summary: string; aliases?: string[];
  successors?: { id: string; reason?: string }[]; alternatives?: string[]; homepage?: string; repository?: string;
  partOf?: string; parent?: string; vendor?: string; license?: string; spdx?: string;
  status: { value: string; since?: string; note?: string; sources?: string[] };
}

/**
 * `containerAtlas/entry`: an entry page. The entry card comes rendered by the server
 * (features/entryCard.ts) as Markdown for any client; `html` is the whole entry page's body for
 * VS Code's webview (features/entryPage.ts: card, versions, lineage, parts, usages by file).
 */
export interface EntryDetails {
  entry: EntryView;
  layerName: string;
  categoryName: string;
  names: Record<string, string>;
  markdown: string;
  html: string;
  /** The entry's kind in words ("Language runtime"). */
  kindName: string;
  /** Columns of the lineage: predecessors' steps, the entry (column `self`), successors' steps; `edges` are successor links. */
  lineage: { steps: EntrySummary[][]; self: number; edges: [string, string][] };
  predecessors: EntrySummary[];
  parts: EntrySummary[];
  usages: Usage[];
}

export interface AlternativeOption {
  label: string;
  entryId?: string;
  /** upgrade: a supported release of the same image family; replacement: another mechanical rewrite; then other technologies. */
  group: 'upgrade' | 'replacement' | 'successor' | 'alternative' | 'peer';
  reason?: string;
  status?: string;
  summary?: string;
  edits?: TextEdit[];
  /** Beyond the first few peers: clients show it behind a "More…" item. */
  more?: boolean;
}

/** `containerAtlas/alternatives`: what to use instead of the reference at a position, or of an entry. */
export interface Alternatives { reference: { text: string; kind: string; range: Range; entry: EntrySummary | null } | null; entry?: string; options: AlternativeOption[] }

/** An entry the workspace uses; `severity`: the worst finding on any of its references. */
export interface InventoryItem extends EntrySummary { references: Usage[]; severity?: Severity }

/** `containerAtlas/inventory`: what the workspace uses. */
export interface Inventory {
  entries: InventoryItem[];
  layers: { id: string; name: string }[];
  /** Findings of every analysed file by severity, as the Problems panel counts them. */
  findings: { error: number; warning: number; information: number; hint: number };
  inactive: number; removedApis: number; deprecatedApis: number; files: number; scanning: boolean;
  /** The day end of life is judged against (YYYY-MM-DD). */
  asOf?: string;
  /** Image references no catalog entry knows, in file order, with the repository they name (the catalog key). */
  unknown?: (Usage & { kind: string; repository?: string })[];
  /**
   * The findings of every analysed file, most severe first, then by file and line: the view's
   * "Needs attention" group. At most ATTENTION_LIMIT; the counts in `findings` are of all of them.
   */
  attention?: Attention[];
}

/** One finding as the In This Workspace view lists it. */
export interface Attention { uri: string; range: Range; rule: string; severity: Severity; message: string; entry?: string }

/** How many findings the inventory request lists (the view says how many more there are). */
export const ATTENTION_LIMIT = 500;
