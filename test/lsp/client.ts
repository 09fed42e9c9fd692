import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import { ROOT } from '../helpers';

export interface Diag { range: { start: { line: number; character: number } }; code: string; message: string; severity: number; tags?: number[] }

/** Starts dist/server.js over stdio and speaks LSP to it, as an editor would. */
export class LspClient {
  readonly proc: ChildProcess;
  readonly conn: MessageConnection;
  readonly diagnostics = new Map<string, { version?: number; diagnostics: Diag[] }>();
  private waiters: { uri: string; pred: (d: Diag[]) => boolean; resolve: (d: Diag[]) => void }[] = [];
  readonly notifications: { method: string; params: unknown }[] = [];
  stderr = '';

  constructor(extraArgs: string[] = []) {
    this.proc = spawn(process.execPath, [join(ROOT, 'dist', 'server.js'), '--stdio', ...extraArgs], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.proc.stderr!.on('data', (d) => (this.stderr += d));
    this.conn = createMessageConnection(new StreamMessageReader(this.proc.stdout!), new StreamMessageWriter(this.proc.stdin!));
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
      processId: process.pid,
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
    try { await Promise.race([this.conn.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]); await this.conn.sendNotification('exit'); } catch { /* already gone */ }
    this.conn.dispose();
    if (this.proc.exitCode === null) this.proc.kill();
  }
}
