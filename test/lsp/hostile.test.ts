/**
 * Hostile and extreme inputs through the language server (dist/server.js over stdio): open documents
 * and a workspace scan. The server must answer, publish diagnostics with ranges inside the document
 * (or an information diagnostic saying why it skipped a file), and stay alive. Bounds are generous.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspClient, type Diag } from './client';
import { lspLineLengths } from '../fuzz/properties';

const MB = 1024 * 1024;

function inside(d: Diag[], text: string): void {
  const lines = lspLineLengths(text);
  for (const x of d) {
    const r = (x as unknown as { range: { start: { line: number; character: number }; end: { line: number; character: number } } }).range;
    for (const p of [r.start, r.end]) {
      assert.ok(p.line < lines.length && p.character <= lines[p.line], `diagnostic ${x.code} at ${JSON.stringify(r)} lies inside the document`);
    }
  }
}

async function within<T>(what: string, ms: number, p: Promise<T>): Promise<T> {
  const t0 = Date.now();
  const r = await p;
  assert.ok(Date.now() - t0 < ms, `${what} took ${Date.now() - t0} ms (limit ${ms} ms)`);
  return r;
}

describe('hostile and extreme inputs over LSP', function () {
  this.timeout(120_000);
  let client: LspClient;
  let ws: string;
  let passed = 0;
  let n = 0;
  const uri = (name: string) => `file:///virtual/hostile/${n++}/${name}`;
  const alive = async () => {
    const u = uri('Dockerfile');
    const waiting = client.waitDiagnostics(u, (d) => d.length > 0);
    await client.open(u, 'dockerfile', 'FROM boot2docker/boot2docker\n');
    await within('a small file after the hostile one', 10_000, waiting);
    const h = await client.request('textDocument/hover', { textDocument: { uri: u }, position: { line: 0, character: 8 } });
    assert.match(h.contents.value, /boot2docker/);
    await client.conn.sendNotification('textDocument/didClose', { textDocument: { uri: u } });
  };

  /**
   * Changes the settings and waits until the server has applied them (it re-publishes the open probe
   * document). Settings equal to the current ones change nothing, and the server publishes nothing.
   */
  const probe = 'file:///virtual/hostile/probe/Dockerfile';
  const applySettings = async (settings: unknown) => {
    if (JSON.stringify(settings) === JSON.stringify(client.settings)) return;
    client.settings = settings;
    const w = client.waitDiagnostics(probe, () => true, 30_000);
    await client.conn.sendNotification('workspace/didChangeConfiguration', { settings: {} });
    await w;
  };

  before(async () => {
    ws = mkdtempSync(join(tmpdir(), 'atlas-hostile-ws-'));
    mkdirSync(join(ws, 'a', 'b'), { recursive: true });
    writeFileSync(join(ws, 'Dockerfile'), 'FROM boot2docker/boot2docker\n');
    writeFileSync(join(ws, 'a', 'b', 'compose.yaml'), Buffer.concat([Buffer.from('services:\n  a:\n    image: java:8\n    x: "'), Buffer.from([0xc3, 0x28, 0xff, 0xfe, 0xa0]), Buffer.from('"\n')]));
    writeFileSync(join(ws, 'a', 'Containerfile'), Buffer.from([0, 1, 2, 3, 0xff, 0xd8, 0, 0, 0x89, 0x50, 0x4e, 0x47]));
    const doc = 'apiVersion: v1\nkind: Pod\nspec:\n  containers: [{name: a, image: k8s.gcr.io/pause:3.2}]\n---\n';
    writeFileSync(join(ws, 'a', 'big.yaml'), doc.repeat(Math.ceil((2.5 * MB) / doc.length)));
    writeFileSync(join(ws, 'a', 'big.Dockerfile'), 'FROM java:8\n' + 'RUN echo x\n'.repeat((2.5 * MB) / 11));
    symlinkSync('.', join(ws, 'loop'));
    symlinkSync('..', join(ws, 'a', 'b', 'up'));
    symlinkSync('self', join(ws, 'self'));
    symlinkSync('nowhere', join(ws, 'dangling.yaml'));
    client = new LspClient({ process: true });
    client.settings = { asOf: '2026-11-22', maxFileSize: 2 };
    await client.initialize(ws);
    const w = client.waitDiagnostics(probe, () => true);
    await client.open(probe, 'dockerfile', 'FROM java:8\n');
    await w;
  });
  afterEach(function () { if (this.currentTest?.state === 'passed') passed++; });
  after(async () => {
    console.log(`      hostile inputs (LSP): ${passed} passed`);
    await client?.close();
    rmSync(ws, { recursive: true, force: true });
  });

  it('scans a workspace with symlink loops, a binary file, invalid UTF-8 and files over maxFileSize', async () => {
    const big = pathToFileURL(join(ws, 'a', 'big.yaml')).toString();
    const bigDf = pathToFileURL(join(ws, 'a', 'big.Dockerfile')).toString();
    const waits = [
      client.waitDiagnostics(pathToFileURL(join(ws, 'Dockerfile')).toString(), (d) => d.length > 0, 30_000),
      client.waitDiagnostics(pathToFileURL(join(ws, 'a', 'b', 'compose.yaml')).toString(), (d) => d.some((x) => x.code === 'deprecated-image'), 30_000),
      client.waitDiagnostics(big, (d) => d.length > 0, 30_000),
      client.waitDiagnostics(bigDf, (d) => d.length > 0, 30_000),
    ];
    const [, , bigDiags, bigDfDiags] = await within('workspace scan', 30_000, Promise.all(waits));
    for (const d of [bigDiags, bigDfDiags]) {
      assert.equal(d.length, 1);
      assert.equal(d[0].severity, 3, 'information');
      assert.match(d[0].message, /File not analysed: it is 2\.5 MB, larger than containerAtlas\.maxFileSize \(2\.0 MB\)\. Raise the setting/);
    }
    const count = await within('rescan', 30_000, client.request('containerAtlas/rescan', {}));
    assert.ok(count >= 4 && count <= 6, `each file once despite the loops: ${count}`);
    assert.match(client.stderr, /^$/, 'nothing on stderr');
    // Raising the limit analyses them.
    const again = client.waitDiagnostics(big, (d) => d.some((x) => x.code === 'deprecated-image'), 60_000);
    await applySettings({ asOf: '2026-11-22', maxFileSize: 30 });
    await within('analysing 2.5 MB after raising maxFileSize', 60_000, again);
    await applySettings({ asOf: '2026-11-22' });
    await alive();
  });

  const cases: [string, string, string, ((d: Diag[]) => boolean)?][] = [
    ['binary (NUL bytes)', 'Dockerfile', 'FROM java:8\n\u0000\u0001\u0002\u00ff' + '\u0000'.repeat(1000), (d) => /looks binary/.test(d[0]?.message ?? '')],
    ['invalid UTF-8 read as U+FFFD, lone surrogates', 'compose.yaml', 'services:\n  a:\n    image: java:8\n    x: "\ufffd\ufffd\ud800\udfff\ud83d"\n', (d) => d.some((x) => x.code === 'deprecated-image')],
    ['alias bomb', 'compose.yaml', ['a: &a [lol,lol,lol,lol,lol,lol,lol,lol,lol]', ...'bcdefghij'.split('').map((c, i) => `${c}: &${c} [${Array(9).fill(`*${'abcdefghij'[i]}`).join(',')}]`), 'services:', '  s:', '    <<: *j', '    image: java:8', ''].join('\n'), (d) => d.some((x) => x.code === 'deprecated-image')],
    ['10,000-deep flow nesting', 'k.yaml', `apiVersion: v1\nkind: Pod\nspec: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`],
    // The YAML parser gives up past ~1,000 levels of block nesting (RESOURCE_EXHAUSTION): the file gets the information diagnostic.
    ['10,000-deep block nesting', 'k.yaml', `apiVersion: extensions/v1beta1\nkind: Deployment\nspec:\n  x:\n    ${'- '.repeat(10_000)}x\n`, (d) => d.some((x) => x.code === 'analysis-skipped' && /syntax errors/.test(x.message))],
    ['a 1 MB single line', 'Dockerfile', `FROM java:8\nRUN echo ${'a'.repeat(MB)} && docker-machine ls\n`, (d) => d.some((x) => x.code === 'deprecated-technology')],
    // All 100,000 are found; the most severe 1,000 are published (containerAtlas.maxDiagnosticsPerFile), with a note saying so.
    ['100,000 FROM lines', 'Dockerfile', 'FROM java:8\n'.repeat(100_000), (d) => d.length === 1001 && d[0].code === 'diagnostics-limit' && /Showing 1,000 of 100,000 findings/.test(d[0].message)],
    ['deeply continued lines', 'Dockerfile', 'FROM java:8\nRUN true \\\n' + ' && echo \\\n'.repeat(20_000) + ' && docker-machine ls\n', (d) => d.some((x) => x.code === 'deprecated-technology')],
    ['CRLF and BOM', 'Dockerfile', '\ufeffFROM java:8\r\nMAINTAINER me\r\nRUN pip install docker-compose\r\n', (d) => d.length === 3],
    ['lone CR line ends (Dockerfile)', 'Dockerfile', 'FROM alpine\rMAINTAINER me\rFROM java:8\r', (d) => d.some((x) => x.code === 'deprecated-image' && (x as any).range.start.line === 2 && (x as any).range.start.character === 5)],
    // The YAML parser does not take a lone CR as a line break: the file gets the information diagnostic, at a valid position.
    ['lone CR line ends (YAML)', 'compose.yaml', 'services:\r  a:\r    image: java:8\r', (d) => d.some((x) => x.code === 'analysis-skipped')],
  ];
  for (const [name, file, text, check] of cases) {
    it(`open document: ${name}`, async () => {
      const u = uri(file);
      const waiting = client.waitDiagnostics(u, () => true, 60_000);
      await client.open(u, file.endsWith('yaml') ? 'yaml' : 'dockerfile', text);
      const d = await within(name, Math.max(20_000, (text.length / MB) * 20_000), waiting);
      inside(d, text);
      if (check) assert.ok(check(d), JSON.stringify(d.slice(0, 3)));
      // Hover and a code action anywhere: answered, not a crash.
      await client.request('textDocument/hover', { textDocument: { uri: u }, position: { line: 0, character: 6 } });
      await client.request('textDocument/codeAction', { textDocument: { uri: u }, range: { start: { line: 0, character: 0 }, end: { line: 2, character: 0 } }, context: { diagnostics: [] } });
      await client.conn.sendNotification('textDocument/didClose', { textDocument: { uri: u } });
      await alive();
    });
  }

  it('CRLF ranges over LSP equal the LF ones, also after incremental edits', async () => {
    const lf = 'services:\n  a:\n    image: jwilder/nginx-proxy:1.0\n    links: [db]\n  db:\n    image: java:8\n';
    const get = async (text: string) => {
      const u = uri('compose.yaml');
      const w = client.waitDiagnostics(u, (d) => d.length > 0);
      await client.open(u, 'dockercompose', text);
      return { u, d: await w };
    };
    const a = await get(lf);
    const b = await get(lf.replace(/\n/g, '\r\n'));
    assert.deepEqual(b.d.map((x) => [x.code, (x as any).range]), a.d.map((x) => [x.code, (x as any).range]));
    // Edit line 5 (java:8 -> java:11) in the CRLF document.
    const w = client.waitDiagnostics(b.u, (d) => d.some((x) => (x as any).range.start.line === 5 && (x as any).range.end.character === 18));
    await client.conn.sendNotification('textDocument/didChange', { textDocument: { uri: b.u, version: 2 }, contentChanges: [{ range: { start: { line: 5, character: 16 }, end: { line: 5, character: 17 } }, text: '11' }] });
    const d = await w;
    const java = d.find((x) => x.code === 'deprecated-image' && (x as any).range.start.line === 5)!;
    assert.deepEqual((java as any).range, { start: { line: 5, character: 11 }, end: { line: 5, character: 18 } });
  });

  it('open documents: 50 MB skipped with an information diagnostic, and analysed once the limit is raised', async () => {
    const u = uri('big.yaml');
    const blob = '    lorem ipsum dolor sit amet, consectetur adipiscing elit\n';
    const text = `apiVersion: v1\nkind: ConfigMap\ndata:\n  blob: |\n${blob.repeat(Math.ceil((50 * MB) / blob.length))}---\napiVersion: extensions/v1beta1\nkind: Deployment\n`;
    await applySettings({ asOf: '2026-11-22' });
    const skipped = client.waitDiagnostics(u, (d) => d.length > 0, 60_000);
    await client.open(u, 'yaml', text);
    const d = await within('50 MB open', 60_000, skipped);
    assert.equal(d.length, 1);
    assert.equal(d[0].severity, 3);
    assert.match(d[0].message, /larger than containerAtlas\.maxFileSize \(20\.0 MB\)/);
    const full = client.waitDiagnostics(u, (x) => x.some((y) => y.code === 'removed-api'), 60_000);
    await applySettings({ asOf: '2026-11-22', maxFileSize: 60 });
    inside(await within('50 MB analysed', 60_000, full), text);
    await client.conn.sendNotification('textDocument/didClose', { textDocument: { uri: u } });
    await applySettings({ asOf: '2026-11-22' });
    await alive();
  });
});
