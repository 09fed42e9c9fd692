import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LspClient } from './client';

describe('organisation catalogs in the language server', function () {
  this.timeout(30000);
  let client: LspClient;
  let ws: string;
  before(async () => {
    ws = mkdtempSync(join(tmpdir(), 'atlas-org-'));
    writeFileSync(join(ws, '.container-atlas.yaml'), `entries:
  - id: acme-java8
    name: ACME Java 8 base
    kind: image
    category: operating-systems
    summary: Our old Java 8 base image.
    status: { value: deprecated, since: "2025-01", sources: ["https://wiki.example.com/java8"] }
    images: [registry.example.com/base/java8]
  - id: acme-broken
    name: Broken
    kind: no-such-kind
    category: operating-systems
    summary: This entry has a kind that does not exist.
settings:
  severities: { deprecated-technology: error }
`);
    client = new LspClient();
    await client.initialize(ws);
  });
  after(async () => { await client?.close(); rmSync(ws, { recursive: true, force: true }); });

  it('applies the workspace .container-atlas.yaml and reports its problems on the file, at the line', async () => {
    const catalogUri = `file://${join(ws, '.container-atlas.yaml')}`;
    const problems = await client.waitDiagnostics(catalogUri, (d) => d.length > 0);
    assert.equal(problems.length, 1);
    assert.equal(problems[0].range.start.line, 10, 'line of kind: no-such-kind (0-based)');
    assert.match(problems[0].message, /entries\[1\] \(acme-broken\): kind must be equal to one of the allowed values/);
    const uri = 'file:///virtual/org/Dockerfile';
    const waiting = client.waitDiagnostics(uri, (d) => d.length >= 2);
    await client.open(uri, 'dockerfile', 'FROM registry.example.com/base/java8:1\nFROM boot2docker/boot2docker\n');
    const d = await waiting;
    assert.deepEqual(d.map((x) => [x.code, x.severity, x.range.start.line]), [['deprecated-technology', 1, 0], ['deprecated-technology', 1, 1]]);
    assert.match(d[0].message, /^Replace ACME Java 8 base: it is deprecated since 2025-01$/);
  });
});
