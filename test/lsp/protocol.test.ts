import { strict as assert } from 'node:assert';
import { mkdtempSync, writeFileSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { LspClient } from './client';
import { builtBundle } from '../helpers';

describe('language server over LSP (in memory)', function () {
  this.timeout(30000);
  let client: LspClient;
  let ws: string;

  before(async () => {
    ws = mkdtempSync(join(tmpdir(), 'atlas-ws-'));
    mkdirSync(join(ws, 'k8s'));
    mkdirSync(join(ws, 'node_modules', 'x'), { recursive: true });
    writeFileSync(join(ws, 'Dockerfile'), 'FROM boot2docker/boot2docker\n');
    writeFileSync(join(ws, 'k8s', 'old.yaml'), 'apiVersion: extensions/v1beta1\nkind: Deployment\nspec:\n  template:\n    spec:\n      containers: [{ name: a, image: k8s.gcr.io/pause:3.2 }]\n');
    writeFileSync(join(ws, 'node_modules', 'x', 'Dockerfile'), 'FROM boot2docker/boot2docker\n');
    writeFileSync(join(ws, 'notes.yaml'), 'just: yaml\n');
    client = new LspClient();
    client.settings = { asOf: '2026-11-22' };
  });
  after(async () => { await client?.close(); rmSync(ws, { recursive: true, force: true }); });

  it('initializes with its capabilities', async () => {
    const r = await client.initialize(ws);
    assert.equal(r.capabilities.hoverProvider, true);
    assert.equal(r.capabilities.textDocumentSync.change, 2, 'incremental sync');
    assert.ok(r.capabilities.codeActionProvider);
    assert.ok(r.capabilities.documentLinkProvider);
    assert.ok(r.capabilities.completionProvider);
    assert.equal(r.serverInfo.name, 'container-atlas');
  });

  const uri = 'file:///virtual/Dockerfile';

  it('publishes a Deprecated warning for boot2docker on open', async () => {
    const waiting = client.waitDiagnostics(uri, (d) => d.length > 0);
    await client.open(uri, 'dockerfile', 'FROM boot2docker/boot2docker\nMAINTAINER me\n');
    const d = await waiting;
    const tech = d.find((x) => x.code === 'deprecated-technology')!;
    assert.equal(tech.severity, 2);
    assert.deepEqual(tech.tags, [2]);
    assert.deepEqual(tech.range.start, { line: 0, character: 5 });
    assert.match(tech.message, /^Use Docker Desktop: boot2docker is deprecated since 2020-05-22$/);
  });

  it('answers hover with the catalog card', async () => {
    const h = await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 12 } });
    assert.equal(h.contents.kind, 'markdown');
    assert.match(h.contents.value, /\*\*boot2docker\*\*/);
    assert.match(h.contents.value, /Docker Desktop/);
    assert.equal(await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 1, character: 1 } }), null);
  });

  it('re-publishes after an incremental edit', async () => {
    const waiting = client.waitDiagnostics(uri, (d) => !d.some((x) => x.code === 'deprecated-technology'));
    await client.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ range: { start: { line: 0, character: 5 }, end: { line: 0, character: 28 } }, text: 'alpine:3.22' }] });
    const d = await waiting;
    assert.deepEqual(d.map((x) => x.code), ['deprecated-syntax']);
  });

  it('offers code actions that fix the finding', async () => {
    const actions = await client.request('textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, context: { diagnostics: [] } });
    const fix = actions.find((a: any) => a.isPreferred);
    assert.match(fix.title, /LABEL org\.opencontainers\.image\.authors/);
    assert.equal(fix.edit.changes[uri][0].newText, 'LABEL org.opencontainers.image.authors="me"');
  });

  it('answers document links and completion', async () => {
    const links = await client.request('textDocument/documentLink', { textDocument: { uri } });
    assert.deepEqual(links.map((l: any) => l.target), ['https://hub.docker.com/_/alpine']);
    const u2 = 'file:///virtual/c/Dockerfile';
    await client.open(u2, 'dockerfile', 'FROM boot\n');
    const items = await client.request('textDocument/completion', { textDocument: { uri: u2 }, position: { line: 0, character: 9 } });
    assert.ok(items.some((i: any) => i.label === 'boot2docker/boot2docker'), JSON.stringify(items.slice(0, 3)));
  });

  it('scans the workspace (skipping node_modules) and serves the inventory and entry requests', async () => {
    let inv: any;
    for (let i = 0; i < 100; i++) {
      inv = await client.request('containerAtlas/inventory', {});
      if (!inv.scanning && inv.files >= 4) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const ids = inv.entries.map((e: any) => e.id);
    assert.ok(ids.includes('boot2docker'), JSON.stringify(ids));
    const b2d = inv.entries.find((e: any) => e.id === 'boot2docker');
    assert.ok(b2d.references.every((r: any) => !r.uri.includes('node_modules')));
    assert.ok(inv.removedApis >= 1);
    assert.ok(client.diagnostics.get(`file://${join(ws, 'k8s', 'old.yaml')}`)?.diagnostics.some((d) => d.code === 'removed-api'), 'closed files get diagnostics');
    const entry = await client.request('containerAtlas/entry', { id: 'boot2docker' });
    assert.equal(entry.entry.name, 'boot2docker');
    assert.ok(entry.usages.some((u: any) => u.uri.endsWith('/Dockerfile')));
    const tree = await client.request('containerAtlas/catalogTree', {});
    assert.ok(tree.layers.length >= 4);
    const alt = await client.request('containerAtlas/alternatives', { id: 'boot2docker' });
    assert.equal(alt.options[0].entryId, 'docker-desktop');
    for (let i = 0; i < 50 && !client.notifications.some((n) => n.method === 'containerAtlas/inventoryChanged'); i++) await new Promise((r) => setTimeout(r, 100));
    assert.ok(client.notifications.some((n) => n.method === 'containerAtlas/inventoryChanged'), 'the client is told to refresh its views');
  });

  it('analyses documents of virtual workspaces (non-file URIs)', async () => {
    const u = 'vscode-vfs://github/acme/app/deploy/Dockerfile';
    const waiting = client.waitDiagnostics(u, (d) => d.length > 0);
    await client.open(u, 'dockerfile', 'FROM boot2docker/boot2docker\n');
    assert.equal((await waiting)[0].code, 'deprecated-technology');
    const k = 'vscode-vfs://github/acme/app/k8s/web.yaml';
    const w2 = client.waitDiagnostics(k, (d) => d.length > 0);
    await client.open(k, 'yaml', 'apiVersion: extensions/v1beta1\nkind: Deployment\n');
    assert.equal((await w2)[0].code, 'removed-api');
  });

  it('keeps serving after hostile documents', async () => {
    const docs: [string, string, string][] = [
      ['file:///virtual/bin/Dockerfile', 'dockerfile', 'FROM \u0000\u0001\u0002binary'],
      ['file:///virtual/broken.yaml', 'yaml', 'apiVersion: v1\nkind: Pod\nspec: [unclosed\n  - {\n'],
      ['file:///virtual/deep.yaml', 'yaml', 'apiVersion: v1\nkind: Pod\nspec:\n' + '['.repeat(5000) + ']'.repeat(5000) + '\n'],
      ['file:///virtual/cont/Dockerfile', 'dockerfile', 'FROM alpine\nRUN a \\\n'.repeat(2000)],
      ['file:///virtual/bad-utf8/Dockerfile', 'dockerfile', 'FROM \uFFFD\uFFFD:\uD800\n'],
    ];
    for (const [u, lang, text] of docs) {
      const waiting = client.waitDiagnostics(u);
      await client.open(u, lang, text);
      await waiting;
      await client.request('textDocument/hover', { textDocument: { uri: u }, position: { line: 0, character: 6 } });
    }
    const h = await client.request('textDocument/hover', { textDocument: { uri: 'file:///virtual/c/Dockerfile' }, position: { line: 0, character: 6 } });
    assert.ok((await client.request('containerAtlas/catalogTree', {})).layers.length > 0, 'the server still answers');
    assert.ok(h === null || h.contents);
  });
});

describe('stand-alone server over stdio with a plain JSON-RPC client', function () {
  this.timeout(20000);
  it('answers initialize and hover framed with Content-Length headers', async () => {
    const proc = spawn(process.execPath, [builtBundle('server.js'), '--stdio']);
    let buf = Buffer.alloc(0);
    const messages: any[] = [];
    const waiters: [(m: any) => boolean, (m: any) => void][] = [];
    proc.stdout.on('data', (d: Buffer) => {
      buf = Buffer.concat([buf, d]);
      for (;;) {
        const sep = buf.indexOf('\r\n\r\n');
        if (sep < 0) return;
        const len = Number(/Content-Length: (\d+)/i.exec(buf.slice(0, sep).toString())![1]);
        if (buf.length < sep + 4 + len) return;
        const m = JSON.parse(buf.slice(sep + 4, sep + 4 + len).toString('utf8'));
        buf = buf.slice(sep + 4 + len);
        messages.push(m);
        for (const [i, w] of waiters.entries()) if (w[0](m)) { waiters.splice(i, 1); w[1](m); break; }
      }
    });
    const send = (m: object) => { const s = JSON.stringify({ jsonrpc: '2.0', ...m }); proc.stdin.write(`Content-Length: ${Buffer.byteLength(s)}\r\n\r\n${s}`); };
    const wait = (pred: (m: any) => boolean) => new Promise<any>((resolve) => { const found = messages.find(pred); if (found) resolve(found); else waiters.push([pred, resolve]); });
    send({ id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } });
    const init = await wait((m) => m.id === 1);
    assert.ok(init.result.capabilities.hoverProvider);
    send({ method: 'initialized', params: {} });
    send({ method: 'textDocument/didOpen', params: { textDocument: { uri: 'file:///p/Dockerfile', languageId: 'dockerfile', version: 1, text: 'FROM boot2docker/boot2docker\n' } } });
    const diag = await wait((m) => m.method === 'textDocument/publishDiagnostics');
    assert.equal(diag.params.diagnostics[0].code, 'deprecated-technology');
    send({ id: 2, method: 'textDocument/hover', params: { textDocument: { uri: 'file:///p/Dockerfile' }, position: { line: 0, character: 8 } } });
    const hover = await wait((m) => m.id === 2);
    assert.match(hover.result.contents.value, /boot2docker/);
    send({ id: 3, method: 'shutdown' });
    await wait((m) => m.id === 3);
    send({ method: 'exit' });
    await new Promise((r) => proc.on('exit', r));
  });
});
