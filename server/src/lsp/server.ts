import { readTextFileSync } from '../io/readFile';
import { pathToFileURL } from 'node:url';
import { existsSync } from 'node:fs';
import {
  TextDocumentSyncKind, CodeActionKind, DidChangeConfigurationNotification,
  type Connection, type InitializeParams, type InitializeResult,
} from 'vscode-languageserver';
import { loadCatalogData } from '../catalog/load';
import type { CatalogData } from '../catalog/types';
import { kindFromPath } from '../common/fileKinds';
import { Requests } from '../common/protocol';
import { getLanguageService, type LanguageService } from '../service/languageService';
import { OpenDocuments, uriToPath } from './documents';
import { DiagnosticsPublisher } from './publisher';
import { WorkspaceCatalogs } from './catalogs';
import { WorkspaceBaseline } from './baseline';
import { registerHandlers } from './handlers';
import { WorkspaceScanner } from './workspaceScanner';
import { warmUp } from './warmUp';

/**
 * The LSP adapter over the language service. This file wires the pieces, each in a module of its own:
 * open documents and their caches (documents.ts), diagnostics scheduling (publisher.ts), request
 * handlers (handlers.ts), the workspace scan (workspaceScanner.ts), organisation catalogs
 * (catalogs.ts); settings go through the service's one validator (service/settings.ts).
 * `loadBase` gives the built-in catalog (tests pass their own).
 */
export function startServer(connection: Connection, loadBase: () => CatalogData = loadCatalogData): void {
  const log = (msg: string) => connection.console.log(msg);
  const logError = (what: string, err: unknown) => connection.console.error(`${what}: ${(err as Error)?.stack ?? String(err)}`);

  // The catalog loads right after the initialize result is sent (so the editor is not kept waiting),
  // or earlier if a request needs it first.
  let svc: LanguageService | undefined;
  let loadStarted = Date.now();
  const service = (): LanguageService => {
    if (!svc) {
      svc = getLanguageService({ catalog: loadBase(), host: { exists: existsSync, readText: (f) => readTextFileSync(f, 4 * 1024 * 1024).text } });
      log(`Container Atlas: catalog of ${svc.catalog.entries.length} entries loaded in ${Date.now() - loadStarted} ms`);
    }
    return svc;
  };

  let trusted = true;
  let editorMarkup = false;
  let hasConfiguration = false;
  let hasProgress = false;
  let roots: string[] = [];
  let inventoryTimer: NodeJS.Timeout | undefined;
  const inventoryChanged = () => {
    if (inventoryTimer) return;
    inventoryTimer = setTimeout(() => {
      inventoryTimer = undefined;
      // The connection may be gone by now (the client disconnected): nothing to tell.
      try { void connection.sendNotification(Requests.inventoryChanged, {}).catch(() => undefined); } catch { /* disposed */ }
    }, 300);
  };

  const documents = new OpenDocuments(service, logError);
  const publisher = new DiagnosticsPublisher(connection, documents, service, logError, inventoryChanged);
  const catalogs = new WorkspaceCatalogs(connection, log);
  const baseline = new WorkspaceBaseline((msg) => void connection.window.showWarningMessage(msg));
  const scanner = new WorkspaceScanner({
    analyse: (path, read) => service().analyseRead(path, path, read),
    publish: (path, a) => {
      const uri = pathToFileURL(path).toString();
      if (documents.has(uri)) return;
      connection.sendDiagnostics({ uri, diagnostics: a ? service().diagnostics(a) : [] });
    },
    log,
    changed: inventoryChanged,
  });

  let documentOpened = false;
  documents.listen(connection, (uri) => { documentOpened = true; publisher.schedule(uri); }, (uri) => {
    publisher.cancel(uri);
    const path = uriToPath(uri);
    // The file on disk is what the workspace scan knows; re-read it (the editor may not have saved).
    if (scanner.has(path)) void scanner.refresh(path);
    else connection.sendDiagnostics({ uri, diagnostics: [] });
  });

  /**
   * Reads the settings and the organisation catalogs again. Open documents and the workspace scan are
   * analysed again only if something they depend on changed: editors send configuration changes for
   * every section, and re-analysing a 10 MB manifest for nothing would stall the next keystroke.
   */
  async function refreshSettings(): Promise<void> {
    const s = service();
    let changed = false;
    if (hasConfiguration) {
      try {
        const raw = await connection.workspace.getConfiguration('containerAtlas');
        const before = JSON.stringify([s.settings, s.options]);
        for (const p of s.configure(raw)) void connection.window.showWarningMessage(`Container Atlas: ${p}`);
        changed = JSON.stringify([s.settings, s.options]) !== before;
      } catch (err) { logError('reading settings', err); }
    }
    if (catalogs.reload(s, roots, trusted)) changed = true;
    if (baseline.reload(s, roots) && !changed) {
      // The baseline changes only the severities diagnostics are shown at: publish again, analyse nothing.
      publisher.scheduleAll();
      scanner.republish();
      return;
    }
    if (!changed) return;
    documents.invalidate();
    publisher.scheduleAll();
    scanner.reanalyse(s.settings);
  }

  async function runScan(): Promise<number> {
    scanner.scanning = true;
    const progress = hasProgress ? await connection.window.createWorkDoneProgress().catch(() => null) : null;
    progress?.begin('Container Atlas: scanning workspace', 0, 'listing files', false);
    try {
      await scanner.scan(roots, service().settings, (done, total, path) => progress?.report(total ? Math.round((100 * done) / total) : 0, `${done}/${total} ${path.slice(path.lastIndexOf('/') + 1)}`));
    } catch (err) { logError('workspace scan', err); }
    progress?.done();
    inventoryChanged();
    return scanner.size;
  }

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    loadStarted = Date.now();
    setImmediate(() => {
      try { service(); } catch (err) { logError('loading the catalog', err); return; }
      if (!process.env.ATLAS_NO_WARM_UP) void warmUp(() => service().catalog, () => service().options, () => documentOpened).then((ms) => {
        if (ms === null) { log('Container Atlas: warm-up stopped: a document was opened'); return; }
        log(`Container Atlas: analysis warmed up in ${ms.toFixed(0)} ms`);
        // Collect the warm-up's garbage now rather than in the middle of the first large file.
        // gc exists when the client starts the server with --expose-gc (client/src/serverEnvironment.ts).
        (globalThis as { gc?: () => void }).gc?.();
      });
    });
    const init = params.initializationOptions as { trusted?: boolean; editorMarkup?: boolean } | undefined;
    trusted = init?.trusted !== false;
    editorMarkup = init?.editorMarkup === true;
    hasConfiguration = !!params.capabilities.workspace?.configuration;
    hasProgress = !!params.capabilities.window?.workDoneProgress;
    roots = (params.workspaceFolders ?? []).map((f) => uriToPath(f.uri));
    if (!roots.length && params.rootUri) roots = [uriToPath(params.rootUri)];
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
    scanner.scanning = roots.length > 0;
    if (hasConfiguration) connection.client.register(DidChangeConfigurationNotification.type, { section: 'containerAtlas' }).catch(() => undefined);
    await refreshSettings();
    if (service().settings.workspaceScan.enabled && roots.length) void runScan();
    else scanner.scanning = false;
  });

  connection.onDidChangeConfiguration(() => void refreshSettings());
  connection.onNotification(Requests.trustChanged, (p: { trusted: boolean }) => {
    trusted = !!p?.trusted;
    void refreshSettings();
  });
  connection.onDidChangeWatchedFiles((params) => {
    let catalogChanged = false;
    for (const change of params.changes) {
      const path = uriToPath(change.uri);
      if (catalogs.concerns(path) || baseline.concerns(path)) { catalogChanged = true; continue; }
      if (!kindFromPath(path)) continue;
      if (change.type === 3) scanner.remove(path);
      else void scanner.refresh(path);
    }
    if (catalogChanged) void refreshSettings();
  });

  registerHandlers({ connection, documents, scanner, service, logError, rescan: runScan, editorMarkup: () => editorMarkup, roots: () => roots });
  connection.listen();
}

declare const __VERSION__: string;
