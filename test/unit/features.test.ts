import { strict as assert } from 'node:assert';
import { applyEdits, fixtureCatalog, run, withCursor, FIXTURE_DATA, OPTIONS } from '../helpers';
import { hover } from '../../server/src/features/hover';
import { codeActions } from '../../server/src/features/codeActions';
import { diagnostics } from '../../server/src/features/diagnostics';
import { readSettings } from '../../server/src/service/settings';
import { documentLinks } from '../../server/src/features/documentLinks';
import { completeImages } from '../../server/src/features/completion';
import { escapeMarkdown, link } from '../../server/src/features/markdown';
import { alternativesAt, catalogTree, entryDetails, inventory } from '../../server/src/features/catalogRequests';
import { CatalogIndex } from '../../server/src/catalog/catalogIndex';
import { ATTENTION_LIMIT } from '../../server/src/common/protocol';

// As VS Code sees it: our client asks for codicons and command links (initializationOptions.editorMarkup).
const hoverText = (path: string, marked: string, editorMarkup = true): string | null => {
  const { text, position } = withCursor(marked);
  const h = hover(fixtureCatalog, run(path, text), position, { editorMarkup });
  return h ? (h.contents as { value: string }).value : null;
};

describe('language features', () => {
  it('hover on a Dockerfile FROM image: a short card whose first line is the status with what to use', () => {
    const md = hoverText('Dockerfile', 'FROM boot2docker/boot|2docker\n')!;
    const lines = md.split('\n\n');
    assert.ok(lines.length <= 6, `at most six lines:\n${md}`);
    assert.equal(lines[0], '$(warning) **boot2docker is deprecated since 2020-05-22 → use `Docker Desktop`**');
    assert.equal(lines[1], '**boot2docker** · Core container technologies › Operating systems · _Operating system_');
    assert.match(md, /\[Homepage\]\(https:\/\/github\.com\/boot2docker\/boot2docker\)/);
    assert.match(md, /\[boot2docker\/boot2docker \\#1408\]\(https:\/\/github\.com\/boot2docker\/boot2docker\/pull\/1408\)/, 'sources are named by site and page');
    assert.ok(!/⛔|⚠️/u.test(md), 'codicons, not emoji');
  });

  it('the hover card does not repeat the diagnostic and links to Open entry, Alternatives and Fix', () => {
    const { text, position } = withCursor('services:\n  a:\n    image: jwilder/nginx-|proxy:1.0\n');
    const a = run('compose.yaml', text);
    const md = (hover(fixtureCatalog, a, position, { editorMarkup: true })!.contents as { value: string }).value;
    for (const f of a.findings) assert.ok(!md.includes(escapeMarkdown(f.message)) && !md.includes(f.message), `the card repeats "${f.message}":\n${md}`);
    assert.match(md.split('\n\n')[0], /^\$\(warning\) \*\*jwilder\/nginx-proxy was renamed .*→ use `nginxproxy\/nginx-proxy:1\.0`\*\*$/);
    const links = [...md.matchAll(/\]\(command:([\w.]+)\?([^)]*)\)/g)].map((m) => [m[1], JSON.parse(decodeURIComponent(m[2]))]);
    assert.deepEqual(links, [
      ['containerAtlas.suggestAlternative', [{ position: { line: 2, character: 11 } }]],
      ['containerAtlas.fixAt', [{ position: { line: 2, character: 11 } }]],
    ]);
    const b2d = hoverText('Dockerfile', 'FROM boot2docker/boot|2docker\n')!;
    assert.match(b2d, /\[\$\(book\) Open entry\]\(command:containerAtlas\.openEntry\?%5B%7B%22id%22%3A%22boot2docker%22%7D%5D\)/);
    assert.ok(!b2d.includes('containerAtlas.fixAt'), 'no Fix link where nothing is rewritten mechanically');
  });

  it('other editors (and explain) get the card as plain Markdown: no codicons, no command links', () => {
    const md = hoverText('Dockerfile', 'FROM boot2docker/boot|2docker\n', false)!;
    assert.equal(md.split('\n\n')[0], '**Warning: boot2docker is deprecated since 2020-05-22 → use `Docker Desktop`**');
    assert.ok(!/\$\([a-z-]+\)|\]\(command:/.test(md), md);
    const ok = hoverText('d.yaml', 'apiVersion: apps/v|1\nkind: Deployment\n', false)!;
    assert.match(ok, /^\*\*apps\/v1 Deployment\*\* — stable since Kubernetes 1\.9/);
  });

  it('hover on an EOL tag names its release cycle on one line', () => {
    const md = hoverText('Dockerfile', 'FROM python:2.|7-slim\n')!;
    assert.match(md, /^\$\(warning\) \*\*Python 2\.7 ended 2020-01-01/);
    assert.match(md, /\n\nRelease cycle Python 2\.7: end of life 2020-01-01(\n|$)/);
  });

  it('hover on a removed apiVersion: status and what to use; a served API gets a small card', () => {
    assert.match(hoverText('d.yaml', 'apiVersion: extensions/v1b|eta1\nkind: Deployment\n')!, /^\$\(error\) \*\*Deployment extensions\/v1beta1 removed in Kubernetes 1\.16 → use `apps\/v1`\*\*/);
    const ok = hoverText('d.yaml', 'apiVersion: apps/v|1\nkind: Deployment\n')!;
    assert.match(ok, /^\$\(pass\) \*\*apps\/v1 Deployment\*\* — stable since Kubernetes 1\.9/);
    assert.ok(ok.split('\n\n').length <= 3, ok);
  });

  it('escapes catalog and file text: no links, HTML or command URIs can be injected', () => {
    const evil = '[click](command:workbench.action.terminal.new) <img src=x onerror=alert(1)> **bold** `x`';
    const e = escapeMarkdown(evil);
    assert.ok(!/\]\(/.test(e.replace(/\\\]\\\(/g, '')), e);
    assert.ok(!e.includes('<img'));
    assert.equal(link('x', 'command:foo'), 'x');
    assert.equal(link('x', 'javascript:alert(1)'), 'x');
    const data = structuredClone(FIXTURE_DATA);
    data.entries[0].summary = evil;
    data.entries[0].homepage = 'command:workbench.action.terminal.new';
    const cat = new CatalogIndex(data);
    const { text, position } = withCursor('FROM boot2docker/boot|2docker\n');
    const md = (hover(cat, run('Dockerfile', text, { catalog: cat }), position, { editorMarkup: true })!.contents as { value: string }).value;
    assert.ok(![...md.matchAll(/\]\(command:([\w.]+)/g)].some((m) => !m[1].startsWith('containerAtlas.')), md);
    assert.ok(!md.includes('workbench.action.terminal.new)'), md);
    assert.ok(!md.includes('<img'), md);
  });

  it('code actions apply the replacement and the re-analysis is clean', () => {
    const cases: [string, string, string][] = [
      ['Dockerfile', 'FROM |java:8\n', 'deprecated-image'],
      ['Dockerfile', 'FROM alpine\n|MAINTAINER me\n', 'deprecated-syntax'],
      ['compose.yaml', '|version: "3"\nservices:\n  a:\n    image: nginx\n', 'deprecated-syntax'],
      ['d.yaml', 'apiVersion: |extensions/v1beta1\nkind: ReplicaSet\nspec:\n  selector: {}\n', 'removed-api'],
      ['k.yaml', 'apiVersion: v1\nkind: Pod\nspec:\n  containers: [{name: a, image: |k8s.gcr.io/etcd:3.5.0-0}]\n', 'deprecated-image'],
    ];
    for (const [path, marked, rule] of cases) {
      const { text, position } = withCursor(marked);
      const a = run(path, text);
      const actions = codeActions(a, 'file:///x', { start: position, end: position });
      const fix = actions.find((x) => x.edit && x.isPreferred)!;
      assert.ok(fix, `${path}: a preferred quick fix for ${rule}: ${JSON.stringify(actions.map((x) => x.title))} ${JSON.stringify(a.findings)}`);
      assert.equal(fix.diagnostics![0].code, rule);
      const fixed = applyEdits(text, fix.edit!.changes!['file:///x']);
      assert.ok(!run(path, fixed).findings.some((f) => f.rule === rule), `${path}: ${rule} gone after the fix:\n${fixed}`);
      if (rule !== 'deprecated-syntax') assert.ok(actions.some((x) => x.command?.command === 'containerAtlas.suggestAlternative'));
    }
  });

  it('document links go to registry pages and homepages', () => {
    const a = run('Dockerfile', 'FROM nginx:1\nFROM quay.io/coreos/etcd:v3\nFROM registry.internal:5000/x\nRUN docker-machine ls\n');
    assert.deepEqual(documentLinks(fixtureCatalog, a).map((l) => l.target), ['https://hub.docker.com/_/nginx', 'https://quay.io/repository/coreos/etcd']);
    const b = run('Dockerfile', 'FROM alpine\nRUN boot2docker up\n');
    assert.deepEqual(documentLinks(fixtureCatalog, b).map((l) => l.target), ['https://hub.docker.com/_/alpine', 'https://github.com/boot2docker/boot2docker']);
  });

  it('completes image repositories after FROM and image:, inactive ones last', () => {
    const items = completeImages(fixtureCatalog, 'dockerfile', 'FROM ', { line: 0, character: 5 });
    assert.ok(items.some((i) => i.label === 'nginx'));
    const b2d = items.find((i) => i.label === 'boot2docker/boot2docker')!;
    assert.deepEqual(b2d.tags, [1]);
    assert.ok(b2d.sortText! > items.find((i) => i.label === 'nginx')!.sortText!);
    assert.deepEqual(completeImages(fixtureCatalog, 'compose', '    image: ngi', { line: 3, character: 14 }).map((i) => i.label), ['nginx']);
    assert.equal(completeImages(fixtureCatalog, 'dockerfile', 'RUN ', { line: 0, character: 4 }).length, 0);
  });

  it('custom requests: tree, entry with lineage, alternatives, inventory', () => {
    const tree = catalogTree(fixtureCatalog);
    assert.deepEqual(tree.layers.map((l) => l.id), ['core', 'support', 'distributed']);
    const d = entryDetails(fixtureCatalog, 'boot2docker', [], { roots: [], asOf: OPTIONS.asOf })!;
    assert.deepEqual(d.lineage.steps.map((s) => s.map((e) => e.id)), [['boot2docker'], ['docker-desktop']]);
    assert.equal(d.lineage.self, 0);
    const { text, position } = withCursor('FROM |java:8\n');
    const alt = alternativesAt(fixtureCatalog, run('Dockerfile', text), position, OPTIONS);
    assert.equal(alt.options[0].group, 'replacement');
    assert.equal(alt.options[0].label, 'eclipse-temurin:8');
    const { text: t2, position: p2 } = withCursor('FROM boot2docker/|boot2docker\n');
    const alt2 = alternativesAt(fixtureCatalog, run('Dockerfile', t2), p2, OPTIONS);
    assert.deepEqual(alt2.options.map((o) => `${o.group}:${o.entryId}`).slice(0, 1), ['successor:docker-desktop']);
    const inv = inventory(fixtureCatalog, [['file:///a/Dockerfile', run('Dockerfile', 'FROM boot2docker/boot2docker\nFROM nginx\n')], ['file:///a/d.yaml', run('d.yaml', 'apiVersion: extensions/v1beta1\nkind: Deployment\n')]], false);
    assert.deepEqual(inv.entries.map((e) => e.id), ['boot2docker', 'nginx']);
    assert.deepEqual(inv.findings, { error: 1, warning: 1, information: 0, hint: 0 }, 'findings by severity: the removed API and boot2docker');
    assert.equal(inv.inactive, 1);
    assert.equal(inv.removedApis, 1);
  });

  it('inventory: every finding for Needs attention (most severe first, linked to the entry at its token), worst severity per entry and reference, unknown repositories', () => {
    const inv = inventory(fixtureCatalog, [
      ['file:///a/Dockerfile', run('Dockerfile', 'FROM boot2docker/boot2docker\nFROM nginx\nFROM example.org/team/app:1\n')],
      ['file:///a/d.yaml', run('d.yaml', 'apiVersion: extensions/v1beta1\nkind: Deployment\n')],
    ], false);
    assert.deepEqual(inv.attention?.map((f) => `${f.severity} ${f.rule} ${f.uri.replace('file:///a/', '')}:${f.range.start.line}`), ['error removed-api d.yaml:0', 'warning deprecated-technology Dockerfile:0']);
    assert.equal(inv.attention?.[1].entry, 'boot2docker');
    const boot = inv.entries.find((e) => e.id === 'boot2docker')!;
    assert.equal(boot.severity, 'warning');
    assert.equal(boot.references[0].severity, 'warning');
    const nginx = inv.entries.find((e) => e.id === 'nginx')!;
    assert.equal(nginx.severity, undefined, 'no finding on nginx');
    assert.deepEqual(inv.unknown?.map((u) => [u.repository, u.text]), [['example.org/team/app', 'example.org/team/app:1']]);
    // Capped: the counts stay whole.
    const many = Array.from({ length: ATTENTION_LIMIT + 20 }, (_, i) => `apiVersion: extensions/v1beta1\nkind: Deployment\nmetadata: {name: d${i}}\n`).join('---\n');
    const big = inventory(fixtureCatalog, [['file:///a/many.yaml', run('many.yaml', many)]], false);
    assert.equal(big.attention?.length, ATTENTION_LIMIT);
    assert.equal(big.findings.error, ATTENTION_LIMIT + 20);
  });

  it('diagnostics stop at maxDiagnosticsPerFile, keep the most severe, and say how many were left out', () => {
    // 30 removed apiVersions (errors) and 30 deprecated images (warnings), interleaved.
    const docs: string[] = [];
    for (let i = 0; i < 30; i++) {
      docs.push(`apiVersion: v1\nkind: Pod\nspec:\n  containers: [{name: a, image: k8s.gcr.io/etcd:3.5.${i}-0}]\n`);
      docs.push('apiVersion: extensions/v1beta1\nkind: ReplicaSet\nspec:\n  selector: {}\n');
    }
    const a = run('many.yaml', docs.join('---\n'));
    const errors = a.findings.filter((f) => f.severity === 'error').length;
    assert.ok(errors >= 30 && a.findings.length >= 60, JSON.stringify(a.findings.map((f) => f.rule)));
    assert.equal(diagnostics(a).length, a.findings.length, 'under the default limit: all of them');
    const limited = diagnostics(a, 40);
    assert.equal(limited.length, 41);
    assert.equal(limited[0].code, 'diagnostics-limit');
    assert.match(limited[0].message, new RegExp(`Showing 40 of ${a.findings.length} findings`));
    assert.match(limited[0].message, /container-atlas scan many\.yaml/);
    const kept = limited.slice(1);
    assert.equal(kept.filter((d) => d.severity === 1).length, errors, 'every error is kept before any warning');
    assert.deepEqual(kept.map((d) => d.range.start.line), [...kept.map((d) => d.range.start.line)].sort((x, y) => x - y), 'in file order');
    assert.equal(readSettings({ maxDiagnosticsPerFile: 0 }).problems.length, 1);
    assert.equal(readSettings({ maxDiagnosticsPerFile: 250 }).settings.maxDiagnosticsPerFile, 250);
  });
});
