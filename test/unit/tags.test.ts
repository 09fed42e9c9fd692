import { strict as assert } from 'node:assert';
import { decodeTagGroup } from '../../server/src/catalog/catalogIndex';
import { realCatalog, run } from '../helpers';
import { hover } from '../../server/src/features/hover';
import { explain } from '../../server/src/features/explain';
import { entryDetails } from '../../server/src/features/catalogRequests';

// Image tags say more than a version: the OS release of the variant (alpine3.17, buster, focal),
// architecture namespaces (arm64v8/…) and mirrors of the official library name the same image.

const AS_OF = '2026-12-03';
const eol = (image: string) => run('Dockerfile', `FROM ${image}\n`, { catalog: realCatalog(), asOf: AS_OF }).findings.filter((f) => f.rule === 'eol-image');

describe('image tags', () => {
  it('decode the official images\' compact tag groups', () => {
    assert.deepEqual(decodeTagGroup('- 26 26.7|alpine alpine3.24'), ['alpine', 'alpine3.24', '26-alpine', '26-alpine3.24', '26.7-alpine', '26.7-alpine3.24']);
    assert.deepEqual(decodeTagGroup('- 3 3.14 3.14.7|- trixie; latest'), ['trixie', '3', '3-trixie', '3.14', '3.14-trixie', '3.14.7', '3.14.7-trixie', 'latest']);
    assert.deepEqual(decodeTagGroup('20260805 edge'), ['20260805', 'edge']);
    const node = realCatalog().officialTags('node')!.flat();
    assert.ok(node.includes('26-alpine3.24') && node.includes('latest'), 'node publishes 26-alpine3.24 and latest');
    assert.ok(!node.includes('26.17.3-alpine3.14'), 'and no tag it does not publish');
  });

  it('an OS part past its end of life makes the tag end of life (python:3.11-alpine3.17 through Alpine 3.17)', () => {
    const f = eol('python:3.11-alpine3.17');
    assert.equal(f.length, 1);
    assert.match(f[0].message, /: python:3\.11-alpine3\.17 is built on Alpine Linux 3\.17, end of life since 2024-11-22$/);
    assert.match(eol('eclipse-temurin:17-focal')[0].message, /Ubuntu 20\.04 \(focal\)/);
    assert.match(eol('node:22-bullseye')[0].message, /Debian 11 \(Bullseye\)/);
    assert.equal(eol('python:3.13-slim-bookworm').length, 0, 'Debian 12 is supported until 2028');
    assert.equal(eol('node:24-alpine3.22').length, 0, 'Alpine 3.22 is supported until 2027-05');
  });

  it('one finding per tag when both the version and the OS have ended, naming both', () => {
    const f = eol('golang:1.12.8-buster');
    assert.equal(f.length, 1);
    assert.match(f[0].message, /: Go 1\.12 reached end of life on 2020-02-25, its OS Debian 10 \(Buster\) on 2024-06-30$/);
  });

  it('a floating tag (redis:7, golang:1, mysql:8) is the release the official library publishes under it', () => {
    const cat = realCatalog();
    const cycle = (k: string, t: string) => cat.eolCycle(k, t)?.cycle.cycle;
    assert.equal(cycle('redis', '7'), '7.4');
    assert.equal(cycle('mysql', '8'), '8.4');
    assert.equal(cycle('mongo', '7'), '7.0');
    assert.equal(cycle('node', 'lts-alpine'), '24');
    assert.equal(cycle('redis', '7.2'), '7.2', 'a tag that names its cycle keeps it');
    assert.equal(cycle('redis', 'no-such-tag'), undefined);
  });

  it('the OS in a vendor tag or in the repository name counts too (bitnami …-debian-10-r1, distroless …-debian11)', () => {
    const cat = realCatalog();
    assert.equal(cat.osCycle('bitnami/redis', '6.0.5-debian-10-r1')?.cycle.cycle, '10');
    assert.equal(cat.osCycle('gcr.io/distroless/static-debian11', 'nonroot')?.cycle.cycle, '11');
    assert.equal(cat.osCycle('quay.io/org/app-alpine', 'x'), undefined, 'a name without a version names no release');
    // bitnami/redis moved out of docker.io/bitnami: one finding on the token says so, and the ended OS is its detail.
    const moved = run('Dockerfile', 'FROM bitnami/redis:6.0.5-debian-10-r1\n', { catalog: cat, asOf: AS_OF }).findings;
    assert.deepEqual(moved.map((f) => f.rule), ['deprecated-image']);
    assert.match(moved[0].detail ?? '', /Debian 10/);
  });

  it('architecture namespaces and mirrors resolve to the official image', () => {
    const cat = realCatalog();
    for (const key of ['arm64v8/alpine', 'amd64/alpine', 'public.ecr.aws/docker/library/alpine', 'mirror.gcr.io/library/alpine']) {
      assert.equal(cat.canonicalImageKey(key), 'alpine', key);
      assert.equal(cat.entryForImage(key)?.id, cat.entryForImage('alpine')?.id, `${key} links to Alpine's entry`);
    }
    assert.equal(cat.canonicalImageKey('myorg/alpine'), 'myorg/alpine', 'other namespaces stay what they are');
    assert.equal(eol('arm64v8/alpine:3.13').length, 1, 'arm64v8/alpine:3.13 is end of life like alpine:3.13');
    assert.equal(eol('public.ecr.aws/docker/library/node:14').length, 1);
    const java = run('Dockerfile', 'FROM arm64v8/java:8\n', { catalog: cat, asOf: AS_OF }).findings.find((f) => f.rule === 'deprecated-image')!;
    assert.ok(java, 'arm64v8/java is the deprecated java image');
    assert.ok(!java.replacements?.some((r) => r.edits), 'and is not rewritten to another architecture\'s image');
  });

  it('every card says how old its data is: hovers, explain and the entry page', () => {
    const cat = realCatalog();
    const date = cat.data.dataAsOf!;
    assert.match(date, /^\d{4}-\d{2}-\d{2}$/);
    const text = 'FROM python:3.11-alpine3.17\n';
    const a = run('Dockerfile', text, { catalog: cat, asOf: AS_OF });
    const h = hover(cat, a, { line: 0, character: 7 })!;
    assert.ok((h.contents as { value: string }).value.includes(`Catalog data as of ${date}`), 'hover');
    assert.match((h.contents as { value: string }).value, /OS Alpine Linux 3\.17: end of life 2024-11-22/, 'the hover names the OS release');
    assert.ok(explain(cat, 'boot2docker', { asOf: AS_OF })!.includes(`Catalog data as of ${date}`), 'explain');
    assert.ok(entryDetails(cat, 'boot2docker', [], { roots: [], asOf: AS_OF })!.html.includes(`Catalog data as of ${date}`), 'entry page');
  });
});

describe('every official image family', () => {
  it('maps its published version tags to a release cycle of its product (all but releases newer than the data)', () => {
    const cat = realCatalog();
    let total = 0;
    const unmapped: string[] = [];
    for (const image of Object.keys(cat.data.officialImages!)) {
      if (!cat.data.eolProducts.some((p) => p.images.includes(image))) continue;
      for (const tags of cat.officialTags(image)!) {
        for (const t of tags) {
          if (!/^v?\d/.test(t) || /rc|beta|alpha|dev|preview/i.test(t)) continue;
          total++;
          if (!cat.eolCycle(image, t)) unmapped.push(`${image}:${t}`);
        }
      }
    }
    assert.ok(total > 5000, `${total} tags checked`);
    // What is left are releases the endoflife.date snapshot predates (mysql 26, cassandra 6.0,
    // fedora 45, ubuntu 26.10), perl's odd development series and alpine's dated edge snapshots.
    const expected = /^(mysql:26|cassandra:6\.0|fedora:45|ubuntu:26\.10|perl:5\.45|alpine:2026\d{4})/;
    assert.deepEqual(unmapped.filter((u) => !expected.test(u)), []);
    assert.ok(unmapped.length / total < 0.01, `${unmapped.length} of ${total} unmapped`);
  });
});
