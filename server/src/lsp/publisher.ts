import type { Connection } from 'vscode-languageserver';
import type { OpenDocuments } from './documents';
import type { LanguageService } from '../service/languageService';

/**
 * Diagnostics of open documents. Edits arrive in bursts: each changed document is analysed once per
 * turn of the event loop, after the requests that arrived with the edits have been answered.
 */
export class DiagnosticsPublisher {
  private readonly pending = new Set<string>();
  private scheduled = false;

  constructor(
    private readonly connection: Connection,
    private readonly documents: OpenDocuments,
    private readonly service: () => LanguageService,
    private readonly logError: (what: string, err: unknown) => void,
    private readonly afterFlush: () => void,
  ) {}

  schedule(uri: string): void {
    this.pending.add(uri);
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      const uris = [...this.pending];
      this.pending.clear();
      for (const u of uris) { try { this.publish(u); } catch (err) { this.logError(`publishing ${u}`, err); } }
      this.afterFlush();
    });
  }

  /** Drops a closed document's pending publication. */
  cancel(uri: string): void { this.pending.delete(uri); }

  scheduleAll(): void {
    for (const uri of this.documents.uris()) this.schedule(uri);
  }

  private publish(uri: string): void {
    const first = this.documents.isFresh(uri);
    const a = this.documents.analysis(uri);
    this.connection.sendDiagnostics({ uri, version: this.documents.document(uri)?.version, diagnostics: a ? this.service().diagnostics(a) : [] });
    // The document's line table is built on its first edit; build it once the diagnostics are out
    // (a large diagnostics message is still being written to the pipe for a while).
    if (first) setTimeout(() => void this.documents.document(uri)?.lineCount, 250);
  }
}
