/**
 * No network at run time: the language server (a full LSP session with a workspace scan) and the CLI
 * run with every network API of Node.js replaced by one that records the attempt and throws
 * (test/lsp/noNetwork.cjs, preloaded through NODE_OPTIONS=--require). Nothing may be recorded.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspClient } from './client';
import { ROOT } from '../helpers';

const PRELOAD = join(__dirname, 'noNetwork.cjs');

describe('no network access at run time', function () {
  this.timeout(60_000);
  let dir: string;
  let log: string;
  const env = () => ({ ...process.env, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --require ${PRELOAD}`.trim(), ATLAS_NET_LOG: log });
  const attempts = () => (existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter((l) => l && !/^\d+ preloaded /.test(l)) : []);
  const preloads = () => (existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter((l) => /^\d+ preloaded /.test(l)) : []);

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'atlas-net-'));
    log = join(dir, 'net.log');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('the blocker catches every kind of attempt (self-test)', () => {
    const script = `
      const tries = [
        () => require('net').connect(80, 'example.com'),
        () => require('http').get('http://example.com/'),
        () => require('https').request('https://example.com/'),
        () => require('tls').connect({ host: 'example.com', port: 443 }),
        () => require('dns').lookup('example.com', () => {}),
        () => require('dgram').createSocket('udp4'),
      ];
      let thrown = 0;
      for (const t of tries) { try { t(); } catch { thrown++; } }
      fetch('https://example.com/').catch(() => { thrown++; console.log(thrown); });`;
    const r = spawnSync(process.execPath, ['-e', script], { env: env(), encoding: 'utf8' });
    assert.equal(r.stdout.trim(), '7', r.stderr);
    assert.equal(attempts().length, 7, attempts().join('\n'));
  });

  it('the language server: a full session with a workspace scan attempts no connection', async () => {
    const ws = join(dir, 'ws');
    cpSync(join(ROOT, 'samples', 'workspace'), ws, { recursive: true });
    writeFileSync(join(ws, '.container-atlas.yaml'), 'version: 1\nsettings:\n  allowedRegistries: [docker.io]\n');
    const saved = { NODE_OPTIONS: process.env.NODE_OPTIONS, ATLAS_NET_LOG: process.env.ATLAS_NET_LOG };
    Object.assign(process.env, { NODE_OPTIONS: env().NODE_OPTIONS, ATLAS_NET_LOG: log });
    let client: LspClient;
    try { client = new LspClient({ process: true }); } finally {
      for (const [k, v] of Object.entries(saved)) { if (v === undefined) delete process.env[k]; else process.env[k] = v; }
    }
    try {
      client.settings = { asOf: '2026-11-22' };
      const df = pathToFileURL(join(ws, 'Dockerfile')).toString();
      const scanned = client.waitDiagnostics(df, (d) => d.length > 0, 30_000);
      await client.initialize(ws);
      await scanned;
      const text = readFileSync(join(ws, 'Dockerfile'), 'utf8');
      await client.open(df, 'dockerfile', text);
      const hover = await client.request('textDocument/hover', { textDocument: { uri: df }, position: { line: 2, character: 10 } });
      assert.match(hover.contents.value, /boot2docker/);
      await client.request('textDocument/codeAction', { textDocument: { uri: df }, range: { start: { line: 0, character: 0 }, end: { line: 9, character: 0 } }, context: { diagnostics: [] } });
      const links = await client.request('textDocument/documentLink', { textDocument: { uri: df } });
      assert.ok(links.length > 0, 'links are computed, not fetched');
      await client.request('textDocument/completion', { textDocument: { uri: df }, position: { line: 2, character: 5 } });
      const tree = await client.request('containerAtlas/catalogTree', {});
      assert.ok(tree.layers.length > 0);
      await client.request('containerAtlas/entry', { id: 'boot2docker' });
      await client.request('containerAtlas/alternatives', { uri: df, position: { line: 2, character: 10 } });
      const inv = await client.request('containerAtlas/inventory', {});
      assert.ok(inv.entries.length > 0);
      assert.ok(await client.request('containerAtlas/rescan', {}) >= 4);
      // The last notifications start work the server does later: wait until it has done it (it asks
      // for the settings again; the closed file, part of the workspace scan, is re-read and published).
      const settings = client.settings;
      const settingsRead = new Promise<void>((resolve) => Object.defineProperty(client, 'settings', { get: () => { resolve(); return settings; }, configurable: true }));
      await client.conn.sendNotification('workspace/didChangeConfiguration', { settings: {} });
      await settingsRead;
      const republished = client.waitDiagnostics(df, () => true, 30_000);
      await client.conn.sendNotification('textDocument/didClose', { textDocument: { uri: df } });
      await republished;
      // A request answered after them: the server has handled everything sent before it.
      await client.request('containerAtlas/inventory', {});
    } finally {
      await client.close();
    }
    assert.ok(preloads().some((l) => l.includes('server.js')), `the blocker was loaded into the server: ${preloads().join('; ')}`);
    assert.deepEqual(attempts(), [], 'no network attempt');
  });

  it('the CLI: scan (text, JSON, SARIF), explain, catalog and fix --dry-run attempt no connection', () => {
    const ws = join(dir, 'ws');
    cpSync(join(ROOT, 'samples', 'workspace'), ws, { recursive: true });
    const cli = (...args: string[]) => spawnSync(process.execPath, [join(ROOT, 'dist', 'cli.js'), ...args], { cwd: ws, env: env(), encoding: 'utf8' });
    for (const args of [['scan', '--as-of', '2026-11-22'], ['scan', '--format', 'json', '.'], ['scan', '--format', 'sarif'], ['explain', 'boot2docker'], ['explain', 'java:8'], ['catalog', 'docker'], ['fix', '--dry-run', '.']]) {
      const r = cli(...args);
      assert.ok(r.status === 0 || r.status === 1, `${args.join(' ')}: exit ${r.status}\n${r.stderr}`);
    }
    assert.equal(preloads().filter((l) => l.includes('cli.js')).length, 7, 'the blocker was loaded into every CLI run');
    assert.deepEqual(attempts(), [], 'no network attempt');
  });

  it('the bundles hold no HTTP, TLS, DNS or fetch client', () => {
    for (const f of ['server.js', 'server-bundle.js', 'cli.js']) {
      const code = readFileSync(join(ROOT, 'dist', f), 'utf8');
      const modules = [...code.matchAll(/require\("(?:node:)?([a-z0-9_/]+)"\)/g)].map((m) => m[1]);
      for (const m of ['http', 'https', 'http2', 'tls', 'dns', 'dgram', 'undici']) assert.ok(!modules.includes(m), `${f} requires ${m}`);
      assert.ok(!/\bfetch\(/.test(code), `${f} calls fetch`);
      // The server bundle holds vscode-jsonrpc's socket and pipe transports (require("net")); with --stdio they are never used, and the runtime test above proves it.
      if (f === 'cli.js') assert.ok(!modules.includes('net'), 'the CLI has no sockets at all');
    }
  });
});
