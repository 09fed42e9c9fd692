import { strict as assert } from 'node:assert';
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AjvDraft04 from 'ajv-draft-04';
import { ROOT, builtBundle, cli, workspace } from '../helpers';

const CLI = join(ROOT, 'dist', 'cli.js');

describe('CLI (dist/cli.js)', function () {
  before(() => builtBundle('cli.js'));
  this.timeout(30000);
  const dirs: string[] = [];
  after(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });
  const ws = (files: Record<string, string>) => { const d = workspace(files); dirs.push(d); return d; };

  it('scan --format json follows the contract', () => {
    const dir = ws({ Dockerfile: 'FROM boot2docker/boot2docker\n' });
    const r = cli(['scan', '--format', 'json', '--as-of', '2026-11-22', 'Dockerfile'], dir);
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.equal(out.version, 1);
    assert.equal(out.asOf, '2026-11-22');
    assert.match(out.kubernetesVersion, /^1\.\d+$/);
    const f = out.files[0];
    assert.equal(f.path, 'Dockerfile');
    assert.equal(f.kind, 'dockerfile');
    assert.deepEqual(f.references[0], {
      kind: 'image', text: 'boot2docker/boot2docker', range: { start: { line: 0, character: 5 }, end: { line: 0, character: 28 } },
      entry: 'boot2docker', entryName: 'boot2docker', context: 'FROM', image: { registry: 'docker.io', repository: 'boot2docker/boot2docker', tag: null, digest: null },
    });
    const finding = f.findings[0];
    assert.equal(finding.rule, 'deprecated-technology');
    assert.equal(finding.severity, 'warning');
    assert.equal(finding.entry, 'boot2docker');
    assert.ok(finding.replacements.some((x: { entry: string }) => x.entry === 'docker-desktop'));
    assert.deepEqual(f.errors, []);
  });

  it('exit codes: 0 below --fail-on, 1 at or above it, 2 for usage and I/O errors', () => {
    const dir = ws({ Dockerfile: 'FROM boot2docker/boot2docker\n', 'k8s/d.yaml': 'apiVersion: extensions/v1beta1\nkind: Deployment\n' });
    assert.equal(cli(['scan', 'Dockerfile'], dir).status, 0);
    assert.equal(cli(['scan', '--fail-on', 'warning', 'Dockerfile'], dir).status, 1);
    assert.equal(cli(['scan', 'k8s'], dir).status, 1, 'removed-api is an error');
    assert.equal(cli(['scan', '--fail-on', 'none', '.'], dir).status, 0);
    const usage = cli(['scan', '--format', 'xml', '.'], dir);
    assert.equal(usage.status, 2);
    assert.match(usage.stderr, /--format must be text, json or sarif/);
    const missing = cli(['scan', 'no-such-dir'], dir);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /no-such-dir/);
    assert.equal(cli(['frobnicate'], dir).status, 2);
    assert.equal(cli(['scan', '--as-of', '2026-13-45', '.'], dir).status, 2);
  });

  it('scan --format text groups by file, ends with a summary, and has no colour when piped', () => {
    const dir = ws({ Dockerfile: 'FROM boot2docker/boot2docker\n', 'compose.yaml': 'version: "3"\nservices:\n  a:\n    image: nginx\n' });
    const r = cli(['scan', '.'], dir);
    assert.ok(!r.stdout.includes('\x1b['));
    assert.match(r.stdout, /^Dockerfile\n {2}1:6 {2}warning +Use Docker Desktop: boot2docker is deprecated/m);
    assert.match(r.stdout, /^compose\.yaml\n/m);
    assert.match(r.stdout, /2 files scanned \(2 analysed, 0 skipped\), \d+ references, 2 findings \(0 errors, 2 warnings, 0 info\)$/m);
  });

  it('scan summary: files analysed and skipped (why), other YAML, unknown images; scan --unknown lists them (text and JSON)', () => {
    const dir = ws({
      // java:8 is known (a retired official image with a finding), though no entry: not unknown.
      Dockerfile: 'FROM example.org/team/app:1\nFROM boot2docker/boot2docker\nFROM java:8\n',
      'k8s/pod.yaml': 'apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - name: a\n      image: example.org/team/app:2\n    - name: b\n      image: ghcr.io/acme/tool\n',
      'config.yaml': 'replicas: 2\n',
      'bin/Dockerfile.bin': 'FROM x\u0000\n',
    });
    const r = cli(['scan', '--fail-on', 'none', '.'], dir);
    assert.match(r.stdout, /^4 files scanned \(2 analysed, 1 skipped: 1 binary, 1 other YAML\/JSON\), /m);
    assert.match(r.stdout, /^3 image references to 2 repositories the catalog does not know \(scan --unknown lists them\)$/m);
    const u = cli(['scan', '--unknown', '--fail-on', 'none', '.'], dir);
    assert.match(u.stdout, /^ {4}2 {2}example\.org\/team\/app {2}Dockerfile, k8s\/pod\.yaml$/m);
    assert.match(u.stdout, /^ {4}1 {2}ghcr\.io\/acme\/tool {2}k8s\/pod\.yaml$/m);
    const j = JSON.parse(cli(['scan', '--unknown', '--format', 'json', '--fail-on', 'none', '.'], dir).stdout);
    assert.deepEqual(j.unknownImages[0], { repository: 'example.org/team/app', count: 2, files: ['Dockerfile', 'k8s/pod.yaml'] });
    assert.deepEqual(j.summary, { scanned: 4, analysed: 2, skipped: { binary: 1 }, other: 1, unknownImageReferences: 3 });
  });

  it('scan honours .gitignore and --ignore', () => {
    const dir = ws({ '.gitignore': 'build/\n', 'build/Dockerfile': 'FROM boot2docker/boot2docker\n', 'vendor/Dockerfile': 'FROM boot2docker/boot2docker\n', Dockerfile: 'FROM alpine:3.22\n' });
    const out = JSON.parse(cli(['scan', '--format', 'json', '--ignore', 'vendor/**', '.'], dir).stdout);
    assert.deepEqual(out.files.map((f: { path: string }) => f.path), ['Dockerfile']);
  });

  it('scan --format sarif validates against the SARIF 2.1.0 schema and carries fixes', () => {
    // (With a selector: without one the apps/v1 bump is not mechanical, so it carries no fix.)
    const dir = ws({ Dockerfile: 'FROM java:8\nMAINTAINER me\n', 'k8s/d.yaml': 'apiVersion: extensions/v1beta1\nkind: Deployment\nspec:\n  selector: { matchLabels: { app: a } }\n' });
    const r = cli(['scan', '--format', 'sarif', '.'], dir);
    const sarif: any = JSON.parse(r.stdout);
    const schema = JSON.parse(readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'));
    const ajv = new AjvDraft04({ strict: false, allErrors: true, unicodeRegExp: false });
    const validate = ajv.compile(schema);
    const valid = validate(structuredClone(sarif));
    assert.ok(valid, JSON.stringify(validate.errors?.slice(0, 5), null, 2));
    const run = sarif.runs[0];
    assert.ok(run.tool.driver.rules.some((x: { id: string }) => x.id === 'removed-api'));
    const res = run.results.find((x: { ruleId: string }) => x.ruleId === 'removed-api');
    assert.equal(res.level, 'error');
    assert.equal(res.locations[0].physicalLocation.artifactLocation.uri, 'k8s/d.yaml');
    assert.equal(res.locations[0].physicalLocation.artifactLocation.uriBaseId, 'SRCROOT');
    assert.equal(res.fixes[0].artifactChanges[0].replacements[0].insertedContent.text, 'apps/v1');
  });

  it('ends quietly when its reader goes away (catalog | head)', () => {
    // `head -1` closes the pipe after the first line; the CLI must not die with an unhandled EPIPE.
    const r = spawnSync('sh', ['-c', `"${process.execPath}" "${CLI}" catalog | head -1`], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.doesNotMatch(r.stderr, /EPIPE|Unhandled|Error/, r.stderr);
    assert.equal(r.stdout.trim().split('\n').length, 1);
  });

  it('SARIF with no results is still valid SARIF 2.1.0', () => {
    const dir = ws({ Dockerfile: 'FROM alpine:3.24\n' });
    const sarif: any = JSON.parse(cli(['scan', '--format', 'sarif', '.'], dir).stdout);
    const schema = JSON.parse(readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'));
    const validate = new AjvDraft04({ strict: false, allErrors: true, unicodeRegExp: false }).compile(schema);
    assert.equal(sarif.runs[0].results.length, 0);
    assert.ok(validate(structuredClone(sarif)), JSON.stringify(validate.errors?.slice(0, 5), null, 2));
  });

  it('catalog and explain', () => {
    const dir = ws({});
    const all = JSON.parse(cli(['catalog', '--format', 'json'], dir).stdout);
    assert.ok(all.length >= 400);
    for (const e of all) assert.ok(e.id && e.name && e.kind && e.layer && e.category && e.summary && e.status, e.id);
    const dep = JSON.parse(cli(['catalog', '--format', 'json', '--status', 'deprecated'], dir).stdout);
    assert.ok(dep.length > 0 && dep.every((e: { status: { value: string } }) => e.status.value === 'deprecated'));
    assert.match(cli(['catalog', 'boot2docker'], dir).stdout, /^boot2docker +boot2docker +core\/operating-systems +\[deprecated 2020-05-22\]$/m);
    const b = cli(['explain', 'boot2docker'], dir);
    assert.equal(b.status, 0);
    assert.match(b.stdout, /Deprecated since 2020-05-22/);
    assert.match(cli(['explain', 'quay.io/coreos/flannel:v0.15.1'], dir).stdout, /ghcr\.io\/flannel-io\/flannel/);
    assert.match(cli(['explain', 'extensions/v1beta1/Deployment'], dir).stdout, /removed in Kubernetes 1\.16.*apps\/v1/);
    const none = cli(['explain', 'no-such-thing-at-all'], dir);
    assert.equal(none.status, 2);
    assert.match(none.stderr, /nothing in the catalog matches/);
  });

  it('fix applies every mechanical rule, atomically; a re-scan shows those findings gone', () => {
    const dir = ws({
      Dockerfile: 'FROM java:8\nMAINTAINER Jane <j@example.com>\nFROM k8s.gcr.io/pause:3.2\n',
      'compose.yaml': 'version: "3.8"\nservices:\n  p:\n    image: jwilder/nginx-proxy:1.0\n',
      'k8s/d.yaml': 'apiVersion: extensions/v1beta1\nkind: Deployment\nspec:\n  selector: {}\n---\napiVersion: batch/v1beta1\nkind: CronJob\n',
      'broken/compose.yaml': 'version: "3"\nservices: [unclosed\n',
    });
    const mechanical = ['deprecated-image', 'deprecated-syntax', 'removed-api'];
    const before = JSON.parse(cli(['scan', '--format', 'json', '.'], dir).stdout);
    const count = (o: { files: { path: string; findings: { rule: string; replacements?: { edits?: unknown[] }[] }[] }[] }) =>
      o.files.filter((f) => !f.path.startsWith('broken')).flatMap((f) => f.findings).filter((x) => mechanical.includes(x.rule) && x.replacements?.some((r) => r.edits)).length;
    assert.ok(count(before) >= 7);
    const dry = cli(['fix', '--dry-run', '.'], dir);
    assert.match(dry.stdout, /^-FROM java:8$/m);
    assert.match(dry.stdout, /^\+FROM eclipse-temurin:8-jdk$/m);
    assert.match(dry.stdout, /dry run: nothing written/);
    assert.equal(readFileSync(join(dir, 'Dockerfile'), 'utf8'), 'FROM java:8\nMAINTAINER Jane <j@example.com>\nFROM k8s.gcr.io/pause:3.2\n');
    const brokenBefore = readFileSync(join(dir, 'broken/compose.yaml'), 'utf8');
    const r = cli(['fix', '.'], dir);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stderr, /broken\/compose\.yaml: not changed: the file has parse errors/);
    assert.equal(readFileSync(join(dir, 'broken/compose.yaml'), 'utf8'), brokenBefore, 'files with parse errors are untouched');
    assert.equal(readFileSync(join(dir, 'Dockerfile'), 'utf8'), 'FROM eclipse-temurin:8-jdk\nLABEL org.opencontainers.image.authors="Jane <j@example.com>"\nFROM registry.k8s.io/pause:3.2\n');
    assert.match(readFileSync(join(dir, 'k8s/d.yaml'), 'utf8'), /^apiVersion: apps\/v1\n[\s\S]*apiVersion: batch\/v1\n/);
    const after = JSON.parse(cli(['scan', '--format', 'json', '.'], dir).stdout);
    assert.equal(count(after), 0, JSON.stringify(after.files.map((f: { findings: unknown }) => f.findings)));
  });

  it('organisation catalogs: entries, deprecated internal images, allowed registries, severities; malformed files are reported with file and line', () => {
    const dir = ws({
      '.container-atlas.yaml': `entries:
  - id: acme-java8
    name: ACME Java 8 base
    kind: image
    category: operating-systems
    summary: Our old Java 8 base image.
    status: { value: deprecated, since: "2025-01", sources: ["https://wiki.example.com/java8"] }
    successors: [{ id: acme-java21, reason: Supported base. }]
    images: [registry.example.com/base/java8]
  - id: acme-java21
    name: ACME Java 21 base
    kind: image
    category: operating-systems
    summary: Our supported Java 21 base image.
    images: [registry.example.com/base/java21]
images:
  - match: registry.example.com/base/java8
    status: deprecated
    summary: Replaced by the Java 21 base.
    replacements: [{ repository: registry.example.com/base/java21, tags: keep }]
settings:
  allowedRegistries: [registry.example.com]
  severities: { eol-image: error }
`,
      Dockerfile: 'FROM registry.example.com/base/java8:1\nFROM docker.io/library/python:2.7\n',
      'bad.yaml': 'entries:\n  - id: Bad Id\n    name: x\n',
    });
    const out = JSON.parse(cli(['scan', '--format', 'json', 'Dockerfile'], dir).stdout);
    const f = out.files[0].findings.map((x: { rule: string; severity: string; replacements?: { text: string }[] }) => `${x.rule}:${x.severity}:${x.replacements?.[0]?.text ?? ''}`);
    assert.ok(f.includes('deprecated-image:warning:registry.example.com/base/java21:1'), f.join('\n'));
    assert.ok(f.includes('unapproved-registry:warning:'), f.join('\n'));
    assert.ok(f.includes('eol-image:error:python:3.14') || f.some((x: string) => x.startsWith('eol-image:error')), f.join('\n'));
    const bad = cli(['scan', '--catalog', 'bad.yaml', 'Dockerfile'], dir);
    assert.match(bad.stderr, /bad\.yaml:2:\d+: entries\[0\].*id must match pattern/);
    assert.match(bad.stderr, /the built-in catalog are used/);
    assert.match(bad.stdout, /files? scanned/);
    const missing = cli(['scan', '--catalog', 'nope.yaml', 'Dockerfile'], dir);
    assert.match(missing.stderr, /nope\.yaml:1:1: cannot read the catalog file \(no such file\)/);
  });

  it('a large scan on worker threads reports exactly what one thread reports', () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 260; i++) {
      files[`svc-${i}/Dockerfile`] = i % 3 ? `FROM python:${i % 2 ? '2.7' : '3.13'}-slim\nRUN pip install docker-compose\n` : 'FROM boot2docker/boot2docker\n';
      files[`svc-${i}/k8s.yaml`] = `apiVersion: ${i % 2 ? 'extensions/v1beta1' : 'apps/v1'}\nkind: Deployment\nspec:\n  template:\n    spec:\n      containers: [{ name: a, image: k8s.gcr.io/pause:3.${i % 9} }]\n`;
    }
    const dir = ws(files);
    const one = spawnSync(process.execPath, [CLI, 'scan', '--format', 'json', '--as-of', '2026-11-22', '.'], { cwd: dir, encoding: 'utf8', env: { ...process.env, ATLAS_WORKERS: '0' }, maxBuffer: 1 << 28 });
    const many = spawnSync(process.execPath, [CLI, 'scan', '--format', 'json', '--as-of', '2026-11-22', '.'], { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 28 });
    assert.equal(many.status, one.status);
    const parsed = JSON.parse(many.stdout);
    assert.equal(parsed.files.length, 520);
    assert.equal(many.stdout, one.stdout);
  });

  it('scans the bundled sample workspace', () => {
    const dir = mkdtempSync(join(tmpdir(), 'atlas-sample-'));
    dirs.push(dir);
    cpSync(join(ROOT, 'samples', 'workspace'), dir, { recursive: true });
    const r = cli(['scan', '--as-of', '2026-11-22', '.'], dir);
    assert.equal(r.status, 1, 'the sample has removed APIs');
    assert.match(r.stdout, /boot2docker is deprecated/);
    assert.match(r.stdout, /Replace Deployment extensions\/v1beta1 with apps\/v1 \(removed in Kubernetes 1\.16\)/);
  });
});

describe('npm package', function () {
  this.timeout(120000);
  it('npm pack produces a package whose bins run with npx, with the VSIX version', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'atlas-pack-'));
    try {
      const pack = spawnSync('npm', ['pack', '--json', '--pack-destination', dir], { cwd: ROOT, encoding: 'utf8' });
      assert.equal(pack.status, 0, pack.stderr);
      const info = JSON.parse(pack.stdout)[0];
      const files = info.files.map((f: { path: string }) => f.path).sort();
      for (const f of ['dist/cli.js', 'dist/server.js', 'dist/server-bundle.js', 'dist/catalog.json', 'dist/scan.schema.json', 'dist/inventory.schema.json', 'README.md', 'LICENSE', 'package.json']) assert.ok(files.includes(f), `${f} in the package: ${files}`);
      assert.ok(!files.some((f: string) => f.startsWith('node_modules') || f.startsWith('test/') || f.endsWith('.map')), files.join(', '));
      const version = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version;
      assert.equal(info.version, version);
      const app = join(dir, 'app');
      mkdirSync(app);
      writeFileSync(join(app, 'package.json'), '{"name":"app","version":"1.0.0","private":true}');
      const inst = spawnSync('npm', ['install', '--offline', '--no-audit', '--no-fund', join(dir, info.filename)], { cwd: app, encoding: 'utf8' });
      assert.equal(inst.status, 0, inst.stderr);
      writeFileSync(join(app, 'Dockerfile'), 'FROM boot2docker/boot2docker\n');
      const v = spawnSync('npx', ['--no-install', 'container-atlas', '--version'], { cwd: app, encoding: 'utf8' });
      assert.equal(v.stdout.trim(), version, v.stderr);
      const scan = spawnSync('npx', ['--no-install', 'container-atlas', 'scan', '.'], { cwd: app, encoding: 'utf8' });
      assert.match(scan.stdout, /boot2docker is deprecated/);
      // The installed language server answers initialize over stdio.
      const frame = (m: object) => { const b = JSON.stringify({ jsonrpc: '2.0', ...m }); return `Content-Length: ${Buffer.byteLength(b)}\r\n\r\n${b}`; };
      const ls = spawn('npx', ['--no-install', 'container-atlas-language-server', '--stdio'], { cwd: app, stdio: ['pipe', 'pipe', 'pipe'] });
      let out = '';
      let err = '';
      ls.stderr.on('data', (d) => { err += d; });
      const answered = await new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => resolve(false), 20000);
        ls.stdout.on('data', (d) => { out += d; if (out.includes('"serverInfo"')) { clearTimeout(timer); resolve(true); } });
        ls.on('exit', () => { clearTimeout(timer); resolve(out.includes('"serverInfo"')); });
        ls.stdin.write(frame({ id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } }));
      });
      ls.kill();
      assert.ok(answered, `no initialize result: ${out} ${err}`);
      assert.match(out, /"serverInfo":\{"name":"container-atlas"/);
    } finally { rmSync(dir, { recursive: true, force: true }); }
  });
});
