import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import { createConnection } from 'vscode-languageserver/node';
import { startServer } from '../../server/src/lsp/server';
import { ROOT, builtBundle, realCatalog } from '../helpers';

export interface Diag { range: { start: { line: number; character: number } }; code: string; message: string; severity: number; tags?: number[] }

/**
 * Speaks LSP to the language server, as an editor would: in memory by default (the server's source,
 * started on a pair of in-process streams, as compose-language-service's tests do), or as the built
 * dist/server.js over stdio (`process: true`) for what only a process shows: stdio framing, Node
 * flags, memory, the network, restarts.
 */
export class LspClient {
  /** The server process (process mode only). */
  readonly proc: ChildProcess | null = null;
  readonly conn: MessageConnection;
  readonly diagnostics = new Map<string, { version?: number; diagnostics: Diag[] }>();
  private waiters: { uri: string; pred: (d: Diag[]) => boolean; resolve: (d: Diag[]) => void }[] = [];
  readonly notifications: { method: string; params: unknown }[] = [];
  stderr = '';

  private serverConnection: { dispose(): void } | null = null;

  constructor(opts: { process?: boolean; args?: string[] } = {}) {
    if (opts.process) {
      this.proc = spawn(process.execPath, [builtBundle('server.js'), '--stdio', ...(opts.args ?? [])], { stdio: ['pipe', 'pipe', 'pipe'] });
      this.proc.stderr!.on('data', (d) => (this.stderr += d));
      this.conn = createMessageConnection(new StreamMessageReader(this.proc.stdout!), new StreamMessageWriter(this.proc.stdin!));
    } else {
      const toServer = new PassThrough();
      const toClient = new PassThrough();
      const server = createConnection(new StreamMessageReader(toServer), new StreamMessageWriter(toClient));
      // The server logs through window/logMessage; what it would print on stderr in a process is not there.
      this.serverConnection = server;
      startServer(server, () => realCatalog().data);
      this.conn = createMessageConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
    }
    this.conn.onNotification('textDocument/publishDiagnostics', (p: { uri: string; version?: number; diagnostics: Diag[] }) => {
      this.diagnostics.set(p.uri, p);
      this.waiters = this.waiters.filter((w) => {
        if (w.uri === p.uri && w.pred(p.diagnostics)) { w.resolve(p.diagnostics); return false; }
        return true;
      });
    });
    this.conn.onNotification((method: string, params: unknown) => { this.notifications.push({ method, params }); });
    this.conn.onRequest('window/workDoneProgress/create', () => null);
    this.conn.onRequest('client/registerCapability', () => null);
    this.conn.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => this.settings));
    this.conn.listen();
  }

  settings: unknown = {};

  async initialize(rootPath?: string): Promise<any> {
    const result = await this.conn.sendRequest('initialize', {
      // A server in this process must not watch this process (vscode-languageserver polls a client's processId with a timer).
      processId: this.proc ? process.pid : null,
      rootUri: rootPath ? `file://${rootPath}` : null,
      workspaceFolders: rootPath ? [{ uri: `file://${rootPath}`, name: 'ws' }] : null,
      capabilities: { workspace: { configuration: true }, window: { workDoneProgress: true }, textDocument: { hover: { contentFormat: ['markdown'] } } },
    });
    await this.conn.sendNotification('initialized', {});
    return result;
  }

  /** Resolves with the next diagnostics for uri that satisfy pred (or the current ones if they already do). */
  waitDiagnostics(uri: string, pred: (d: Diag[]) => boolean = () => true, timeoutMs = 10000): Promise<Diag[]> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no matching diagnostics for ${uri} within ${timeoutMs} ms; last: ${JSON.stringify(this.diagnostics.get(uri))}\n${this.stderr}`)), timeoutMs);
      this.waiters.push({ uri, pred, resolve: (d) => { clearTimeout(timer); resolve(d); } });
    });
  }

  open(uri: string, languageId: string, text: string, version = 1): Promise<void> {
    return this.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  }

  request<T = any>(method: string, params: unknown): Promise<T> {
    return this.conn.sendRequest(method, params) as Promise<T>;
  }

  async close(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([this.conn.sendRequest('shutdown'), new Promise((r) => { timer = setTimeout(r, 2000); })]);
      // `exit` ends the server's process: only a server of its own gets it.
      if (this.proc) await this.conn.sendNotification('exit');
    } catch { /* already gone */ } finally { clearTimeout(timer); }
    this.conn.dispose();
    this.serverConnection?.dispose();
    if (this.proc && this.proc.exitCode === null) this.proc.kill();
  }
}
