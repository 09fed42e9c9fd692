import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ROOT, realCatalog } from '../helpers';

const SEEDS = join(ROOT, '..', 'shared', 'seeds');

describe('the catalog', function () {
  this.timeout(60000);

  it('passes `npm run catalog:check` and reports its coverage figures', () => {
    const r = spawnSync(process.execPath, [join(ROOT, 'scripts/catalog.mjs'), '--check'], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const entries = Number(/^entries: (\d+)$/m.exec(r.stdout)![1]);
    assert.ok(entries >= 400, `at least 400 entries, got ${entries}`);
    const [sourced, inactive] = /non-active entries with since and source: (\d+)\/(\d+)/.exec(r.stdout)!.slice(1).map(Number);
    assert.equal(sourced, inactive);
    assert.match(r.stdout, /successor chains ending in an inactive entry: 0/);
    for (const m of r.stdout.matchAll(/^seed (\S+): (\d+)\/(\d+) named/gm)) assert.equal(m[2], m[3], `seed ${m[1]} fully covered`);
  });

  it('every seed document has an index, and every name in it appears in the seed and resolves to an entry that lists the seed', function () {
    const catalog = realCatalog();
    const indexFiles = readdirSync(join(ROOT, 'catalog', 'seeds')).filter((f) => f.endsWith('.yaml'));
    const indexed = new Set<string>();
    const haveSeeds = existsSync(SEEDS);
    for (const f of indexFiles) {
      const idx = parse(readFileSync(join(ROOT, 'catalog', 'seeds', f), 'utf8')) as { seed: string; names: (string | { name: string; entry?: string })[] };
      indexed.add(idx.seed);
      const squash = (t: string) => t.toLowerCase().replace(/<[^>]*>/g, ' ').replace(/&amp;/g, '&').replace(/[^a-z0-9]+/g, '');
      const seedText = haveSeeds ? squash(readFileSync(join(SEEDS, idx.seed), 'utf8')) : null;
      assert.ok(idx.names.length > 0, `${f} names technologies`);
      for (const item of idx.names) {
        const name = typeof item === 'string' ? item : item.name;
        const entry = typeof item === 'string' ? catalog.byNameOrAlias(name) : item.entry ? catalog.entry(item.entry) : catalog.byNameOrAlias(name);
        assert.ok(entry, `${f}: '${name}' resolves to an entry`);
        assert.ok(entry.mentionedIn?.includes(idx.seed), `${entry.id}.mentionedIn lists ${idx.seed}`);
        if (seedText) assert.ok(seedText.includes(squash(name)), `${f}: '${name}' appears in ${idx.seed}`);
      }
    }
    if (haveSeeds) for (const s of readdirSync(SEEDS)) assert.ok(indexed.has(s), `seed ${s} has an index in catalog/seeds/`);
  });

  it('knows the founding examples: lifecycle, successors, images, commands', () => {
    const c = realCatalog();
    const b2d = c.entry('boot2docker')!;
    assert.equal(b2d.status.value, 'deprecated');
    assert.ok(b2d.successors!.some((s) => s.id === 'docker-desktop'));
    assert.equal(c.entryForImage('boot2docker/boot2docker')?.id, 'boot2docker');
    assert.equal(c.entryForCommand('docker-machine')?.id, 'docker-machine');
    assert.equal(c.byNameOrAlias('Rocket')?.id, 'rkt');
    for (const id of ['appc', 'rkt', 'docker-machine', 'fleet', 'flocker', 'docker-swarm', 'heapster']) assert.notEqual(c.entry(id)?.status.value, 'active', `${id} is not active`);
    assert.equal(c.kubernetesApi('extensions/v1beta1', 'Deployment')?.replacement, 'apps/v1');
    assert.ok(c.imageFact('k8s.gcr.io/pause'));
    assert.equal(c.eolCycle('python', '2.7-slim')?.cycle.eol, '2020-01-01');
  });

  it('the built index matches the YAML sources (no YAML parsing at run time)', () => {
    const compiled = JSON.parse(readFileSync(join(ROOT, 'dist', 'catalog.json'), 'utf8'));
    assert.equal(compiled.entries.length, readdirSync(join(ROOT, 'catalog', 'entries')).filter((f) => f.endsWith('.yaml')).length);
    for (const e of compiled.entries) assert.ok(e.layer, `${e.id} has a layer`);
  });
});
