import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { builtBundle } from '../helpers';
import { LspClient } from './client';

/** containerAtlas.baseline: findings recorded by `scan --write-baseline` are shown at a lower severity in the editor. */
describe('baseline in the language server (containerAtlas.baseline)', function () {
  this.timeout(30000);
  let client: LspClient;
  let ws: string;
  before(async () => {
    ws = mkdtempSync(join(tmpdir(), 'atlas-lsp-baseline-'));
    writeFileSync(join(ws, 'Dockerfile'), 'FROM boot2docker/boot2docker\n');
    const w = spawnSync(process.execPath, [builtBundle('cli.js'), 'scan', '--write-baseline', 'atlas-baseline.json', '.'], { cwd: ws, encoding: 'utf8' });
    assert.equal(w.status, 0, w.stderr);
    writeFileSync(join(ws, 'broken.json'), '{"version": 1, "findings": {}}');
    client = new LspClient();
    client.settings = { workspaceScan: { enabled: false }, baseline: { file: 'atlas-baseline.json', severity: 'hint' } };
    await client.initialize(ws);
  });
  after(async () => { await client?.close(); rmSync(ws, { recursive: true, force: true }); });

  const uri = () => `file://${join(ws, 'Dockerfile')}`;
  const summary = (d: { code: string; severity: number; range: { start: { line: number } } }[]) => d.map((x) => `${x.code} ${x.severity} ${x.range.start.line}`).sort();

  it('a baselined finding (moved by an edit above it) is a hint; a new one keeps its severity', async () => {
    // The first diagnostics may come before the settings are read: wait for the baselined one.
    const waiting = client.waitDiagnostics(uri(), (d) => d.length === 2 && d.some((x) => x.severity === 4));
    await client.open(uri(), 'dockerfile', '# syntax=docker/dockerfile:1\nFROM java:8\nFROM boot2docker/boot2docker\n');
    const d = await waiting;
    assert.deepEqual(summary(d), ['deprecated-image 2 1', 'deprecated-technology 4 2']);
    assert.match(d.find((x) => x.code === 'deprecated-technology')!.message, /\(in the baseline\)$/);
  });

  it('a baseline file that is not one is reported with what to do, and findings keep their severity', async () => {
    // showWarningMessage is a window/showMessageRequest.
    const warned = new Promise<{ message: string }>((resolve) => client.conn.onRequest('window/showMessageRequest', (p: { message: string }) => { resolve(p); return null; }));
    const republished = client.waitDiagnostics(uri(), (d) => d.length === 2 && d.every((x) => x.severity === 2));
    client.settings = { workspaceScan: { enabled: false }, baseline: { file: 'broken.json', severity: 'hint' } };
    await client.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    assert.match((await warned).message, /containerAtlas\.baseline\.file: .*broken\.json: "findings" is missing or not a list\. Write a new one with 'container-atlas scan --write-baseline/);
    assert.deepEqual(summary(await republished), ['deprecated-image 2 1', 'deprecated-technology 2 2']);
  });
});
