import { pathToFileURL } from 'node:url';
import type { Connection, TextDocumentPositionParams } from 'vscode-languageserver';
import type { FileAnalysis, Position } from '../analysis/model';
import { Requests, type Usage } from '../common/protocol';
import type { LanguageService } from '../service/languageService';
import { usageOf } from '../features/catalogRequests';
import { uriToPath, type OpenDocuments } from './documents';
import type { WorkspaceScanner } from './workspaceScanner';

export interface HandlerContext {
  connection: Connection;
  documents: OpenDocuments;
  scanner: WorkspaceScanner;
  /** The service, once the catalog is loaded (it loads on first need). */
  service: () => LanguageService;
  logError: (what: string, err: unknown) => void;
  rescan: () => Promise<number>;
  /** Whether the client renders VS Code's hover markup (codicons, command links): our client says so at initialize. */
  editorMarkup: () => boolean;
  /** The workspace folders (paths). */
  roots: () => string[];
}

/**
 * The language features and the custom requests: each a thin call into the language service with the
 * document's analysis. Every handler catches its own errors: a bad file never stops the server.
 */
export function registerHandlers(ctx: HandlerContext): void {
  const { connection, documents, scanner, service } = ctx;
  const guard = <A extends unknown[], R>(name: string, fallback: R, fn: (...args: A) => R) => (...args: A): R => {
    try { return fn(...args); } catch (err) { ctx.logError(name, err); return fallback; }
  };

  connection.onHover(guard('hover', null, (p: TextDocumentPositionParams) => {
    const a = documents.analysis(p.textDocument.uri);
    return a ? service().hover(a, p.position, ctx.editorMarkup()) : null;
  }));
  connection.onCodeAction(guard('codeAction', [], (p) => {
    const a = documents.analysis(p.textDocument.uri);
    return a ? service().codeActions(a, p.textDocument.uri, p.range, p.context.only, documents.document(p.textDocument.uri)?.getText()) : [];
  }));
  connection.onDocumentLinks(guard('documentLinks', [], (p) => {
    const a = documents.analysis(p.textDocument.uri);
    return a ? service().documentLinks(a) : [];
  }));
  connection.onCompletion(guard('completion', [], (p) => {
    const a = documents.analysis(p.textDocument.uri);
    return a ? service().completion(a, documents.lineText(p.textDocument.uri, p.position.line), p.position) : [];
  }));

  /** Every analysis the server holds: the workspace scan's, with open documents' in their place. */
  function allAnalyses(): [string, FileAnalysis][] {
    const out = new Map<string, FileAnalysis>();
    for (const [path, a] of scanner.entries()) out.set(pathToFileURL(path).toString(), a);
    for (const uri of documents.uris()) {
      const a = documents.analysis(uri);
      const key = uri.startsWith('file:') ? pathToFileURL(uriToPath(uri)).toString() : uri;
      if (a) out.set(key, a); else out.delete(key);
    }
    return [...out.entries()];
  }

  function usagesOf(id: string): Usage[] {
    const out: Usage[] = [];
    const catalog = service().catalog;
    for (const [uri, a] of allAnalyses()) for (const r of a.references) if (r.entry === id) out.push(usageOf(catalog, uri, r));
    return out;
  }

  connection.onRequest(Requests.catalogTree, guard('catalogTree', null, () => service().catalogTree()));
  connection.onRequest(Requests.entry, guard('entry', null, (p: { id: string }) => {
    const s = service();
    return s.entry(p.id, usagesOf(s.catalog.byNameOrAlias(p.id)?.id ?? p.id), ctx.roots());
  }));
  connection.onRequest(Requests.alternatives, guard('alternatives', null, (p: { uri?: string; position?: Position; id?: string }) =>
    service().alternatives({ id: p.id, analysis: p.uri ? documents.analysis(p.uri) : null, position: p.position })));
  connection.onRequest(Requests.inventory, guard('inventory', null, () => service().inventory(allAnalyses(), scanner.scanning)));
  connection.onRequest(Requests.rescan, () => ctx.rescan());
}
