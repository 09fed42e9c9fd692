import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspClient } from './client';
import { builtBundle } from '../helpers';

// The same workspace through the CLI and through the language server: the same findings, file by
// file. Both adapters sit on one language service, so settings, organisation catalogs (also in
// ignored folders), size limits and file kinds must agree.

const SEVERITY = ['', 'error', 'warning', 'information', 'hint'];
const key = (rule: string, line: number, character: number, severity: string, message: string) => `${line + 1}:${character + 1} ${severity} ${rule} ${message}`;

describe('the CLI and the language server agree', function () {
  this.timeout(60000);
  let ws: string;
  let client: LspClient;
  const files: Record<string, string> = {
    'Dockerfile': 'FROM boot2docker/boot2docker\nMAINTAINER me\nRUN pip install docker-compose\n',
    'compose.yaml': 'version: "3"\nservices:\n  web:\n    image: java:8\n    links: [db]\n  db:\n    image: postgres:9.6\n',
    'k8s/app.yaml': 'apiVersion: extensions/v1beta1\nkind: Deployment\nmetadata: { name: a }\nspec:\n  template:\n    spec:\n      containers: [{ name: a, image: k8s.gcr.io/pause:3.2 }]\n',
    'k8s/big.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: big }\ndata:\n' + '  k: "' + 'x'.repeat(30_000) + '"\n',
    'big.Dockerfile': 'FROM java:8\n' + '# padding\n'.repeat(3000),
    '.container-atlas.yaml': 'settings:\n  severities: { deprecated-syntax: information }\n',
    // An organisation catalog in an ignored folder must not apply (it would make every deprecated image an error).
    'vendor/.container-atlas.yaml': 'settings:\n  severities: { deprecated-image: error }\n',
    'vendor/Dockerfile': 'FROM java:8\n',
  };

  before(async () => {
    ws = mkdtempSync(join(tmpdir(), 'atlas-parity-'));
    for (const [name, text] of Object.entries(files)) {
      mkdirSync(join(ws, name, '..'), { recursive: true });
      writeFileSync(join(ws, name), text);
    }
    client = new LspClient();
    client.settings = { asOf: '2026-11-22', kubernetesVersion: '1.30', maxFileSize: 0.02, workspaceScan: { exclude: ['vendor'] } };
    await client.initialize(ws);
  });
  after(async () => { await client?.close(); rmSync(ws, { recursive: true, force: true }); });

  it('gives the same findings for every file, including files over the size limit and with an organisation catalog in an ignored folder', async () => {
    const cli = spawnSync(process.execPath, [builtBundle('cli.js'), 'scan', '--format', 'json', '--as-of', '2026-11-22', '--k8s-version', '1.30', '--max-file-size', '0.02', '--ignore', 'vendor', '.'], { cwd: ws, encoding: 'utf8' });
    assert.ok(cli.status === 0 || cli.status === 1, cli.stderr);
    const report = JSON.parse(cli.stdout) as { files: { path: string; kind: string; findings: { rule: string; severity: string; message: string; range: { start: { line: number; character: number } } }[] }[] };
    const fromCli = new Map(report.files.map((f) => [f.path, f.findings.map((x) => key(x.rule, x.range.start.line, x.range.start.character, x.severity, x.message)).sort()]));

    const scanned = await client.request<number>('containerAtlas/rescan', {});
    assert.equal(scanned, 5, `the server analysed ${scanned} files: ${[...client.diagnostics.keys()].join(', ')}`);
    const fromServer = new Map<string, string[]>();
    for (const path of fromCli.keys()) {
      const uri = pathToFileURL(join(ws, path)).toString();
      const d = client.diagnostics.get(uri)?.diagnostics ?? [];
      fromServer.set(path, d.map((x) => key(String(x.code), x.range.start.line, x.range.start.character, SEVERITY[x.severity], x.message)).sort());
    }
    assert.deepEqual([...fromCli.keys()].sort(), ['Dockerfile', 'big.Dockerfile', 'compose.yaml', 'k8s/app.yaml', 'k8s/big.yaml'], 'the CLI skipped vendor/');
    for (const [path, list] of fromCli) assert.deepEqual(fromServer.get(path), list, path);
    // What the comparison covers, so that it cannot pass on two empty lists.
    assert.ok(fromCli.get('big.Dockerfile')!.some((k) => / information analysis-skipped File not analysed/.test(k)), 'the large Dockerfile is reported as not analysed');
    assert.ok(fromCli.get('k8s/big.yaml')!.some((k) => /analysis-skipped/.test(k)), 'the large manifest is reported as not analysed');
    assert.ok(fromCli.get('compose.yaml')!.some((k) => / warning deprecated-image /.test(k)), 'deprecated images stay warnings: the ignored folder\'s catalog is not read');
    assert.ok(fromCli.get('Dockerfile')!.some((k) => / information deprecated-syntax /.test(k)), 'the root catalog applies');
  });
});
