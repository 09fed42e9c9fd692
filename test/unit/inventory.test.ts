import { strict as assert } from 'node:assert';
import { readFileSync, writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { ROOT, builtBundle, cli, workspace } from '../helpers';
import { inventoryFormatOf } from '../../server/src/common/inventoryExport';

/** The schemas as shipped (dist/, copied by the build from schemas/). */
const validator = (name: string) => {
  const v = new Ajv({ strict: true, allErrors: true }).compile(JSON.parse(readFileSync(join(ROOT, 'dist', name), 'utf8')));
  return (x: unknown) => assert.ok(v(x), JSON.stringify(v.errors?.slice(0, 5), null, 2));
};

describe('inventory export and the JSON schemas of the outputs', function () {
  before(() => builtBundle('cli.js'));
  this.timeout(30000);
  let dir: string;
  before(() => {
    dir = workspace({
      Dockerfile: 'FROM node:14-alpine AS build\nRUN docker-machine ls\nFROM registry.example.com/acme/app:1.2\n',
      'k8s/web.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: node:14\n        - name: cache\n          image: "redis|weird"\n',
    }, 'atlas-inventory-');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('JSON: every entry with status and, for image tags, the release cycle and its end; every file:line; unknown images; valid against the schema', () => {
    const r = cli(['inventory', '--format', 'json', '--as-of', '2026-11-22', '.'], dir);
    assert.equal(r.status, 0, r.stderr);
    const inv = JSON.parse(r.stdout);
    validator('inventory.schema.json')(inv);
    assert.equal(inv.asOf, '2026-11-22');
    const node = inv.entries.find((e: { id: string }) => e.id === 'nodejs');
    assert.ok(node, inv.entries.map((e: { id: string }) => e.id).join(', '));
    assert.deepEqual(node.references.map((p: any) => `${p.file}:${p.line} ${p.text} ${p.cycle} ${p.eol}`).sort(), ['Dockerfile:1 node:14-alpine Node.js 14 2023-04-30', 'k8s/web.yaml:10 node:14 Node.js 14 2023-04-30']);
    const machine = inv.entries.find((e: { id: string }) => e.id === 'docker-machine');
    assert.equal(machine.status, 'archived');
    assert.deepEqual(machine.references.map((p: any) => `${p.file}:${p.line}`), ['Dockerfile:2']);
    assert.ok(inv.unknown.some((u: any) => u.text === 'registry.example.com/acme/app:1.2' && u.file === 'Dockerfile' && u.line === 3), JSON.stringify(inv.unknown));
  });

  it('CSV has one row per reference (unknown ones too); Markdown a table per entry', () => {
    const csv = cli(['inventory', '--format', 'csv', '--as-of', '2026-11-22', '.'], dir).stdout.split('\r\n');
    assert.equal(csv[0], 'entry,name,kind,status,since,release,eol,file,line,reference');
    assert.ok(csv.some((l) => /^nodejs,Node\.js,[^,]*,[^,]*,[^,]*,Node\.js 14,2023-04-30,k8s\/web\.yaml,10,node:14$/.test(l)), csv.join('\n'));
    assert.ok(csv.includes(',,image,unknown,,,,Dockerfile,3,registry.example.com/acme/app:1.2'), csv.join('\n'));
    const md = cli(['inventory', '--as-of', '2026-11-22', '.'], dir).stdout;
    assert.match(md, /^# Container inventory/);
    assert.match(md, /\| Dockerfile:1 \| `node:14-alpine` \| Node\.js 14 \| 2023-04-30 \|/);
    assert.match(md, /## Not in the catalog[\s\S]*\| Dockerfile:3 \| `registry\.example\.com\/acme\/app:1\.2` \|/);
    const bad = cli(['inventory', '--format', 'xml', '.'], dir);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /--format must be json, csv, markdown, got 'xml'/);
  });

  it('the file name says the format of Export Inventory…', () => {
    assert.deepEqual(['a.json', 'b.CSV', 'c.md', 'd.markdown', 'e.txt'].map(inventoryFormatOf), ['json', 'csv', 'markdown', 'markdown', undefined]);
  });

  it('scan --format json is valid against its schema: plain, with --unknown, and with a baseline', () => {
    const validate = validator('scan.schema.json');
    validate(JSON.parse(cli(['scan', '--format', 'json', '--unknown', '.'], dir).stdout));
    cli(['scan', '--write-baseline', 'b.json', '.'], dir);
    writeFileSync(join(dir, 'compose.yaml'), 'version: "3"\nservices:\n  db:\n    image: postgres:9.6\n');
    const withBaseline = JSON.parse(cli(['scan', '--format', 'json', '--baseline', 'b.json', '.'], dir).stdout);
    validate(withBaseline);
    assert.ok(withBaseline.summary.baseline.new > 0 && withBaseline.summary.baseline.unchanged > 0);
    rmSync(join(dir, 'compose.yaml'));
    rmSync(join(dir, 'b.json'));
  });

  it('the schema can fail: a report with a misspelt field is refused', () => {
    const out = JSON.parse(cli(['scan', '--format', 'json', '.'], dir).stdout);
    out.files[0].findings[0].sevrity = 'warning';
    assert.throws(() => validator('scan.schema.json')(out), /additionalProperties/);
  });
});
