import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { builtBundle } from '../helpers';

/**
 * A lifecycle claim (an entry's status, an image fact, an API row, a release cycle) cites the
 * project or its vendor: a list that links to it, a blog aggregator or a question site is no
 * source. The hosts and path shapes below are such sites.
 */
const AGGREGATOR_HOSTS = ['versionlog.com', 'medium.com', 'stackoverflow.com', 'stackexchange.com', 'serverfault.com', 'superuser.com', 'reddit.com', 'dev.to', 'quora.com', 'news.ycombinator.com', 'hackernoon.com', 'dzone.com', 'libhunt.com', 'alternativeto.net', 'awesome.re'];
const AGGREGATOR_PATH = /^\/[^/]+\/awesome[-_][^/]*(\/|$)/i;

function aggregatorReason(url: string): string | null {
  let u: URL;
  try { u = new URL(url); } catch { return 'not a URL'; }
  const host = u.hostname.toLowerCase().replace(/^www\./, '');
  const hit = AGGREGATOR_HOSTS.find((h) => host === h || host.endsWith(`.${h}`));
  if (hit) return `on ${hit}`;
  if (host === 'github.com' && AGGREGATOR_PATH.test(u.pathname)) return 'an awesome list';
  return null;
}

/** Every `sources` URL in the built catalog, with where it is. */
function sources(o: unknown, path: string, out: { path: string; url: string }[] = []): { path: string; url: string }[] {
  if (Array.isArray(o)) o.forEach((x, i) => sources(x, `${path}[${i}]`, out));
  else if (o && typeof o === 'object') {
    const rec = o as Record<string, unknown>;
    const name = typeof rec.id === 'string' ? `${path}(${rec.id})` : typeof rec.match === 'string' ? `${path}(${rec.match})` : path;
    for (const [k, v] of Object.entries(rec)) {
      if (k === 'sources' && Array.isArray(v)) {
        for (const u of v) if (typeof u === 'string') out.push({ path: `${name}.sources`, url: u });
      } else sources(v, `${name}.${k}`, out);
    }
  }
  return out;
}

describe('catalog sources', () => {
  it('the aggregator check recognises the sites it lists and passes the projects’ own pages', () => {
    assert.equal(aggregatorReason('https://github.com/veggiemonk/awesome-docker/pull/409'), 'an awesome list');
    assert.equal(aggregatorReason('https://versionlog.com/python/'), 'on versionlog.com');
    assert.equal(aggregatorReason('https://stackoverflow.com/questions/1'), 'on stackoverflow.com');
    assert.equal(aggregatorReason('https://blog.medium.com/x'), 'on medium.com');
    assert.equal(aggregatorReason('https://github.com/ClusterHQ/flocker/issues/2989'), null);
    assert.equal(aggregatorReason('https://kubernetes.io/blog/2023/03/10/image-registry-redirect/'), null);
  });

  it('no lifecycle claim in the catalog cites an aggregator site', () => {
    const catalog = JSON.parse(readFileSync(builtBundle('catalog.json'), 'utf8'));
    const all = sources(catalog, 'catalog');
    assert.ok(all.length > 100, `only ${all.length} sources found: the walk is broken`);
    const bad = all.map((s) => ({ ...s, why: aggregatorReason(s.url) })).filter((s) => s.why);
    assert.deepEqual(bad.map((s) => `${s.path}: ${s.url} (${s.why})`), []);
  });
});

describe('catalog taxonomy', () => {
  const catalog = JSON.parse(readFileSync(builtBundle('catalog.json'), 'utf8')) as { entries: { id: string; kind: string; category: string; commands?: string[] }[] };
  const byId = (id: string) => catalog.entries.find((e) => e.id === id)!;

  it('language runtimes are not operating systems or tools, and databases are not tools', () => {
    for (const id of ['nodejs', 'eclipse-temurin', 'python', 'go', 'openjdk']) {
      assert.deepEqual([byId(id).kind, byId(id).category], ['language-runtime', 'language-runtimes'], id);
    }
    for (const id of ['postgresql', 'redis', 'mysql', 'mongodb']) assert.deepEqual([byId(id).kind, byId(id).category], ['database', 'databases'], id);
  });

  it('pip is not the Python interpreter', () => {
    assert.ok(!catalog.entries.some((e) => e.id === 'python' && e.commands?.some((c) => /^pip/.test(c))));
  });
});
