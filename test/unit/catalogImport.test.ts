import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CatalogIndex } from '../../server/src/catalog/catalogIndex';
import type { CatalogData } from '../../server/src/catalog/types';
import { ROOT } from '../helpers';

const FIXTURES = join(ROOT, 'test', 'fixtures', 'upstream');
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const load = (rel: string): Promise<any> => import(pathToFileURL(join(ROOT, rel)).href);

/** A scratch project root with its own catalog/, so the importers never touch the real one. */
function scratchRoot(): { root: string; ctx: { root: string; write(rel: string, text: string): boolean }; written: string[] } {
  const root = mkdtempSync(join(tmpdir(), 'atlas-import-'));
  mkdirSync(join(root, 'catalog'), { recursive: true });
  writeFileSync(join(root, 'catalog', 'eol.yaml'), 'eolOverrides:\n  - { id: tinyos, images: [tinyos] }\n');
  const written: string[] = [];
  const ctx = {
    root,
    write(rel: string, text: string) {
      const file = join(root, 'catalog', rel);
      if (existsSync(file) && readFileSync(file, 'utf8') === text) return false;
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, text);
      written.push(rel);
      return true;
    },
  };
  return { root, ctx, written };
}

describe('catalog importers (endoflife.date, Docker Official Images)', function () {
  this.timeout(60000);

  it('import the fixture snapshots to the expected files, and a second run changes nothing', async () => {
    const eol = await load('scripts/import/endoflife.mjs');
    const oi = await load('scripts/import/officialImages.mjs');
    const { root, ctx, written } = scratchRoot();
    try {
      const r1 = await eol.run(join(FIXTURES, 'endoflife-date'), ctx);
      const r2 = await oi.run(join(FIXTURES, 'official-images'), ctx);
      assert.deepEqual(written.sort(), ['imported/endoflife.yaml', 'imported/official-images.yaml']);
      assert.equal(r1.source.project, 'endoflife-date/endoflife.date');
      assert.equal(r2.source.project, 'docker-library/official-images');
      for (const f of ['endoflife.yaml', 'official-images.yaml']) {
        assert.equal(readFileSync(join(root, 'catalog', 'imported', f), 'utf8'), readFileSync(join(FIXTURES, 'expected', f), 'utf8'), `${f} as expected`);
      }
      written.length = 0;
      await eol.run(join(FIXTURES, 'endoflife-date'), ctx);
      await oi.run(join(FIXTURES, 'official-images'), ctx);
      assert.deepEqual(written, [], 'a re-import of the same inputs writes nothing');
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('normalises pkg:docker purls like the catalog names images', async () => {
    const { dockerPurlToImage } = await load('scripts/import/endoflife.mjs');
    assert.equal(dockerPurlToImage('pkg:docker/library/node'), 'node');
    assert.equal(dockerPurlToImage('pkg:docker/bitnami/redis'), 'bitnami/redis');
    assert.equal(dockerPurlToImage('pkg:docker/linuxserver/wireshark?repository_url=lscr.io'), 'lscr.io/linuxserver/wireshark');
    assert.equal(dockerPurlToImage('pkg:docker/library/redis?repository_url=docker.io'), 'redis');
  });

  it('tag groups decode to exactly the tags of each library entry', async () => {
    const { encodeGroup, decodeGroup, parseLibrary } = await load('scripts/import/officialImages.mjs');
    for (const name of ['kvstore', 'tinyos']) {
      for (const p of parseLibrary(readFileSync(join(FIXTURES, 'official-images', 'library', name), 'utf8'))) {
        if (!p.Tags) continue;
        const tags = [...new Set([...p.Tags.split(','), ...(p.SharedTags ?? '').split(',')].map((t: string) => t.trim()).filter(Boolean))];
        assert.deepEqual(decodeGroup(encodeGroup(tags)).sort(), [...tags].sort());
      }
    }
    assert.deepEqual(decodeGroup('- 26 26.7|alpine alpine3.24; latest').sort(), ['26-alpine', '26-alpine3.24', '26.7-alpine', '26.7-alpine3.24', 'alpine', 'alpine3.24', 'latest']);
  });

  it('the compile step merges imported data under the hand-written facts', async () => {
    const eol = await load('scripts/import/endoflife.mjs');
    const oi = await load('scripts/import/officialImages.mjs');
    const { mergeImported } = await load('scripts/catalogImported.mjs');
    const { parse } = await import('yaml');
    const { root, ctx } = scratchRoot();
    try {
      await eol.run(join(FIXTURES, 'endoflife-date'), ctx);
      await oi.run(join(FIXTURES, 'official-images', ''), ctx);
      const problems: string[] = [];
      const facts = {
        eolProducts: [],
        eolOverrides: [
          { id: 'tinyos', images: ['tinyos'], eolFrom: 'extendedSupport', cycles: [{ cycle: '4', eol: '2026-09-30', source: 'https://tinyos.example/news' }] },
          { id: 'kvstore', images: ['acme/kvstore-unprivileged'] },
        ],
        images: [{ match: 'oldbox', status: 'deprecated', summary: 'Hand-written: wins.', sources: ['https://example.invalid/oldbox'] }],
      };
      const entries = [{ id: 'kvstore-db', images: ['kvstore'] }, { id: 'tiny-os', images: ['tinyos'] }];
      const m = mergeImported(join(root, 'catalog'), (f: string) => parse(readFileSync(f, 'utf8')), facts, entries, problems);
      assert.deepEqual(problems, []);
      const kv = m.eolProducts.find((p: { id: string }) => p.id === 'kvstore');
      assert.equal(kv.entry, 'kvstore-db');
      assert.deepEqual(kv.images, ['kvstore', 'acme/kvstore', 'ghcr.io/acme/kvstore-tools', 'acme/kvstore-unprivileged']);
      assert.deepEqual(kv.cycles.map((c: { cycle: string }) => c.cycle), ['3.1', '3.0', '2.4']);
      assert.deepEqual(kv.cycles[1], { cycle: '3.0', eol: '2028-03-31', lts: true, latest: '3.0.9', extendedSupport: '2030-03-31' });
      assert.deepEqual(kv.cycles[2], { cycle: '2.4', eol: '2024-02-14', eolUndated: true, latest: '2.4.12' }, 'eol: true without a date: the last release date, marked');
      const tiny = m.eolProducts.find((p: { id: string }) => p.id === 'tinyos');
      assert.equal(tiny.cycles[0].eol, '2030-06-01', 'eolFrom: extendedSupport');
      assert.equal(tiny.cycles[1].eol, '2026-09-30', 'a hand-written cycle wins');
      assert.equal(tiny.cycles[1].codename, 'Birch', 'imported fields the override does not set survive');
      assert.deepEqual(Object.keys(m.officialImages), ['kvstore', 'tinyos']);
      assert.deepEqual(m.officialImages.kvstore.os, ['alpine3.24', 'windowsservercore-ltsc2022']);
      const oldbox = m.images.filter((f: { match: string }) => f.match === 'oldbox');
      assert.equal(oldbox.length, 1);
      assert.equal(oldbox[0].summary, 'Hand-written: wins.');
      const legacy = m.images.find((f: { match: string }) => f.match === 'kvstore-legacy');
      assert.deepEqual({ status: legacy.status, since: legacy.since, sources: legacy.sources }, { status: 'removed', since: '2021-10-08', sources: ['https://github.com/docker-library/official-images/commit/0123abcdef'] });
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('the compiled catalog and the official images', function () {
  this.timeout(60000);
  let data: CatalogData;
  let catalog: CatalogIndex;
  before(async () => {
    const { loadCatalog } = await load('scripts/catalog.mjs');
    const r = loadCatalog();
    assert.deepEqual(r.problems, []);
    data = r.catalog;
    catalog = new CatalogIndex(data);
  });

  it('links every one of the 144 official images to an entry and records the data date', () => {
    const names = Object.keys(data.officialImages ?? {});
    assert.equal(names.length, 144);
    for (const n of names) assert.ok(catalog.entryForImage(n), `official image ${n} links to an entry`);
    assert.match(data.dataAsOf ?? '', /^\d{4}-\d{2}-\d{2}$/);
    for (const k of ['endoflife', 'official-images']) assert.ok(data.sources?.[k]?.commit, `source ${k} has its snapshot commit`);
  });

  it('every endoflife.date product with an image has cycles and an entry', () => {
    const imported = data.eolProducts.filter((p) => p.sources.some((s) => s.startsWith('https://endoflife.date/')));
    assert.ok(imported.length >= 73);
    for (const p of imported) {
      assert.ok(p.cycles.length, `${p.id} has cycles`);
      assert.ok(p.entry && catalog.entry(p.entry), `${p.id} links to an entry`);
    }
  });

  it('resolves real tags of many official image families to their release cycle', () => {
    const cases: [string, string, string, string][] = [
      ['node', '14.17.3-alpine3.14', 'nodejs', '14'],
      ['node', '0.10', 'nodejs', '0.10'],
      ['node', 'fermium-alpine', 'nodejs', '14'],
      ['python', '3.9.18-slim', 'python', '3.9'],
      ['python', '2.7-slim', 'python', '2.7'],
      ['golang', '1.12.8-buster', 'go', '1.12'],
      ['nginx', '1.13-alpine', 'nginx', '1.13'],
      ['nginx', '1.25.3', 'nginx', '1.25'],
      ['postgres', '9.6', 'postgresql', '9.6'],
      ['postgres', '16-alpine', 'postgresql', '16'],
      ['mysql', '5.7', 'mysql', '5.7'],
      ['ruby', '2.7', 'ruby', '2.7'],
      ['php', '7.4-fpm', 'php', '7.4'],
      ['tomcat', '9', 'tomcat', '9.0'],
      ['tomcat', '10.1-jdk17', 'tomcat', '10.1'],
      ['mariadb', '10.5', 'mariadb', '10.5'],
      ['mongo', '4.4', 'mongodb', '4.4'],
      ['eclipse-temurin', '8-jdk', 'eclipse-temurin', '8'],
      ['eclipse-temurin', '17.0.8_7-jre-jammy', 'eclipse-temurin', '17'],
      ['redis', '6.2-alpine', 'redis', '6.2'],
      ['debian', 'bookworm-slim', 'debian', '12'],
      ['ubuntu', 'focal', 'ubuntu', '20.04'],
      ['alpine', '3.17', 'alpine', '3.17'],
      ['httpd', '2.4-alpine', 'apache-http-server', '2.4'],
      ['rabbitmq', '3.8-management', 'rabbitmq', '3.8'],
      ['elasticsearch', '8.17.1', 'elasticsearch', '8.17'],
      ['elasticsearch', '7.17.10', 'elasticsearch', '7'],
      ['haproxy', '2.4', 'haproxy', '2.4'],
      ['memcached', '1.6-alpine', 'memcached', '1.6'],
      ['traefik', 'v2.10', 'traefik', '2.10'],
      ['maven', '3.8.6-openjdk-11', 'maven', '3.8'],
      ['gradle', '7.6-jdk17', 'gradle', '7'],
      ['rust', '1.70-slim', 'rust', '1.70'],
      ['erlang', '25', 'erlang', '25'],
      ['elixir', '1.14-alpine', 'elixir', '1.14'],
      ['amazoncorretto', '17-al2023', 'amazon-corretto', '17'],
      ['amazonlinux', '2', 'amazon-linux', '2'],
      ['mongo', '5.0.21', 'mongodb', '5.0'],
      ['kong', '3.4', 'kong-gateway', '3.4'],
      ['fedora', '38', 'fedora', '38'],
      ['rockylinux', '8', 'rocky-linux', '8'],
      ['docker', '24.0-dind', 'docker-engine', '24.0'],
      ['wordpress', '6.4-php8.2-apache', 'wordpress', '6.4'],
    ];
    for (const [key, tag, product, cycle] of cases) {
      const v = catalog.eolCycle(key, tag);
      assert.ok(v, `${key}:${tag} maps to a cycle`);
      assert.equal(`${v.product.id} ${v.cycle.cycle}`, `${product} ${cycle}`, `${key}:${tag}`);
    }
    assert.equal(catalog.eolCycle('debian', 'bookworm')?.cycle.eol, '2028-06-30', 'Debian 12 ends with its LTS on 2028-06-30');
    assert.equal(catalog.eolCycle('redis', '8.0')?.cycle.eol, '2026-12-01');
    assert.equal(catalog.eolCycle('python', '3.5')?.cycle.eol, '2020-09-30');
  });

  it('Alpine, Debian and Ubuntu cycles carry the words their tags use for the OS part', () => {
    const product = (id: string) => data.eolProducts.find((p) => p.id === id)!;
    assert.ok(new RegExp(product('alpine').osTag!).test('alpine3.17'));
    assert.deepEqual(product('debian').cycles.filter((c) => ['11', '12', '13'].includes(c.cycle)).map((c) => c.codename?.toLowerCase()), ['trixie', 'bookworm', 'bullseye']);
    assert.equal(product('ubuntu').cycles.find((c) => c.cycle === '22.04')?.codename, 'jammy');
    assert.ok(data.officialImages?.python.os?.includes('alpine3.23'));
  });
});
