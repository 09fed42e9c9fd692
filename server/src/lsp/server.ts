import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  TextDocumentSyncKind, CodeActionKind, type Connection, type InitializeParams, type InitializeResult,
  type TextDocumentPositionParams, DidChangeConfigurationNotification,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CatalogIndex } from '../catalog/catalogIndex';
import { analyze, AnalysisCache } from '../analysis/analyze';
import type { FileAnalysis, Position } from '../analysis/model';
import { kindFromPath } from '../common/fileKinds';
import { hover } from '../features/hover';
import { diagnostics } from '../features/diagnostics';
import { codeActions } from '../features/codeActions';
import { documentLinks } from '../features/documentLinks';
import { completeImages } from '../features/completion';
import { Requests, alternativesAt, alternativesForEntry, catalogTree, entryDetails, inventory, type Usage } from '../features/catalogRequests';
import { DEFAULT_SETTINGS, analysisOptions, readSettings, type Settings } from './settings';
import { WorkspaceScanner } from './workspaceScanner';
import { warmUp } from './warmUp';
import { loadCatalogData } from '../catalog/load';
import type { CatalogData } from '../catalog/types';
import { ORG_CATALOG_NAMES, rootCatalogFiles, withOrgCatalogs, formatProblem } from '../catalog/withOrgCatalogs';
import { statSync } from 'node:fs';
import { isAbsolute, resolve as resolvePath, relative as relativePath, basename } from 'node:path';
import { DiagnosticSeverity } from 'vscode-languageserver';

interface OpenDoc { doc: TextDocument; analysis: FileAnalysis | null; analysedVersion: number; cache: AnalysisCache }

function uriToPath(uri: string): string {
  try { return uri.startsWith('file:') ? fileURLToPath(uri) : uri; } catch { return uri; }
}

/**
 * The LSP adapter: keeps open documents, analyses them (coalescing bursts of edits), publishes
 * diagnostics, answers the language features and the client's custom requests, and keeps the
 * workspace scan's results. Every handler catches its own errors: a bad file never stops the server.
 */
export function startServer(connection: Connection, loadBase: () => CatalogData = loadCatalogData): void {
  const open = new Map<string, OpenDoc>();
  let catalog: CatalogIndex;
  let baseData: CatalogData;
  let trusted = true;
  let orgFiles: string[] = [];
  let publishedCatalogProblems = new Set<string>();
  let catalogKey: string | undefined;
  let settings: Settings = DEFAULT_SETTINGS;
  let options = analysisOptions(settings);
  let hasConfiguration = false;
  let hasProgress = false;
  let workspaceRoots: string[] = [];
  const pending = new Set<string>();
  let flushScheduled = false;
  let inventoryTimer: NodeJS.Timeout | undefined;

  const log = (msg: string) => connection.console.log(msg);
  const logError = (what: string, err: unknown) => connection.console.error(`${what}: ${(err as Error)?.stack ?? String(err)}`);
  // The catalog loads right after the initialize result is sent (so the editor is not kept waiting),
  // or earlier if something needs it first.
  let loadStarted = 0;
  function ensureCatalog(): void {
    if (baseData) return;
    baseData = loadBase();
    catalog = withOrgCatalogs(baseData, []).catalog;
    catalogKey = '[]';
    log(`Container Atlas: catalog of ${catalog.entries.length} entries loaded in ${Date.now() - loadStarted} ms`);
  }
  const guard = <A extends unknown[], R>(name: string, fallback: R, fn: (...args: A) => R) => (...args: A): R => {
    try { ensureCatalog(); return fn(...args); } catch (err) { logError(name, err); return fallback; }
  };

  const scanner = new WorkspaceScanner({
    analyse: (path, text) => analyze({ path, text }, catalog, options),
    publish: (path, a) => {
      if (open.has(pathToFileURL(path).toString())) return;
      connection.sendDiagnostics({ uri: pathToFileURL(path).toString(), diagnostics: a ? diagnostics(a, settings.maxDiagnosticsPerFile) : [] });
    },
    log,
    changed: () => scheduleInventoryChanged(),
  });

  function scheduleInventoryChanged() {
    if (inventoryTimer) return;
    inventoryTimer = setTimeout(() => { inventoryTimer = undefined; connection.sendNotification(Requests.inventoryChanged, {}); }, 300);
  }

  function analyseOpen(uri: string): FileAnalysis | null {
    ensureCatalog();
    const od = open.get(uri);
    if (!od) return null;
    if (od.analysedVersion === od.doc.version) return od.analysis;
    const path = uriToPath(uri);
    try {
      od.analysis = analyze({ path, text: od.doc.getText(), languageId: od.doc.languageId }, catalog, options, od.cache);
    } catch (err) {
      logError(`analysing ${path}`, err);
      od.analysis = null;
    }
    od.analysedVersion = od.doc.version;
    return od.analysis;
  }

  function publish(uri: string) {
    const first = open.get(uri)?.analysedVersion === -1;
    const a = analyseOpen(uri);
    connection.sendDiagnostics({ uri, version: open.get(uri)?.doc.version, diagnostics: a ? diagnostics(a, settings.maxDiagnosticsPerFile) : [] });
    // The document's line table is built on its first edit; build it once the diagnostics are out
    // (a large diagnostics message is still being written to the pipe for a while).
    if (first) setTimeout(() => void open.get(uri)?.doc.lineCount, 250);
  }

  // Edits arrive in bursts: analyse each changed document once per turn of the event loop.
  function schedule(uri: string) {
    pending.add(uri);
    if (flushScheduled) return;
    flushScheduled = true;
    setImmediate(() => {
      flushScheduled = false;
      const uris = [...pending];
      pending.clear();
      for (const u of uris) { try { publish(u); } catch (err) { logError(`publishing ${u}`, err); } }
      scheduleInventoryChanged();
    });
  }

  /**
   * Organisation catalogs: .container-atlas.yaml at each workspace root, and the files of
   * containerAtlas.catalogs (relative to the first root). Files outside the workspace are read only
   * in trusted workspaces. Problems are shown, logged and published as diagnostics on the file.
   */
  /** Rebuilds the catalog only when the organisation catalog files (their list, sizes or times) changed; returns whether it did. */
  function reloadCatalogs(): boolean {
    ensureCatalog();
    const files: string[] = [];
    for (const root of workspaceRoots) files.push(...rootCatalogFiles(root));
    for (const f of settings.catalogs) {
      const abs = isAbsolute(f) ? f : resolvePath(workspaceRoots[0] ?? process.cwd(), f);
      const inside = workspaceRoots.some((r) => !relativePath(r, abs).startsWith('..') && !isAbsolute(relativePath(r, abs)));
      if (!inside && !trusted) { log(`Container Atlas: ${abs} is outside the workspace; organisation catalogs outside the workspace are read only in trusted workspaces.`); continue; }
      files.push(abs);
    }
    const key = JSON.stringify(files.map((f) => { try { const st = statSync(f); return [f, st.size, st.mtimeMs]; } catch { return [f]; } }));
    if (key === catalogKey) return false;
    catalogKey = key;
    const r = withOrgCatalogs(baseData, files);
    catalog = r.catalog;
    orgFiles = files;
    if (r.loaded.length) log(`Container Atlas: organisation catalogs: ${r.loaded.join(', ')}`);
    const byFile = new Map<string, typeof r.problems>();
    for (const p of r.problems) byFile.set(p.file, [...(byFile.get(p.file) ?? []), p]);
    for (const f of publishedCatalogProblems) if (!byFile.has(f)) connection.sendDiagnostics({ uri: pathToFileURL(f).toString(), diagnostics: [] });
    publishedCatalogProblems = new Set(byFile.keys());
    for (const [file, problems] of byFile) {
      connection.sendDiagnostics({ uri: pathToFileURL(file).toString(), diagnostics: problems.map((p) => ({
        range: { start: { line: p.line - 1, character: p.column - 1 }, end: { line: p.line - 1, character: Number.MAX_SAFE_INTEGER } },
        severity: DiagnosticSeverity.Error, source: 'Container Atlas', code: 'catalog-error', message: p.message,
      })) });
      for (const p of problems) connection.console.error(`Container Atlas: ${formatProblem(p)}`);
    }
    if (r.problems.length) {
      const first = r.problems[0];
      void connection.window.showErrorMessage(`Container Atlas: ${r.problems.length} problem${r.problems.length > 1 ? 's' : ''} in organisation catalog ${basename(first.file)} (first: line ${first.line}: ${first.message}). The rest of the catalog is in use; see Problems.`);
    }
    return true;
  }

  /**
   * Reads the settings and the organisation catalogs again. Open documents and the workspace scan are
   * analysed again only if something they depend on changed: editors send configuration changes
   * for every section, and re-analysing a 10 MB manifest for nothing would stall the next keystroke.
   */
  async function refreshSettings() {
    let changed = false;
    if (hasConfiguration) {
      try {
        const raw = await connection.workspace.getConfiguration('containerAtlas');
        const { settings: s, problems } = readSettings(raw);
        for (const p of problems) connection.window.showWarningMessage(`Container Atlas: ${p}`);
        const next = analysisOptions(s);
        if (JSON.stringify(s) !== JSON.stringify(settings)) { settings = s; changed = true; }
        if (JSON.stringify(next) !== JSON.stringify(options)) { options = next; changed = true; }
      } catch (err) { logError('reading settings', err); }
    }
    if (reloadCatalogs()) changed = true;
    if (!changed) return;
    for (const od of open.values()) od.analysedVersion = -1;
    for (const uri of open.keys()) schedule(uri);
    scanner.reanalyse(settings);
  }

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    loadStarted = Date.now();
    setImmediate(() => {
      try { ensureCatalog(); } catch (err) { logError('loading the catalog', err); return; }
      if (!process.env.ATLAS_NO_WARM_UP) void warmUp(() => catalog, () => options).then((ms) => {
        log(`Container Atlas: analysis warmed up in ${ms.toFixed(0)} ms`);
        // Collect the warm-up's garbage now rather than in the middle of the first large file.
        // gc exists when the client starts the server with --expose-gc (client/src/serverEnvironment.ts).
        (globalThis as { gc?: () => void }).gc?.();
      });
    });
    trusted = (params.initializationOptions as { trusted?: boolean } | undefined)?.trusted !== false;
    hasConfiguration = !!params.capabilities.workspace?.configuration;
    hasProgress = !!params.capabilities.window?.workDoneProgress;
    workspaceRoots = (params.workspaceFolders ?? []).map((f) => uriToPath(f.uri));
    if (!workspaceRoots.length && params.rootUri) workspaceRoots = [uriToPath(params.rootUri)];
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        hoverProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        documentLinkProvider: { resolveProvider: false },
        completionProvider: { triggerCharacters: ['/', ' ', ':'] },
        workspace: { workspaceFolders: { supported: true } },
      },
      serverInfo: { name: 'container-atlas', version: typeof __VERSION__ === 'string' ? __VERSION__ : 'dev' },
    };
  });

  connection.onInitialized(async () => {
    // Until the first scan has run, the inventory is incomplete: say so.
    scanner.scanning = workspaceRoots.length > 0;
    if (hasConfiguration) connection.client.register(DidChangeConfigurationNotification.type, { section: 'containerAtlas' }).catch(() => undefined);
    await refreshSettings();
    if (settings.workspaceScan.enabled && workspaceRoots.length) void runScan();
    else scanner.scanning = false;
  });

  async function runScan() {
    scanner.scanning = true;
    const progress = hasProgress ? await connection.window.createWorkDoneProgress().catch(() => null) : null;
    progress?.begin('Container Atlas: scanning workspace', 0, 'listing files', false);
    try {
      await scanner.scan(workspaceRoots, settings, (done, total, path) => progress?.report(total ? Math.round((100 * done) / total) : 0, `${done}/${total} ${path.slice(path.lastIndexOf('/') + 1)}`));
    } catch (err) { logError('workspace scan', err); }
    progress?.done();
    scheduleInventoryChanged();
    return scanner.size;
  }

  connection.onDidChangeConfiguration(() => void refreshSettings());

  // Document sync (open, incremental changes, close). Done here rather than with TextDocuments so
  // that each change's range reaches the document's cache: a keystroke re-splits only its region.
  connection.onDidOpenTextDocument(({ textDocument: t }) => {
    open.set(t.uri, { doc: TextDocument.create(t.uri, t.languageId, t.version, t.text), analysis: null, analysedVersion: -1, cache: new AnalysisCache() });
    schedule(t.uri);
  });
  connection.onDidChangeTextDocument(({ textDocument, contentChanges }) => {
    const od = open.get(textDocument.uri);
    if (!od) return;
    // Each change applies to the text the previous one left.
    for (const change of contentChanges) {
      if ('range' in change) {
        const a = od.doc.offsetAt(change.range.start);
        const b = od.doc.offsetAt(change.range.end);
        od.cache.edited(Math.min(a, b), Math.max(a, b), change.text.length);
      } else {
        od.cache.resetSplit();
      }
      od.doc = TextDocument.update(od.doc, [change], textDocument.version);
    }
    schedule(textDocument.uri);
  });
  connection.onDidCloseTextDocument(({ textDocument: { uri } }) => {
    open.delete(uri);
    pending.delete(uri);
    const path = uriToPath(uri);
    // The file on disk is what the workspace scan knows; re-read it (the editor may not have saved).
    if (scanner.has(path)) void scanner.refresh(path);
    else connection.sendDiagnostics({ uri, diagnostics: [] });
  });

  connection.onNotification(Requests.trustChanged, (p: { trusted: boolean }) => {
    trusted = !!p?.trusted;
    void refreshSettings();
  });

  connection.onDidChangeWatchedFiles((params) => {
    let catalogChanged = false;
    for (const change of params.changes) {
      const path = uriToPath(change.uri);
      if (ORG_CATALOG_NAMES.includes(basename(path)) || orgFiles.includes(path)) { catalogChanged = true; continue; }
      if (!kindFromPath(path)) continue;
      if (change.type === 3) scanner.remove(path);
      else void scanner.refresh(path);
    }
    if (catalogChanged) void refreshSettings();
  });

  connection.onHover(guard('hover', null, (p: TextDocumentPositionParams) => {
    const a = analyseOpen(p.textDocument.uri);
    return a ? hover(catalog, a, p.position) : null;
  }));
  connection.onCodeAction(guard('codeAction', [], (p) => {
    const a = analyseOpen(p.textDocument.uri);
    return a ? codeActions(a, p.textDocument.uri, p.range, p.context.only) : [];
  }));
  connection.onDocumentLinks(guard('documentLinks', [], (p) => {
    const a = analyseOpen(p.textDocument.uri);
    return a ? documentLinks(catalog, a) : [];
  }));
  connection.onCompletion(guard('completion', [], (p) => {
    const od = open.get(p.textDocument.uri);
    const a = analyseOpen(p.textDocument.uri);
    if (!od || !a || (a.kind !== 'dockerfile' && a.kind !== 'compose' && a.kind !== 'kubernetes' && a.kind !== 'helm-template' && a.kind !== 'github-actions')) return [];
    const line = od.doc.getText({ start: { line: p.position.line, character: 0 }, end: { line: p.position.line + 1, character: 0 } }).replace(/\r?\n$/, '');
    return completeImages(catalog, a.kind, line, p.position);
  }));

  function allAnalyses(): [string, FileAnalysis][] {
    const out = new Map<string, FileAnalysis>();
    for (const [path, a] of scanner.entries()) out.set(pathToFileURL(path).toString(), a);
    for (const uri of open.keys()) {
      const a = analyseOpen(uri);
      const key = uri.startsWith('file:') ? pathToFileURL(uriToPath(uri)).toString() : uri;
      if (a) out.set(key, a); else out.delete(key);
    }
    return [...out.entries()];
  }

  function usagesOf(id: string): Usage[] {
    const out: Usage[] = [];
    for (const [uri, a] of allAnalyses()) for (const r of a.references) if (r.entry === id) out.push({ uri, range: r.range, text: r.text });
    return out;
  }

  connection.onRequest(Requests.catalogTree, guard('catalogTree', null, () => catalogTree(catalog)));
  connection.onRequest(Requests.entry, guard('entry', null, (p: { id: string }) => entryDetails(catalog, p.id, usagesOf(catalog.byNameOrAlias(p.id)?.id ?? p.id))));
  connection.onRequest(Requests.alternatives, guard('alternatives', null, (p: { uri?: string; position?: Position; id?: string }) => {
    if (p.id) {
      const e = catalog.entry(p.id);
      return e ? { reference: null, entry: e.id, options: alternativesForEntry(catalog, e) } : null;
    }
    const a = p.uri ? analyseOpen(p.uri) : null;
    return a && p.position ? alternativesAt(catalog, a, p.position) : { reference: null, options: [] };
  }));
  connection.onRequest(Requests.inventory, guard('inventory', null, () => inventory(catalog, allAnalyses(), scanner.scanning)));
  connection.onRequest(Requests.rescan, async () => runScan());

  connection.listen();
}

declare const __VERSION__: string;
