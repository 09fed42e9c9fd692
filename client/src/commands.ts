import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { Requests, type Alternatives, type AlternativeOption, type CatalogTree, type EntrySummary } from '../../server/src/common/protocol';
import { EntryPanel } from './entryPanel';

const GROUP_LABEL: Record<AlternativeOption['group'], string> = {
  upgrade: 'Supported releases',
  replacement: 'Replacements',
  successor: 'Successors',
  alternative: 'Alternatives',
  peer: 'Peers that do the same job',
};

async function pickEntry(client: LanguageClient, placeHolder: string): Promise<EntrySummary | undefined> {
  const tree = await client.sendRequest<CatalogTree>(Requests.catalogTree);
  const items: (vscode.QuickPickItem & { entry: EntrySummary })[] = [];
  for (const l of tree.layers) for (const c of l.categories) for (const e of c.entries) {
    items.push({
      label: e.name,
      description: `${c.name}${e.status !== 'active' ? ` · ${e.status}${e.since ? ` ${e.since}` : ''}` : ''}`,
      detail: e.summary + (e.aliases?.length ? ` (also: ${e.aliases.join(', ')})` : ''),
      entry: e,
    });
  }
  const pick = await vscode.window.showQuickPick(items, { placeHolder, matchOnDescription: true, matchOnDetail: true });
  return pick?.entry;
}

/**
 * The catalog entry a command was invoked on: an id, an Ecosystem node (`{ entry }`), an In This
 * Workspace node (`{ item }`), or `{ id }` from a command link. Every context-menu command in both
 * views resolves its target through this one function.
 */
export function entryIdOf(arg: unknown): string | undefined {
  if (typeof arg === 'string') return arg;
  if (!arg || typeof arg !== 'object') return undefined;
  const a = arg as { id?: unknown; entry?: { id?: string }; item?: { id?: string }; finding?: { entry?: string } };
  return a.entry?.id ?? a.item?.id ?? a.finding?.entry ?? (typeof a.id === 'string' ? a.id : undefined);
}

/** A "Needs attention" node of In This Workspace: the finding's file and place. */
function findingOf(arg: unknown): { uri: string; range: { start: { line: number; character: number }; end: { line: number; character: number } } } | undefined {
  const f = (arg as { finding?: { uri?: unknown; range?: unknown } } | undefined)?.finding;
  return f && typeof f.uri === 'string' && f.range ? (f as ReturnType<typeof findingOf>) : undefined;
}

/** The name Copy Name copies: an entry's, or an unknown image repository's. */
function nameOf(arg: unknown): string | undefined {
  const a = arg as { entry?: { name?: string }; item?: { name?: string }; repository?: string } | undefined;
  return a?.entry?.name ?? a?.item?.name ?? a?.repository;
}

/** A hover card link's argument: `{ position }` in the active editor. */
function isPositionArg(arg: unknown): arg is { position: { line: number; character: number } } {
  const p = (arg as { position?: { line?: unknown; character?: unknown } } | undefined)?.position;
  return !!p && typeof p.line === 'number' && typeof p.character === 'number';
}

export function registerCommands(context: vscode.ExtensionContext, client: LanguageClient, output: vscode.LogOutputChannel): void {
  const reg = (id: string, fn: (...args: any[]) => unknown) => context.subscriptions.push(vscode.commands.registerCommand(id, fn));

  reg('containerAtlas.openEntry', async (arg?: unknown) => {
    let id = entryIdOf(arg);
    if (!id) id = (await pickEntry(client, 'Open which catalog entry?'))?.id;
    if (id) await EntryPanel.show(client, id);
  });

  reg('containerAtlas.searchCatalog', async () => {
    const e = await pickEntry(client, 'Search the container ecosystem catalog (names and aliases)');
    if (e) await EntryPanel.show(client, e.id);
  });

  reg('containerAtlas.suggestAlternative', async (uriArg?: string | vscode.Uri | { id?: string; entry?: EntrySummary; item?: EntrySummary } | { position: { line: number; character: number } }, posArg?: vscode.Position | { line: number; character: number }) => {
    let params: { uri?: string; position?: { line: number; character: number }; id?: string } | undefined;
    let named: string | undefined;
    const editor = vscode.window.activeTextEditor;
    const finding = findingOf(uriArg);
    // From a finding in In This Workspace: its file, opened at the finding (a rewrite edits it there).
    if (finding) {
      const r = finding.range;
      await vscode.window.showTextDocument(vscode.Uri.parse(finding.uri), { selection: new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character) });
      params = { uri: finding.uri, position: r.start };
    // From a view's context menu (either view) the node says which entry; from the editor, the cursor does.
    } else if (uriArg && typeof uriArg === 'object' && !(uriArg instanceof vscode.Uri) && entryIdOf(uriArg)) {
      params = { id: entryIdOf(uriArg) };
      named = nameOf(uriArg);
    } else if (editor && isPositionArg(uriArg)) {
      // From a hover card's link: the reference at that position of the editor the card is in.
      params = { uri: editor.document.uri.toString(), position: { line: uriArg.position.line, character: uriArg.position.character } };
    } else if (typeof uriArg === 'string' && posArg) {
      params = { uri: uriArg, position: { line: posArg.line, character: posArg.character } };
    } else if (editor) {
      params = { uri: editor.document.uri.toString(), position: { line: editor.selection.active.line, character: editor.selection.active.character } };
    }
    let result = params ? await client.sendRequest<Alternatives | null>(Requests.alternatives, params) : null;
    let subject = result?.reference?.text ?? named;
    if (!result || (!result.reference && !params?.id) || !result.options.length) {
      const e = await pickEntry(client, 'No recognized reference under the cursor: suggest alternatives for which technology?');
      if (!e) return;
      result = await client.sendRequest<Alternatives | null>(Requests.alternatives, { id: e.id });
      subject = e.name;
      if (!result?.options.length) { void vscode.window.showInformationMessage(`Container Atlas knows no alternatives for ${e.name}.`); return; }
    }
    // Options marked `more` (peers past the first few) wait behind a "More…" item.
    const toItems = (options: AlternativeOption[], withMore: boolean) => {
      const items: (vscode.QuickPickItem & { option?: AlternativeOption; more?: true })[] = [];
      let group: string | undefined;
      for (const o of options) {
        if (withMore && o.more) continue;
        if (o.group !== group) { group = o.group; items.push({ label: GROUP_LABEL[o.group], kind: vscode.QuickPickItemKind.Separator }); }
        items.push({
          label: `${o.edits?.length ? '$(replace) ' : ''}${o.label}`,
          description: [o.status && o.status !== 'active' ? o.status : '', o.reason ?? ''].filter(Boolean).join(' · '),
          detail: o.summary,
          option: o,
        });
      }
      const hidden = options.filter((o) => o.more).length;
      if (withMore && hidden) items.push({ label: `$(ellipsis) More… (${hidden} more peers)`, more: true });
      return items;
    };
    const placeHolder = `Alternatives to ${subject ?? 'this reference'}`;
    let pick = await vscode.window.showQuickPick(toItems(result.options, true), { placeHolder, matchOnDescription: true, matchOnDetail: true });
    if (pick?.more) pick = await vscode.window.showQuickPick(toItems(result.options, false), { placeHolder, matchOnDescription: true, matchOnDetail: true });
    const o = pick?.option;
    if (!o) return;
    if (o.edits?.length && params?.uri) {
      const uri = vscode.Uri.parse(params.uri);
      const edit = new vscode.WorkspaceEdit();
      for (const e of o.edits) edit.replace(uri, new vscode.Range(e.range.start.line, e.range.start.character, e.range.end.line, e.range.end.character), e.newText);
      const ok = await vscode.workspace.applyEdit(edit);
      if (!ok) void vscode.window.showErrorMessage(`Container Atlas: could not rewrite ${subject} to ${o.label}; the document may have changed. Try again.`);
    } else if (o.entryId) {
      await EntryPanel.show(client, o.entryId);
    }
  });

  // From a hover card's Fix link: the quick fixes of the reference the card is about.
  reg('containerAtlas.fixAt', async (arg?: unknown) => {
    const editor = vscode.window.activeTextEditor;
    if (!editor || !isPositionArg(arg)) return;
    const p = new vscode.Position(arg.position.line, arg.position.character);
    editor.selection = new vscode.Selection(p, p);
    await vscode.commands.executeCommand('editor.action.quickFix');
  });

    reg('containerAtlas.rescan', async () => {
    const n = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Container Atlas: scanning workspace…' }, () => client.sendRequest<number>(Requests.rescan));
    void vscode.window.setStatusBarMessage(`Container Atlas: ${n} files analysed`, 4000);
  });

  reg('containerAtlas.showOutput', () => output.show(true));

  // From a diagnostic's quick fixes: set one rule's severity in containerAtlas.rules (workspace settings when a folder is open).
  reg('containerAtlas.changeSeverity', async (rule?: string) => {
    if (!rule) return;
    const config = vscode.workspace.getConfiguration('containerAtlas');
    const current = (config.get<Record<string, string>>('rules') ?? {})[rule];
    const choices = ['error', 'warning', 'information', 'hint', 'off'].map((s) => ({ label: s, description: s === current ? 'current' : undefined }));
    const pick = await vscode.window.showQuickPick(choices, { placeHolder: `Severity of ${rule} (containerAtlas.rules)` });
    if (!pick) return;
    const target = vscode.workspace.workspaceFolders?.length ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
    await config.update('rules', { ...(config.get<Record<string, string>>('rules') ?? {}), [rule]: pick.label }, target);
  });

  // The bundled sample is copied to the extension's storage so that it can be edited freely.
  reg('containerAtlas.openSample', async () => {
    const source = vscode.Uri.joinPath(context.extensionUri, 'samples', 'workspace');
    const target = vscode.Uri.joinPath(context.globalStorageUri, 'sample-workspace');
    try {
      await vscode.workspace.fs.stat(target);
    } catch {
      await vscode.workspace.fs.createDirectory(context.globalStorageUri);
      await vscode.workspace.fs.copy(source, target, { overwrite: false });
    }
    await vscode.commands.executeCommand('vscode.openFolder', target, { forceNewWindow: true });
  });

  reg('containerAtlas.openHomepage', async (node?: unknown) => {
    const id = entryIdOf(node);
    if (!id) return;
    const details = await client.sendRequest<{ entry: { homepage?: string; repository?: string; name: string } } | null>(Requests.entry, { id });
    const url = details?.entry.homepage ?? details?.entry.repository;
    if (url) await vscode.env.openExternal(vscode.Uri.parse(url));
    else void vscode.window.showInformationMessage(`The catalog has no homepage for ${details?.entry.name ?? id}.`);
  });

  reg('containerAtlas.copyName', async (node?: unknown) => {
    const name = nameOf(node);
    if (name) await vscode.env.clipboard.writeText(name);
  });
}
