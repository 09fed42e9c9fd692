import * as vscode from 'vscode';
import { entryIdOf } from './commands';
import { State, type LanguageClient } from 'vscode-languageclient/node';
import { formatInventory, inventoryExport, inventoryFormatOf } from '../../server/src/common/inventoryExport';
import { Requests, type CatalogTree, type EntrySummary, type Inventory, type InventoryItem, type Usage } from '../../server/src/common/protocol';

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
  private readonly emitter = new vscode.EventEmitter<EcoNode | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;

  constructor(private readonly client: LanguageClient) {}

  refresh(): void { this.emitter.fire(undefined); }

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
      const item = new vscode.TreeItem(node.name, this.filter ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed);
      item.id = `layer:${node.id}${this.filter ? `?${this.filter}` : ''}`; // a new id per filter: VS Code would keep a collapsed layer collapsed
      item.description = `${n}`;
      item.tooltip = node.summary;
      item.iconPath = new vscode.ThemeIcon('layers');
      item.contextValue = 'layer';
      return item;
    }
    if (node.type === 'category') {
      const n = node.entries.filter((e) => this.visible(e)).length;
      const item = new vscode.TreeItem(node.name, this.filter ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed);
      item.id = `category:${node.id}${this.filter ? `?${this.filter}` : ''}`;
      item.description = `${n}`;
      item.tooltip = node.summary;
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

type InvNode =
  | { type: 'group'; label: string; items: InventoryItem[] }
  | { type: 'file'; uri: string; refs: (Usage & { entry: InventoryItem })[] }
  | { type: 'entry'; item: InventoryItem }
  | { type: 'ref'; usage: Usage; label?: string };

/** The "In This Workspace" view: every catalog entry the workspace references, inactive first, by layer or by file. */
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
    await vscode.commands.executeCommand('setContext', 'containerAtlas.inventoryEmpty', !this.inventory.entries.length);
    this.changed.fire(this.inventory);
    this.emitter.fire(undefined);
  }

  getChildren(node?: InvNode): InvNode[] {
    const inv = this.inventory;
    if (!inv) return [];
    if (!node) {
      if (this.byFile) {
        const files = new Map<string, (Usage & { entry: InventoryItem })[]>();
        for (const item of inv.entries) for (const r of item.references) files.set(r.uri, [...(files.get(r.uri) ?? []), { ...r, entry: item }]);
        return [...files.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([uri, refs]) => ({ type: 'file', uri, refs }));
      }
      const inactive = inv.entries.filter((e) => e.status !== 'active');
      const groups: InvNode[] = [];
      if (inactive.length) groups.push({ type: 'group', label: 'Inactive technologies', items: inactive });
      // Layers in the catalog's order, with its names (catalog/taxonomy.yaml, sent by the server).
      for (const layer of inv.layers) {
        const items = inv.entries.filter((e) => e.status === 'active' && e.layer === layer.id);
        if (items.length) groups.push({ type: 'group', label: layer.name, items });
      }
      return groups;
    }
    if (node.type === 'group') return node.items.map((item) => ({ type: 'entry', item }));
    if (node.type === 'entry') return node.item.references.map((usage) => ({ type: 'ref', usage }));
    if (node.type === 'file') return node.refs.map((r) => ({ type: 'ref', usage: r, label: r.entry.name }));
    return [];
  }

  getTreeItem(node: InvNode): vscode.TreeItem {
    if (node.type === 'group') {
      const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.Expanded);
      item.description = `${node.items.length}`;
      item.iconPath = new vscode.ThemeIcon(node.label.startsWith('Inactive') ? 'warning' : 'layers');
      return item;
    }
    if (node.type === 'file') {
      const uri = vscode.Uri.parse(node.uri);
      const item = new vscode.TreeItem(uri, vscode.TreeItemCollapsibleState.Collapsed);
      item.description = `${node.refs.length}`;
      return item;
    }
    if (node.type === 'entry') {
      const e = node.item;
      const item = new vscode.TreeItem(e.name, vscode.TreeItemCollapsibleState.Collapsed);
      item.id = `inv:${e.id}`;
      item.description = `${e.references.length} reference${e.references.length === 1 ? '' : 's'}${e.status !== 'active' ? ` · ${statusText(e)}` : ''}`;
      item.tooltip = e.summary;
      item.iconPath = e.status !== 'active' ? new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground')) : new vscode.ThemeIcon(KIND_ICON[e.kind] ?? 'symbol-misc');
      item.contextValue = 'entry';
      return item;
    }
    const u = node.usage;
    const uri = vscode.Uri.parse(u.uri);
    const item = new vscode.TreeItem(`${node.label ? node.label + ' · ' : ''}${vscode.workspace.asRelativePath(uri)}:${u.range.start.line + 1}`, vscode.TreeItemCollapsibleState.None);
    item.description = u.text;
    item.iconPath = new vscode.ThemeIcon('location');
    item.command = { command: 'vscode.open', title: 'Open', arguments: [uri, { selection: new vscode.Range(u.range.start.line, u.range.start.character, u.range.end.line, u.range.end.character) }] };
    return item;
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
  context.subscriptions.push(ecoView, invView, status);
  void vscode.commands.executeCommand('setContext', 'containerAtlas.hideInactive', false);
  void vscode.commands.executeCommand('setContext', 'containerAtlas.inventoryByFile', false);

  // Counts of the findings by severity, as the Problems panel counts them; shown only where there
  // are container files. Refreshed on every inventory change (analysis, scan, settings change).
  inv.onDidChangeInventory((i) => {
    const { error, warning } = i.findings;
    const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
    if (!i.files) { status.hide(); invView.badge = undefined; return; }
    status.text = `$(${error ? 'error' : warning ? 'warning' : 'check'}) Atlas: ${error || warning ? `${plural(error, 'error')}, ${plural(warning, 'warning')}` : 'no problems'}`;
    status.tooltip = `Container Atlas: ${plural(error, 'error')}, ${plural(warning, 'warning')} and ${plural(i.findings.information, 'note')} in ${plural(i.files, 'file')}; ${i.entries.length} catalog entries used, ${i.inactive} of them inactive; ${i.removedApis} removed and ${i.deprecatedApis} deprecated Kubernetes APIs. Click to see them.`;
    status.show();
    invView.badge = error + warning ? { value: error + warning, tooltip: `${plural(error, 'error')} and ${plural(warning, 'warning')} from Container Atlas` } : undefined;
  });

  const refresh = () => inv.refresh().catch(() => undefined);
  client.onNotification(Requests.inventoryChanged, refresh);
  context.subscriptions.push(
    vscode.commands.registerCommand('containerAtlas.ecosystem.filter', async () => {
      const value = await vscode.window.showInputBox({ prompt: 'Filter the ecosystem by name, alias or status (empty clears)', value: eco.filter });
      if (value === undefined) return;
      eco.filter = value.trim();
      ecoView.description = eco.filter ? `filter: ${eco.filter}` : undefined;
      await vscode.commands.executeCommand('setContext', 'containerAtlas.filtered', !!eco.filter);
      eco.refresh();
    }),
    vscode.commands.registerCommand('containerAtlas.ecosystem.clearFilter', async () => {
      eco.filter = '';
      ecoView.description = undefined;
      await vscode.commands.executeCommand('setContext', 'containerAtlas.filtered', false);
      eco.refresh();
    }),
    vscode.commands.registerCommand('containerAtlas.ecosystem.hideInactive', async () => { eco.hideInactive = true; await vscode.commands.executeCommand('setContext', 'containerAtlas.hideInactive', true); eco.refresh(); }),
    vscode.commands.registerCommand('containerAtlas.ecosystem.showInactive', async () => { eco.hideInactive = false; await vscode.commands.executeCommand('setContext', 'containerAtlas.hideInactive', false); eco.refresh(); }),
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
