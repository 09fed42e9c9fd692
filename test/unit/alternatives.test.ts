import { strict as assert } from 'node:assert';
import { alternativesAt, alternativesForEntry } from '../../server/src/features/catalogRequests';
import { codeActions } from '../../server/src/features/codeActions';
import { computeUpgrades, upgradesFor } from '../../server/src/analysis/upgrades';
import { parseImageReference } from '../../server/src/syntax/imageReference';
import { mechanicalEdits } from '../../server/src/cli/fix';
import { completeImages } from '../../server/src/features/completion';
import { applyEdits, realCatalog, run, withCursor } from '../helpers';

// Suggest Alternative and the quick fixes: the upgrade a user would pick, only tags that exist,
// successors that are alive, peers that do the same job.

const O = { asOf: '2026-12-03' };
const at = (image: string) => {
  const { text, position } = withCursor(`FROM |${image}\n`);
  return alternativesAt(realCatalog(), run('Dockerfile', text, { catalog: realCatalog(), ...O }), position, O);
};
const exists = (image: string) => {
  const r = parseImageReference(image)!;
  return realCatalog().officialTags(r.key)!.some((g) => g.includes(r.tag!));
};

describe('Suggest Alternative', () => {
  for (const image of ['postgres:9.6', 'redis:6', 'node:14-alpine', 'python:2.7-slim']) {
    it(`${image}: starts with supported releases of the same family, every tag one the image publishes`, () => {
      const a = at(image);
      const ups = a.options.filter((o) => o.group === 'upgrade');
      assert.ok(ups.length >= 1 && a.options[0].group === 'upgrade', `${image}: ${a.options.map((o) => o.label).join(', ')}`);
      for (const u of ups) assert.ok(exists(u.label), `${u.label} is a published tag`);
      assert.ok(ups.every((u) => u.edits?.length === 1 && u.edits[0].newText === u.label), 'each upgrade rewrites the reference');
    });
  }

  it('a Compose network driver (driver: weave) is offered Compose drivers, not Kubernetes CNI plugins', () => {
    const { text, position } = withCursor('services:\n  a:\n    image: nginx\nnetworks:\n  n:\n    driver: we|ave\n');
    const labels = alternativesAt(realCatalog(), run('compose.yaml', text, { catalog: realCatalog() }), position, { asOf: '2026-11-22' }).options.map((o) => o.label);
    assert.ok(labels.length >= 1, 'something is offered');
    for (const cni of ['flannel', 'Cilium', 'Antrea', 'Kube-OVN']) assert.ok(!labels.includes(cni), `${cni} is offered: ${labels.join(', ')}`);
    assert.ok(labels.includes('Calico'), `Calico has a Docker network driver: ${labels.join(', ')}`);
    // In a Kubernetes context the same entry's alternatives are the CNI plugins.
    assert.ok(alternativesForEntry(realCatalog(), realCatalog().entry('weave-net')!).some((o) => o.label === 'Cilium'));
  });

  it('keeps the variant family: alpine stays alpine, slim stays slim, the OS release floats', () => {
    assert.deepEqual(at('node:14.17.3-alpine3.14').options.filter((o) => o.group === 'upgrade').map((o) => o.label), ['node:26-alpine', 'node:22-alpine']);
    assert.equal(at('python:3.9.18-slim').options[0].label, 'python:3.14-slim');
    assert.equal(at('golang:1.12.8-buster').options[0].label, 'golang:1.27');
    assert.equal(at('eclipse-temurin:8-jdk-focal').options[0].label, 'eclipse-temurin:25-jdk');
  });

  it('says when an upgrade crosses a major version and what that involves (databases migrate data)', () => {
    const pg = at('postgres:9.6').options[0];
    assert.equal(pg.reason, 'PostgreSQL 18 · newest · until 2030-11-14 · major upgrade');
    assert.match(pg.summary!, /^Major upgrade: migrates the data directory/);
    assert.doesNotMatch(at('python:3.9.18-slim').options[0].reason!, /major/);
  });

  it('a pinned digest is dropped with the old tag, and said so', () => {
    const [u] = upgradesFor(realCatalog(), parseImageReference(`postgres:9.6@sha256:${'a'.repeat(64)}`)!, O.asOf);
    assert.equal(u.text, 'postgres:18');
    assert.equal(u.dropsDigest, true);
    assert.match(at(`postgres:9.6@sha256:${'a'.repeat(64)}`).options[0].reason!, /drops the pinned digest/);
  });

  it('the cached upgrades are the uncached ones, whatever the order of digests, dates and tags', () => {
    const c = realCatalog();
    const refs = ['postgres:9.6', `postgres:9.6@sha256:${'b'.repeat(64)}`, 'node:14-alpine', 'node:14.17.3-alpine3.14', 'python:2.7-slim', 'redis:6', 'nginx:1.27.3', 'java:8', 'alpine'];
    for (const asOf of [O.asOf, '2024-01-01', O.asOf]) {
      for (const image of [...refs, ...refs.reverse()]) {
        const r = parseImageReference(image)!;
        const cached = upgradesFor(c, r, asOf);
        assert.deepEqual(cached, computeUpgrades(c, r, asOf), `${image} on ${asOf}`);
        cached.push(cached[0]); // a caller changing its result changes nothing for the next one
        assert.deepEqual(upgradesFor(c, r, asOf), computeUpgrades(c, r, asOf), `${image} on ${asOf}, again`);
      }
    }
  });

  it('mirrors and architecture builds keep their registry: the tag changes, not where it comes from', () => {
    assert.equal(at('public.ecr.aws/docker/library/node:14').options[0].label, 'public.ecr.aws/docker/library/node:26');
  });

  it('boot2docker and the retired ingress-nginx start with their successor; Weave Net with network plugins', () => {
    const b = at('boot2docker/boot2docker');
    assert.equal(b.options[0].group, 'successor');
    assert.equal(b.options[0].entryId, 'docker-desktop');
    assert.equal(at('k8s.gcr.io/ingress-nginx/controller:v1.2.0').options[0].group, 'successor');
    const weave = alternativesForEntry(realCatalog(), realCatalog().entry('weave-net')!);
    assert.ok(weave.length && weave.every((o) => realCatalog().entry(o.entryId!)?.role === 'cni-plugin'), weave.map((o) => o.label).join(', '));
  });

  it('lists only active entries, peers only of the same role, and at most five before More…', () => {
    const cat = realCatalog();
    for (const id of ['postgresql', 'redis', 'nodejs', 'boot2docker', 'ingress-nginx', 'weave-net', 'tutum', 'minio', 'docker-machine']) {
      const e = cat.entry(id)!;
      const opts = alternativesForEntry(cat, e);
      for (const o of opts) {
        const x = cat.entry(o.entryId!)!;
        assert.equal(x.status.value, 'active', `${id}: ${x.id} is active`);
        if (o.group === 'peer') assert.equal(x.role, e.role, `${id}: peer ${x.id} does the same job`);
      }
      assert.ok(opts.filter((o) => o.group === 'peer' && !o.more).length <= 5, `${id}: five peers shown`);
    }
    const pgPeers = alternativesForEntry(cat, cat.entry('postgresql')!).map((o) => o.entryId);
    for (const unrelated of ['longhorn', 'minio', 'portworx-pwx', 'memcached', 'mongodb']) assert.ok(!pgPeers.includes(unrelated), `postgres is not offered ${unrelated}`);
    assert.ok(!alternativesForEntry(cat, cat.entry('boot2docker')!).some((o) => ['chrome-os', 'cargos'].includes(o.entryId!)), 'boot2docker is not offered other operating systems');
    assert.ok(!alternativesForEntry(cat, cat.entry('nodejs')!).some((o) => o.entryId === 'amazon-corretto'), 'Node.js is not offered a Java runtime');
  });

  it('a successor chain is followed to an active product (Tutum → Docker Cloud, discontinued → …)', () => {
    const t = alternativesForEntry(realCatalog(), realCatalog().entry('tutum')!).filter((o) => o.group === 'successor');
    assert.ok(t.length && t.every((o) => /Docker Cloud \(discontinued 2018/.test(o.reason!)), t.map((o) => `${o.label}: ${o.reason}`).join('; '));
  });
});

describe('end-of-life quick fixes', () => {
  const cat = () => realCatalog();

  it('eol-image offers the upgrades, titled with the target and its end date, majors flagged', () => {
    const text = 'FROM postgres:9.6\n';
    const a = run('Dockerfile', text, { catalog: cat(), ...O });
    const titles = codeActions(a, 'file:///Dockerfile', a.findings[0].range, undefined, text).map((x) => x.title);
    assert.ok(titles.includes('Upgrade to postgres:18 (newest, supported until 2030-11-14) — major upgrade: migrates the data directory (pg_upgrade, mysql_upgrade, or a dump and restore)'), titles.join('\n'));
    assert.equal(mechanicalEdits(a).edits.length, 0, '`fix` leaves a major database upgrade alone');
    assert.equal(applyEdits(text, mechanicalEdits(a, true).edits), 'FROM postgres:18\n', 'and applies it with --allow-major');
    const py = run('Dockerfile', 'FROM python:3.9.18-slim\n', { catalog: cat(), ...O });
    assert.equal(applyEdits('FROM python:3.9.18-slim\n', mechanicalEdits(py).edits), 'FROM python:3.14-slim\n', 'a minor upgrade is applied by fix');
  });

  it('an apiVersion bump that would leave the manifest invalid (apps/v1 without spec.selector) is named, not applied', () => {
    const without = 'apiVersion: extensions/v1beta1\nkind: Deployment\nmetadata: { name: a }\nspec:\n  template:\n    metadata:\n      labels: { app: a }\n';
    const a = run('d.yaml', without, { catalog: cat(), ...O });
    const f = a.findings.find((x) => x.rule === 'removed-api')!;
    assert.equal(f.replacements![0].text, 'apps/v1');
    assert.equal(f.replacements![0].edits, undefined, 'no mechanical edit');
    assert.match(f.replacements![0].reason!, /requires spec\.selector/);
    assert.equal(mechanicalEdits(a).edits.length, 0, '`fix` leaves it alone');
    const withSelector = without.replace('spec:\n', 'spec:\n  selector: { matchLabels: { app: a } }\n');
    const b = run('d.yaml', withSelector, { catalog: cat(), ...O });
    assert.equal(applyEdits(withSelector, mechanicalEdits(b).edits).split('\n')[0], 'apiVersion: apps/v1', 'with a selector the bump is mechanical');
  });

  it('Compose links become depends_on when that keeps what they did (plain service names, one shared network)', () => {
    const fixed = (t: string) => applyEdits(t, mechanicalEdits(run('compose.yaml', t)).edits);
    const plain = 'services:\n  web:\n    image: nginx\n    links:\n      - db\n  db:\n    image: postgres:17\n';
    assert.equal(fixed(plain), plain.replace('links:', 'depends_on:'));
    for (const t of [
      plain.replace('- db', '- db:database'), // an alias: only links gives it
      plain.replace('    links:', '    networks: [back]\n    links:'), // networks of its own: the services may not share one
      plain.replace('    links:', '    depends_on: [cache]\n    links:'), // depends_on already there: merging is not mechanical
      plain.replace('- db', '- elsewhere'), // not a service of this file
    ]) assert.equal(fixed(t), t, t);
  });

  it('upgrades keep an architecture namespace: arm64v8/node:14 → arm64v8/node:26', () => {
    assert.equal(at('arm64v8/node:14').options[0].label, 'arm64v8/node:26');
  });

  it('eol-image-soon: a release ending within eolWarningDays, at information severity', () => {
    const a = run('Dockerfile', 'FROM php:8.2-fpm\n', { catalog: cat(), ...O });
    const soon = a.findings.find((f) => f.rule === 'eol-image-soon')!;
    assert.equal(soon.severity, 'information');
    assert.match(soon.message, /PHP 8\.2 reaches end of life on 2026-12-31 \(in 28 days\)/);
    assert.equal(run('Dockerfile', 'FROM php:8.2-fpm\n', { catalog: cat(), ...O, eolWarningDays: 0 }).findings.length, 0);
  });

  it('ignore actions: a comment above the line, one for the file after the parser directives, and the severity setting', () => {
    const text = '# syntax=docker/dockerfile:1\nFROM java:8\n  RUN true\n';
    const a = run('Dockerfile', text, { catalog: cat(), ...O });
    const f = a.findings.find((x) => x.rule === 'deprecated-image')!;
    const actions = codeActions(a, 'file:///Dockerfile', f.range, undefined, text);
    const line = actions.find((x) => x.title === 'Ignore deprecated-image on this line')!;
    const file = actions.find((x) => x.title === 'Ignore deprecated-image in this file')!;
    const after = (x: typeof line) => applyEdits(text, x.edit!.changes!['file:///Dockerfile']);
    assert.equal(after(line), '# syntax=docker/dockerfile:1\n# container-atlas: ignore deprecated-image\nFROM java:8\n  RUN true\n');
    assert.equal(after(file), '# syntax=docker/dockerfile:1\n# container-atlas: ignore-file deprecated-image\nFROM java:8\n  RUN true\n');
    for (const t of [after(line), after(file)]) assert.ok(!run('Dockerfile', t, { catalog: cat(), ...O }).findings.some((x) => x.rule === 'deprecated-image'), 'the finding is gone');
    assert.ok(actions.some((x) => x.command?.command === 'containerAtlas.changeSeverity' && x.command.arguments?.[0] === 'deprecated-image'));
    const json = run('k8s.json', '{"apiVersion": "extensions/v1beta1", "kind": "Deployment"}\n', { catalog: cat(), ...O });
    assert.ok(!codeActions(json, 'file:///k8s.json', json.findings[0].range, undefined, '').some((x) => x.title.startsWith('Ignore')), 'JSON has no comments: no ignore comment offered');
  });
});

describe('image completion', () => {
  it('official images first, deprecated ones last and tagged; after name: the supported tags with their end dates', () => {
    const cat = realCatalog();
    const items = completeImages(cat, 'dockerfile', 'FROM ', { line: 0, character: 5 }, O.asOf);
    const sorted = [...items].sort((a, b) => a.sortText!.localeCompare(b.sortText!));
    const firstDeprecated = sorted.findIndex((i) => i.tags?.includes(1));
    const lastActive = sorted.map((i) => !i.tags?.includes(1)).lastIndexOf(true);
    assert.ok(firstDeprecated > lastActive, 'deprecated images sort after every active one');
    assert.ok(cat.data.officialImages![sorted[0].label], `the first suggestion is an official image: ${sorted[0].label}`);
    const tags = completeImages(cat, 'dockerfile', 'FROM postgres:', { line: 0, character: 14 }, O.asOf);
    const labels = tags.map((t) => t.label);
    assert.ok(labels.includes('18') && labels.includes('18-alpine'), labels.slice(0, 10).join(' '));
    assert.ok(!labels.some((l) => /^(9|10|11|12)(\.|-|$)/.test(l)), 'no end-of-life release is offered');
    assert.match(tags.find((t) => t.label === '18')!.detail!, /PostgreSQL 18: supported until 2030-11-14/);
    assert.deepEqual(tags[0].textEdit, { range: { start: { line: 0, character: 14 }, end: { line: 0, character: 14 } }, newText: tags[0].label });
  });
});
