import { fileURLToPath } from 'node:url';
import type { Connection } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { AnalysisCache } from '../analysis/analyze';
import type { FileAnalysis } from '../analysis/model';
import type { LanguageService } from '../service/languageService';

export function uriToPath(uri: string): string {
  try { return uri.startsWith('file:') ? fileURLToPath(uri) : uri; } catch { return uri; }
}

interface OpenDoc { doc: TextDocument; analysis: FileAnalysis | null; analysedVersion: number; cache: AnalysisCache }

/**
 * The documents open in the editor, their text kept in sync with incremental changes, and each one's
 * analysis with its per-document cache. Analysis is lazy: a document is analysed when something asks
 * for it (diagnostics, a hover) and again only after it changed. Document sync is done here rather
 * than with TextDocuments so that each change's range reaches the cache: a keystroke re-splits only
 * the region it touched.
 */
export class OpenDocuments {
  private readonly open = new Map<string, OpenDoc>();

  constructor(private readonly service: () => LanguageService, private readonly logError: (what: string, err: unknown) => void) {}

  /** Hooks document sync to the connection; `changed` is called with the URI after every open or change, `closed` after a close. */
  listen(connection: Connection, changed: (uri: string) => void, closed: (uri: string) => void): void {
    connection.onDidOpenTextDocument(({ textDocument: t }) => {
      this.open.set(t.uri, { doc: TextDocument.create(t.uri, t.languageId, t.version, t.text), analysis: null, analysedVersion: -1, cache: new AnalysisCache() });
      changed(t.uri);
    });
    connection.onDidChangeTextDocument(({ textDocument, contentChanges }) => {
      const od = this.open.get(textDocument.uri);
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
      changed(textDocument.uri);
    });
    connection.onDidCloseTextDocument(({ textDocument: { uri } }) => {
      this.open.delete(uri);
      closed(uri);
    });
  }

  has(uri: string): boolean { return this.open.has(uri); }
  uris(): string[] { return [...this.open.keys()]; }
  document(uri: string): TextDocument | undefined { return this.open.get(uri)?.doc; }
  /** Whether the document has not been analysed since it was opened. */
  isFresh(uri: string): boolean { return this.open.get(uri)?.analysedVersion === -1; }

  /** The document's analysis at its current version (null: not open, not a kind we handle, or the analysis failed). */
  analysis(uri: string): FileAnalysis | null {
    const od = this.open.get(uri);
    if (!od) return null;
    if (od.analysedVersion === od.doc.version) return od.analysis;
    const path = uriToPath(uri);
    try {
      od.analysis = this.service().analyze({ path, text: od.doc.getText(), languageId: od.doc.languageId }, od.cache);
    } catch (err) {
      this.logError(`analysing ${path}`, err);
      od.analysis = null;
    }
    od.analysedVersion = od.doc.version;
    return od.analysis;
  }

  /** Forgets every analysis (settings or catalogs changed); the next request analyses again. */
  invalidate(): void {
    for (const od of this.open.values()) od.analysedVersion = -1;
  }

  /** The text of one line, without its line break. */
  lineText(uri: string, line: number): string {
    const doc = this.open.get(uri)?.doc;
    return doc ? doc.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } }).replace(/\r?\n$/, '') : '';
  }
}
