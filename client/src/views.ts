import * as vscode from 'vscode';
import { entryIdOf } from './commands';
import { State, type LanguageClient } from 'vscode-languageclient/node';
import { formatInventory, inventoryExport, inventoryFormatOf } from '../../server/src/common/inventoryExport';
import { Requests, type Attention, type CatalogTree, type EntrySummary, type Inventory, type InventoryItem, type Usage } from '../../server/src/common/protocol';
import { SEVERITIES, type Severity } from '../../server/src/common/model';

const KIND_ICON: Record<string, string> = {
  specification: 'book', runtime: 'gear', tool: 'tools', library: 'library', platform: 'layers', orchestrator: 'server-process',
  registry: 'package', os: 'vm', service: 'cloud', plugin: 'plug', operator: 'robot', hypervisor: 'vm-outline', 'language-runtime': 'symbol-namespace', database: 'database', filesystem: 'files',
  format: 'file-code', image: 'file-media', vendor: 'organization', foundation: 'home', community: 'people',
};

type EcoNode =
  | { type: 'layer'; id: string; name: string; summary?: string; categories: CatalogTree['layers'][number]['categories'] }
  | { type: 'category'; id: string; name: string; summary?: string; entries: EntrySummary[] }
  | { type: 'entry'; entry: EntrySummary; relation?: string; depth: number };

const statusText = (e: EntrySummary) => (e.status === 'active' ? '' : `${e.status}${e.since ? ` ${e.since.slice(0, 4)}` : ''}`);

/** The Ecosystem view: layer › category › entry, with successors, alternatives and parts under each entry. */
export class EcosystemProvider implements vscode.TreeDataProvider<EcoNode> {
  private tree: CatalogTree | undefined;
  private byId = new Map<string, EntrySummary>();
  private details = new Map<string, { successors?: { id: string }[]; alternatives?: string[]; parts: EntrySummary[] }>();
  filter = '';
  hideInactive = false;
  /**
   * Bumped on every new filter: filtered layers and categories get ids of their own, so they open
   * expanded (matches are never hidden under a closed category) and, once the filter is cleared,
   * the tree is back as the user left it.
   */
  filterGeneration = 0;
  /** Layers and categories the user has open in the unfiltered tree, restored when a filter is cleared. */
  readonly open = new Set<string>();
  private readonly emitter = new vscode.EventEmitter<EcoNode | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;

  constructor(private readonly client: LanguageClient) {}

  refresh(): void { this.emitter.fire(undefined); }

  private idSuffix(): string { return this.filter ? `@filter${this.filterGeneration}` : ''; }

  /** Filtered: open (matches show at once); unfiltered: as the user left it. */
  private stateOf(id: string): vscode.TreeItemCollapsibleState {
    return this.filter || this.open.has(id) ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed;
  }

  /** Follows the user's opening and closing of the unfiltered tree (filtered ids carry a suffix and are not kept). */
  track(view: vscode.TreeView<EcoNode>): vscode.Disposable[] {
    const idOf = (n: EcoNode) => (n.type === 'layer' ? `layer:${n.id}` : n.type === 'category' ? `category:${n.id}` : undefined);
    return [
      view.onDidExpandElement((e) => { const id = idOf(e.element); if (id && !this.filter) this.open.add(id); }),
      view.onDidCollapseElement((e) => { const id = idOf(e.element); if (id && !this.filter) this.open.delete(id); }),
    ];
  }

  /** How many entries the filter (and Hide Inactive) leaves visible. */
  async visibleCount(): Promise<number> {
    const tree = await this.load();
    let n = 0;
    for (const l of tree.layers) for (const c of l.categories) for (const e of c.entries) if (this.visible(e)) n++;
    return n;
  }

  private async load(): Promise<CatalogTree> {
    if (!this.tree) {
      this.tree = await this.client.sendRequest<CatalogTree>(Requests.catalogTree);
      for (const l of this.tree.layers) for (const c of l.categories) for (const e of c.entries) this.byId.set(e.id, e);
    }
    return this.tree;
  }

  private visible(e: EntrySummary): boolean {
    if (this.hideInactive && e.status !== 'active') return false;
    if (!this.filter) return true;
    const f = this.filter.toLowerCase();
    return [e.name, e.id, e.status, ...(e.aliases ?? [])].some((s) => s.toLowerCase().includes(f));
  }

  async getChildren(node?: EcoNode): Promise<EcoNode[]> {
    const tree = await this.load();
    if (!node) {
      return tree.layers
        .map((l): EcoNode => ({ type: 'layer', id: l.id, name: l.name, summary: l.summary, categories: l.categories }))
        .filter((l) => l.type === 'layer' && l.categories.some((c) => c.entries.some((e) => this.visible(e))));
    }
    if (node.type === 'layer') {
      return node.categories.filter((c) => c.entries.some((e) => this.visible(e))).map((c) => ({ type: 'category', id: c.id, name: c.name, summary: c.summary, entries: c.entries }));
    }
    if (node.type === 'category') return node.entries.filter((e) => this.visible(e)).map((e) => ({ type: 'entry', entry: e, depth: 0 }));
    if (node.depth >= 3) return [];
    let d = this.details.get(node.entry.id);
    if (!d) {
      const r = await this.client.sendRequest<{ entry: { successors?: { id: string }[]; alternatives?: string[] }; parts: EntrySummary[] } | null>(Requests.entry, { id: node.entry.id });
      d = { successors: r?.entry.successors, alternatives: r?.entry.alternatives, parts: r?.parts ?? [] };
      this.details.set(node.entry.id, d);
    }
    const out: EcoNode[] = [];
    for (const s of d.successors ?? []) { const e = this.byId.get(s.id); if (e) out.push({ type: 'entry', entry: e, relation: 'successor', depth: node.depth + 1 }); }
    for (const a of d.alternatives ?? []) { const e = this.byId.get(a); if (e) out.push({ type: 'entry', entry: e, relation: 'alternative', depth: node.depth + 1 }); }
    for (const e of d.parts) out.push({ type: 'entry', entry: e, relation: 'part', depth: node.depth + 1 });
    return out;
  }

  getTreeItem(node: EcoNode): vscode.TreeItem {
    if (node.type === 'layer') {
      const n = node.categories.reduce((s, c) => s + c.entries.filter((e) => this.visible(e)).length, 0);
      const item = new vscode.TreeItem(node.name, this.stateOf(`layer:${node.id}`));
      item.id = `layer:${node.id}${this.idSuffix()}`;
      item.description = `${n}`;
      item.tooltip = node.summary;
      item.accessibilityInformation = { label: `${node.name}, ${plural(n, 'entry', 'entries')}` };
      item.iconPath = new vscode.ThemeIcon('layers');
      item.contextValue = 'layer';
      return item;
    }
    if (node.type === 'category') {
      const n = node.entries.filter((e) => this.visible(e)).length;
      const item = new vscode.TreeItem(node.name, this.stateOf(`category:${node.id}`));
      item.id = `category:${node.id}${this.idSuffix()}`;
      item.description = `${n}`;
      item.tooltip = node.summary;
      item.accessibilityInformation = { label: `${node.name}, ${plural(n, 'entry', 'entries')}` };
      item.iconPath = new vscode.ThemeIcon('folder');
      item.contextValue = 'category';
      return item;
    }
    const e = node.entry;
    const inactive = e.status !== 'active';
    const item = new vscode.TreeItem(e.name, node.depth < 3 ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
    item.id = node.depth === 0 ? `entry:${e.id}` : undefined;
    item.description = [node.relation, statusText(e)].filter(Boolean).join(' · ');
    const md = new vscode.MarkdownString();
    md.appendText(`${e.name}${inactive ? ` (${statusText(e)})` : ''}\n\n${e.summary}`);
    item.tooltip = md;
    item.iconPath = inactive ? new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground')) : new vscode.ThemeIcon(KIND_ICON[e.kind] ?? 'symbol-misc');
    item.contextValue = 'entry';
    item.command = { command: 'containerAtlas.openEntry', title: 'Open Entry', arguments: [e.id] };
    item.accessibilityInformation = { label: [e.name, node.relation, inactive ? statusText(e) : 'active'].filter(Boolean).join(', ') };
    return item;
  }

  getParent(node: EcoNode): EcoNode | undefined {
    if (!this.tree || node.type === 'layer') return undefined;
    for (const l of this.tree.layers) {
      if (node.type === 'category' && l.categories.some((c) => c.id === node.id)) return { type: 'layer', id: l.id, name: l.name, summary: l.summary, categories: l.categories };
      for (const c of l.categories) if (node.type === 'entry' && node.depth === 0 && c.entries.some((e) => e.id === node.entry.id)) return { type: 'category', id: c.id, name: c.name, summary: c.summary, entries: c.entries };
    }
    return undefined;
  }

  async nodeFor(id: string): Promise<EcoNode | undefined> {
    await this.load();
    const e = this.byId.get(id);
    return e ? { type: 'entry', entry: e, depth: 0 } : undefined;
  }
}

type FileRef = Usage & { entry?: InventoryItem; repository?: string };
type InvNode =
  | { type: 'attention'; findings: Attention[]; total: number }
  | { type: 'attentionFile'; uri: string; path: string; findings: Attention[]; expanded: boolean }
  | { type: 'finding'; finding: Attention }
  | { type: 'more'; count: number }
  | { type: 'group'; label: string; items: InventoryItem[] }
  | { type: 'unknown'; repositories: { repository: string; refs: Usage[] }[]; count: number }
  | { type: 'repository'; repository: string; refs: Usage[] }
  | { type: 'file'; uri: string; path: string; refs: FileRef[] }
  | { type: 'entry'; item: InventoryItem }
  | { type: 'ref'; usage: Usage; label?: string };

const SEVERITY_ICON: Record<Severity, vscode.ThemeIcon> = {
  error: new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground')),
  warning: new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground')),
  information: new vscode.ThemeIcon('info'),
  hint: new vscode.ThemeIcon('lightbulb'),
};
/** The attention group's files start open when it holds at most this many findings. */
const ATTENTION_OPEN = 10;
const worstOf = (f: Attention[]): Severity => SEVERITIES[Math.min(...f.map((x) => SEVERITIES.indexOf(x.severity)))];
const plural = (n: number, w: string, ws = `${w}s`) => `${n} ${n === 1 ? w : ws}`;
const relative = (uri: string) => vscode.workspace.asRelativePath(vscode.Uri.parse(uri));
const byPlace = (a: { range: Usage['range'] }, b: { range: Usage['range'] }) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character;
/** The editor selection of a range the server sent. */
const selectionOf = (r: Usage['range']) => new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
const openAt = (uri: string, range: Usage['range']): vscode.Command => ({ command: 'vscode.open', title: 'Open', arguments: [vscode.Uri.parse(uri), { selection: selectionOf(range) }] });

/**
 * The "In This Workspace" view: what needs attention (every finding, most severe first), then every
 * catalog entry the workspace references (inactive first, by layer, or by file), then the image
 * repositories the catalog does not know.
 */
export class InventoryProvider implements vscode.TreeDataProvider<InvNode> {
  inventory: Inventory | undefined;
  byFile = false;
  private readonly emitter = new vscode.EventEmitter<InvNode | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private readonly changed = new vscode.EventEmitter<Inventory>();
  readonly onDidChangeInventory = this.changed.event;

  constructor(private readonly client: LanguageClient) {}

  async refresh(): Promise<void> {
    this.inventory = await this.client.sendRequest<Inventory>(Requests.inventory);
    const i = this.inventory;
    await vscode.commands.executeCommand('setContext', 'containerAtlas.inventoryEmpty', !i.entries.length && !i.attention?.length && !i.unknown?.length);
    this.changed.fire(i);
    this.emitter.fire(undefined);
  }

  getChildren(node?: InvNode): InvNode[] {
    const inv = this.inventory;
    if (!inv) return [];
    if (!node) {
      const groups: InvNode[] = [];
      const total = inv.findings.error + inv.findings.warning + inv.findings.information + inv.findings.hint;
      if (inv.attention?.length) groups.push({ type: 'attention', findings: inv.attention, total });
      if (this.byFile) {
        const files = new Map<string, FileRef[]>();
        const add = (r: FileRef) => files.set(r.uri, [...(files.get(r.uri) ?? []), r]);
        for (const item of inv.entries) for (const r of item.references) add({ ...r, entry: item });
        for (const u of inv.unknown ?? []) add(u);
        const rows = [...files.entries()].map(([uri, refs]): InvNode => ({ type: 'file', uri, path: relative(uri), refs: refs.sort(byPlace) }));
        return [...groups, ...rows.sort((a, b) => (a.type === 'file' && b.type === 'file' ? a.path.localeCompare(b.path) : 0))];
      }
      const inactive = inv.entries.filter((e) => e.status !== 'active');
      if (inactive.length) groups.push({ type: 'group', label: 'Inactive technologies', items: inactive });
      // Layers in the catalog's order, with its names (catalog/taxonomy.yaml, sent by the server).
      for (const layer of inv.layers) {
        const items = inv.entries.filter((e) => e.status === 'active' && e.layer === layer.id);
        if (items.length) groups.push({ type: 'group', label: layer.name, items });
      }
      if (inv.unknown?.length) {
        const repos = new Map<string, Usage[]>();
        for (const u of inv.unknown) { const r = u.repository ?? u.text; repos.set(r, [...(repos.get(r) ?? []), u]); }
        const repositories = [...repos.entries()].map(([repository, refs]) => ({ repository, refs })).sort((a, b) => b.refs.length - a.refs.length || a.repository.localeCompare(b.repository));
        groups.push({ type: 'unknown', repositories, count: inv.unknown.length });
      }
      return groups;
    }
    if (node.type === 'attention') {
      // By file (most severe first, then by path), each file's findings by line; small lists open.
      const files = new Map<string, Attention[]>();
      for (const f of node.findings) files.set(f.uri, [...(files.get(f.uri) ?? []), f]);
      const rows = [...files.entries()].map(([uri, findings]) => ({ type: 'attentionFile' as const, uri, path: relative(uri), findings: findings.sort(byPlace), expanded: node.total <= ATTENTION_OPEN }));
      const rank = (f: Attention[]) => SEVERITIES.indexOf(worstOf(f));
      rows.sort((a, b) => rank(a.findings) - rank(b.findings) || a.path.localeCompare(b.path));
      return [...rows, ...(node.total > node.findings.length ? [{ type: 'more', count: node.total - node.findings.length } as InvNode] : [])];
    }
    if (node.type === 'attentionFile') return node.findings.map((finding) => ({ type: 'finding', finding }));
    if (node.type === 'group') return node.items.map((item) => ({ type: 'entry', item }));
    if (node.type === 'unknown') return node.repositories.map((r) => ({ type: 'repository', ...r }));
    if (node.type === 'repository') return node.refs.map((usage) => ({ type: 'ref', usage }));
    if (node.type === 'entry') return node.item.references.map((usage) => ({ type: 'ref', usage }));
    if (node.type === 'file') return node.refs.map((r) => ({ type: 'ref', usage: r, label: r.entry?.name ?? 'not in the catalog' }));
    return [];
  }

  getTreeItem(node: InvNode): vscode.TreeItem {
    switch (node.type) {
      case 'attention': {
        const item = new vscode.TreeItem('Needs attention', vscode.TreeItemCollapsibleState.Expanded);
        item.id = 'inv-group:attention';
        item.description = `${node.total}`;
        item.iconPath = SEVERITY_ICON[worstOf(node.findings)];
        item.tooltip = 'Every finding in the workspace, most severe first: click one to go to it.';
        item.accessibilityInformation = { label: `Needs attention, ${plural(node.total, 'finding')}` };
        return item;
      }
      case 'attentionFile': {
        const item = new vscode.TreeItem(node.path, node.expanded ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed);
        item.id = `inv-attention:${node.uri}`;
        item.resourceUri = vscode.Uri.parse(node.uri);
        item.iconPath = SEVERITY_ICON[worstOf(node.findings)];
        item.description = `${node.findings.length}`;
        item.accessibilityInformation = { label: `${node.path}, ${plural(node.findings.length, 'finding')}, worst ${worstOf(node.findings)}` };
        return item;
      }
      case 'finding': {
        const f = node.finding;
        const place = `${relative(f.uri)}:${f.range.start.line + 1}`;
        const item = new vscode.TreeItem(f.message, vscode.TreeItemCollapsibleState.None);
        item.description = `line ${f.range.start.line + 1}`;
        item.tooltip = `${f.severity}: ${f.message} (${f.rule}) at ${place}`;
        item.iconPath = SEVERITY_ICON[f.severity];
        item.contextValue = f.entry ? 'finding.entry' : 'finding';
        item.command = openAt(f.uri, f.range);
        item.accessibilityInformation = { label: `${f.severity}: ${f.message}, ${place}` };
        return item;
      }
      case 'more': {
        const item = new vscode.TreeItem(`${plural(node.count, 'more finding')} in the Problems panel`, vscode.TreeItemCollapsibleState.None);
        item.iconPath = new vscode.ThemeIcon('ellipsis');
        item.command = { command: 'workbench.actions.view.problems', title: 'Show Problems' };
        return item;
      }
      case 'group': {
        const inactive = node.label === 'Inactive technologies';
        const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.Expanded);
        item.id = `inv-group:${node.label}`;
        item.description = `${node.items.length}`;
        item.iconPath = new vscode.ThemeIcon(inactive ? 'warning' : 'layers');
        item.accessibilityInformation = { label: `${node.label}, ${plural(node.items.length, 'technology', 'technologies')}` };
        return item;
      }
      case 'unknown': {
        const item = new vscode.TreeItem('Not in the catalog', vscode.TreeItemCollapsibleState.Collapsed);
        item.id = 'inv-group:unknown';
        item.description = `${node.repositories.length}`;
        item.iconPath = new vscode.ThemeIcon('question');
        item.tooltip = `${plural(node.count, 'image reference')} to ${plural(node.repositories.length, 'repository', 'repositories')} that no catalog entry knows: Container Atlas says nothing about them.`;
        item.accessibilityInformation = { label: `Not in the catalog, ${plural(node.repositories.length, 'image repository', 'image repositories')}` };
        return item;
      }
      case 'repository': {
        const item = new vscode.TreeItem(node.repository, vscode.TreeItemCollapsibleState.Collapsed);
        item.description = plural(node.refs.length, 'reference');
        item.iconPath = new vscode.ThemeIcon('file-media');
        item.contextValue = 'unknown';
        item.accessibilityInformation = { label: `${node.repository}, ${plural(node.refs.length, 'reference')}, not in the catalog` };
        return item;
      }
      case 'file': {
        const item = new vscode.TreeItem(node.path, vscode.TreeItemCollapsibleState.Collapsed);
        item.resourceUri = vscode.Uri.parse(node.uri);
        item.iconPath = vscode.ThemeIcon.File;
        item.description = plural(node.refs.length, 'reference');
        item.accessibilityInformation = { label: `${node.path}, ${plural(node.refs.length, 'reference')}` };
        return item;
      }
      case 'entry': {
        const e = node.item;
        const item = new vscode.TreeItem(e.name, vscode.TreeItemCollapsibleState.Collapsed);
        item.id = `inv:${e.id}`;
        item.description = `${plural(e.references.length, 'reference')}${e.status !== 'active' ? ` · ${statusText(e)}` : ''}`;
        item.tooltip = e.summary;
        item.iconPath = e.severity ? SEVERITY_ICON[e.severity] : e.status !== 'active' ? SEVERITY_ICON.warning : new vscode.ThemeIcon(KIND_ICON[e.kind] ?? 'symbol-misc');
        item.contextValue = 'entry';
        item.command = { command: 'containerAtlas.openEntry', title: 'Open Entry', arguments: [e.id] };
        const state = [e.status !== 'active' ? statusText(e) : '', e.severity ? `has ${e.severity === 'information' ? 'notes' : `${e.severity}s`}` : ''].filter(Boolean).join(', ');
        item.accessibilityInformation = { label: `${e.name}, ${plural(e.references.length, 'reference')}${state ? `, ${state}` : ''}` };
        return item;
      }
      case 'ref': {
        const u = node.usage;
        const place = `${relative(u.uri)}:${u.range.start.line + 1}`;
        const item = new vscode.TreeItem(`${node.label ? node.label + ' · ' : ''}${node.label ? `line ${u.range.start.line + 1}` : place}`, vscode.TreeItemCollapsibleState.None);
        item.description = u.text;
        item.iconPath = u.severity ? SEVERITY_ICON[u.severity] : new vscode.ThemeIcon('location');
        item.command = openAt(u.uri, u.range);
        item.accessibilityInformation = { label: `${node.label ? node.label + ', ' : ''}${u.text} at ${place}` };
        return item;
      }
    }
  }
}

/**
 * Export Inventory…: the workspace's inventory written as `container-atlas inventory` prints it
 * (common/inventoryExport.ts), in the format the file name asks for (.json, .csv, .md). `target`
 * skips the save dialog. Written through a temporary file and a rename.
 */
async function exportInventory(client: LanguageClient, target?: vscode.Uri): Promise<void> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const uri = target ?? await vscode.window.showSaveDialog({
    title: 'Export Inventory',
    defaultUri: folder ? vscode.Uri.joinPath(folder, 'container-inventory.md') : undefined,
    filters: { Markdown: ['md'], CSV: ['csv'], JSON: ['json'] },
  });
  if (!uri) return;
  const format = inventoryFormatOf(uri.path);
  if (!format) { void vscode.window.showErrorMessage(`Container Atlas: cannot export the inventory to ${uri.path.slice(uri.path.lastIndexOf('/') + 1)}: name the file .json, .csv or .md.`); return; }
  try {
    let inv = await client.sendRequest<Inventory>(Requests.inventory);
    // An export lists the whole workspace: while the scan runs, wait for it (rescan resolves when it is complete).
    if (inv.scanning) {
      await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Container Atlas: waiting for the workspace scan to finish' }, () => client.sendRequest(Requests.rescan));
      inv = await client.sendRequest<Inventory>(Requests.inventory);
    }
    const text = formatInventory(inventoryExport(inv, (u) => vscode.workspace.asRelativePath(vscode.Uri.parse(u), false)), format);
    const tmp = uri.with({ path: `${uri.path}.atlas-${Date.now()}.tmp` });
    await vscode.workspace.fs.writeFile(tmp, new TextEncoder().encode(text));
    await vscode.workspace.fs.rename(tmp, uri, { overwrite: true });
    void vscode.window.showInformationMessage(`Container Atlas: inventory of ${inv.entries.length} technologies and ${inv.unknown?.length ?? 0} unknown images written to ${vscode.workspace.asRelativePath(uri, false)}.`);
  } catch (err) {
    void vscode.window.showErrorMessage(`Container Atlas: cannot export the inventory to ${uri.fsPath}: ${(err as Error).message}`);
  }
}

export function registerViews(context: vscode.ExtensionContext, client: LanguageClient): void {
  const eco = new EcosystemProvider(client);
  const ecoView = vscode.window.createTreeView('containerAtlas.ecosystem', { treeDataProvider: eco, showCollapseAll: true });
  const inv = new InventoryProvider(client);
  const invView = vscode.window.createTreeView('containerAtlas.inventory', { treeDataProvider: inv, showCollapseAll: true });
  const status = vscode.window.createStatusBarItem('containerAtlas.status', vscode.StatusBarAlignment.Left, 50);
  status.name = 'Container Atlas';
  status.command = 'containerAtlas.inventory.focus';
  context.subscriptions.push(ecoView, invView, status, ...eco.track(ecoView));
  void vscode.commands.executeCommand('setContext', 'containerAtlas.hideInactive', false);
  void vscode.commands.executeCommand('setContext', 'containerAtlas.inventoryByFile', false);

  // Counts of the findings by severity, as the Problems panel counts them; shown only where there
  // are container files. Refreshed on every inventory change (analysis, scan, settings change).
  inv.onDidChangeInventory((i) => {
    const { error, warning } = i.findings;
    if (!i.files) { status.hide(); invView.badge = undefined; return; }
    status.text = `$(${error ? 'error' : warning ? 'warning' : 'check'}) Atlas: ${error || warning ? `${plural(error, 'error')}, ${plural(warning, 'warning')}` : 'no problems'}`;
    status.tooltip = `Container Atlas: ${plural(error, 'error')}, ${plural(warning, 'warning')} and ${plural(i.findings.information, 'note')} in ${plural(i.files, 'file')}; ${i.entries.length} catalog entries used, ${i.inactive} of them inactive; ${i.removedApis} removed and ${i.deprecatedApis} deprecated Kubernetes APIs. Click to see them.`;
    status.show();
    invView.badge = error + warning ? { value: error + warning, tooltip: `${plural(error, 'error')} and ${plural(warning, 'warning')} from Container Atlas` } : undefined;
  });

  // The filter's result is said above the tree: how many entries match, or that none does and what to do.
  const showFilterResult = async () => {
    const n = eco.filter || eco.hideInactive ? await eco.visibleCount() : -1;
    const what = [eco.filter ? `match "${eco.filter}"` : '', eco.hideInactive ? 'are active' : ''].filter(Boolean).join(' and ');
    ecoView.message = n === 0 ? `No catalog entry ${eco.filter ? `matches "${eco.filter}"${eco.hideInactive ? ' among the active ones' : ''}` : 'is active'}. Try a shorter name or an alias, or clear the filter.` : n > 0 && eco.filter ? `${n} entr${n === 1 ? 'y' : 'ies'} ${what}.` : undefined;
    eco.refresh();
  };
  const setFilter = async (value: string) => {
    eco.filter = value;
    eco.filterGeneration++;
    ecoView.description = eco.filter ? `filter: ${eco.filter}` : undefined;
    await vscode.commands.executeCommand('setContext', 'containerAtlas.filtered', !!eco.filter);
    await showFilterResult();
  };

  const refresh = () => inv.refresh().catch(() => undefined);
  client.onNotification(Requests.inventoryChanged, refresh);
  context.subscriptions.push(
    vscode.commands.registerCommand('containerAtlas.ecosystem.filter', async () => {
      const value = await vscode.window.showInputBox({ prompt: 'Filter the ecosystem by name, alias or status (empty clears)', value: eco.filter });
      if (value === undefined) return;
      await setFilter(value.trim());
    }),
    vscode.commands.registerCommand('containerAtlas.ecosystem.clearFilter', () => setFilter('')),
    vscode.commands.registerCommand('containerAtlas.ecosystem.hideInactive', async () => { eco.hideInactive = true; await vscode.commands.executeCommand('setContext', 'containerAtlas.hideInactive', true); await showFilterResult(); }),
    vscode.commands.registerCommand('containerAtlas.ecosystem.showInactive', async () => { eco.hideInactive = false; await vscode.commands.executeCommand('setContext', 'containerAtlas.hideInactive', false); await showFilterResult(); }),
    vscode.commands.registerCommand('containerAtlas.inventory.groupByFile', async () => { inv.byFile = true; await vscode.commands.executeCommand('setContext', 'containerAtlas.inventoryByFile', true); await refresh(); }),
    vscode.commands.registerCommand('containerAtlas.inventory.groupByLayer', async () => { inv.byFile = false; await vscode.commands.executeCommand('setContext', 'containerAtlas.inventoryByFile', false); await refresh(); }),
    vscode.commands.registerCommand('containerAtlas.inventory.export', (target?: vscode.Uri) => exportInventory(client, target)),
    vscode.commands.registerCommand('containerAtlas.revealInTree', async (arg?: unknown) => {
      const id = entryIdOf(arg);
      if (!id) return;
      const node = await eco.nodeFor(id);
      if (node) await ecoView.reveal(node, { select: true, focus: true, expand: false });
    }),
    vscode.commands.registerCommand('containerAtlas.showWhereUsed', async (arg?: unknown) => {
      const id = entryIdOf(arg);
      if (!id) return;
      const d = await client.sendRequest<{ entry: { name: string }; usages: Usage[] } | null>(Requests.entry, { id });
      if (!d?.usages.length) { void vscode.window.showInformationMessage(`${d?.entry.name ?? id} is not used in this workspace.`); return; }
      const pick = await vscode.window.showQuickPick(d.usages.map((u) => ({ label: `${vscode.workspace.asRelativePath(vscode.Uri.parse(u.uri))}:${u.range.start.line + 1}`, description: u.text, u })), { placeHolder: `Where ${d.entry.name} is used` });
      if (pick) await vscode.window.showTextDocument(vscode.Uri.parse(pick.u.uri), { selection: new vscode.Range(pick.u.range.start.line, pick.u.range.start.character, pick.u.range.end.line, pick.u.range.end.character) });
    }),
  );
  // First inventory once the server is up (also after a restart), then on every change notification.
  context.subscriptions.push(client.onDidChangeState((e) => { if (e.newState === State.Running) { eco.refresh(); void refresh(); } }));
}
