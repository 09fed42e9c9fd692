// A minimal editor-like LSP client over stdio, with timing helpers, for the benchmark.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const { createMessageConnection, StreamMessageReader, StreamMessageWriter } = require('vscode-jsonrpc/node');

export const now = () => Number(process.hrtime.bigint()) / 1e6;

/** VmRSS of a process in MB, from /proc (Linux). */
export function rssMB(pid) {
  try {
    const m = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : NaN;
  } catch { return NaN; }
}

export class BenchClient {
  /** @param {{ command: string, args: string[], settings?: object, name: string, env?: object }} server (env: the process environment; default this one's) */
  constructor(server) {
    this.server = server;
    this.spawnedAt = now();
    this.proc = spawn(server.command, server.args, { stdio: ['pipe', 'pipe', 'pipe'], env: { ...(server.env ?? process.env), NODE_OPTIONS: '' } });
    this.stderr = '';
    this.proc.stderr.on('data', (d) => { if (this.stderr.length < 20000) this.stderr += d; });
    this.conn = createMessageConnection(new StreamMessageReader(this.proc.stdout), new StreamMessageWriter(this.proc.stdin));
    this.waiters = [];
    this.diagCount = new Map();
    this.conn.onNotification('textDocument/publishDiagnostics', (p) => {
      const t = now();
      this.diagCount.set(p.uri, (this.diagCount.get(p.uri) ?? 0) + 1);
      this.waiters = this.waiters.filter((w) => {
        if (w.uri === p.uri) { w.resolve({ t, diagnostics: p.diagnostics }); return false; }
        return true;
      });
    });
    this.conn.onNotification(() => {});
    const settings = server.settings ?? {};
    this.conn.onRequest('workspace/configuration', (p) => p.items.map((it) => {
      if (!it.section) return settings;
      let v = settings;
      for (const k of it.section.split('.')) v = v?.[k];
      return v ?? null;
    }));
    this.conn.onRequest('window/workDoneProgress/create', () => null);
    this.conn.onRequest('client/registerCapability', () => null);
    this.conn.onRequest('client/unregisterCapability', () => null);
    this.conn.onRequest('workspace/workspaceFolders', () => null);
    this.conn.onRequest(() => null);
    this.conn.listen();
  }

  get pid() { return this.proc.pid; }

  async initialize() {
    const result = await this.conn.sendRequest('initialize', {
      processId: process.pid,
      rootUri: null,
      workspaceFolders: null,
      capabilities: {
        workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true } },
        window: { workDoneProgress: false },
        textDocument: {
          synchronization: { didSave: true, dynamicRegistration: false },
          hover: { contentFormat: ['markdown', 'plaintext'] },
          publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
        },
      },
      initializationOptions: this.server.initializationOptions,
    });
    this.initializedAt = now();
    this.capabilities = result.capabilities;
    await this.conn.sendNotification('initialized', {});
    if (this.server.settings) await this.conn.sendNotification('workspace/didChangeConfiguration', { settings: this.server.settings });
    return result;
  }

  /** 2 = incremental, 1 = full, as the server advertises. */
  get syncKind() {
    const s = this.capabilities?.textDocumentSync;
    return typeof s === 'number' ? s : s?.change ?? 1;
  }

  nextDiagnostics(uri, timeoutMs = 120000) {
    return new Promise((resolve, reject) => {
      const w = { uri, resolve: (x) => { clearTimeout(timer); resolve(x); } };
      const timer = setTimeout(() => { this.waiters = this.waiters.filter((x) => x !== w); reject(new Error(`${this.server.name}: no diagnostics for ${uri} within ${timeoutMs} ms\n${this.stderr.slice(-2000)}`)); }, timeoutMs);
      this.waiters.push(w);
    });
  }

  /** Opens a document and resolves with the time from didOpen to the first publishDiagnostics for it. */
  async open(path, languageId, text) {
    const uri = pathToFileURL(path).toString();
    this.docs ??= new Map();
    this.docs.set(uri, { text, version: 1 });
    const wait = this.nextDiagnostics(uri);
    const t0 = now();
    await this.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
    const { t, diagnostics } = await wait;
    return { uri, ms: t - t0, diagnostics: diagnostics.length };
  }

  /** Inserts (or deletes) one character at offset and resolves with the time to the next publishDiagnostics. */
  async editChar(uri, line, character, insert) {
    const d = this.docs.get(uri);
    d.version++;
    const lineStart = nthLineStart(d.text, line);
    const off = lineStart + character;
    const range = insert
      ? { start: { line, character }, end: { line, character } }
      : { start: { line, character }, end: { line, character: character + 1 } };
    d.text = insert ? d.text.slice(0, off) + insert + d.text.slice(off) : d.text.slice(0, off) + d.text.slice(off + 1);
    const change = this.syncKind === 2 ? { range, text: insert ?? '' } : { text: d.text };
    const wait = this.nextDiagnostics(uri);
    const t0 = now();
    await this.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: d.version }, contentChanges: [change] });
    const { t } = await wait;
    return t - t0;
  }

  async hover(uri, line, character) {
    const t0 = now();
    const r = await this.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line, character } });
    return { ms: now() - t0, answered: !!r };
  }

  async close() {
    try {
      await Promise.race([this.conn.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 3000))]);
      await this.conn.sendNotification('exit');
    } catch { /* gone */ }
    await new Promise((r) => setTimeout(r, 50));
    this.conn.dispose();
    if (this.proc.exitCode === null) this.proc.kill('SIGKILL');
  }
}

function nthLineStart(text, line) {
  let pos = 0;
  for (let i = 0; i < line; i++) pos = text.indexOf('\n', pos) + 1;
  return pos;
}
