import { strict as assert } from 'node:assert';
import { applyEdits, run, textAt } from '../helpers';

describe('Compose files', () => {
  const text = `version: "3.8"
x-base: &base
  image: jwilder/nginx-proxy:1.0
  logging:
    driver: json-file
services:
  proxy:
    <<: *base
  db:
    image: "postgres:9.6"
    volume_driver: flocker
    links: [cache]
    external_links: [other_db]
    command: ["sh", "-c", "boot2docker version && echo ok"]
  cache:
    image: &cacheimg nginx:1.27
  cache2:
    image: *cacheimg
    entrypoint: docker-compose up
networks:
  mesh:
    driver: weave
`;
  const a = run('compose.yaml', text);

  it('finds images in services, x- blocks and anchors, once each, with ranges inside quotes', () => {
    const imgs = a.references.filter((r) => r.kind === 'image');
    assert.deepEqual(imgs.map((r) => r.text), ['jwilder/nginx-proxy:1.0', 'postgres:9.6', 'nginx:1.27']);
    assert.equal(textAt(text, imgs[1].range), 'postgres:9.6');
  });

  it('links drivers and commands to catalog entries', () => {
    const tools = a.references.filter((r) => r.kind !== 'image').map((r) => `${r.kind}:${r.entry}:${r.text}`);
    assert.deepEqual(tools, ['tool:flocker:flocker', 'command:boot2docker:boot2docker', 'command:docker-compose:docker-compose', 'tool:weave-net:weave']);
  });

  it('reports deprecated syntax: version (fixable), links, external_links, volume_driver', () => {
    const syntax = a.findings.filter((f) => f.rule === 'deprecated-syntax');
    assert.deepEqual(syntax.map((f) => textAt(text, f.range)), ['version', 'volume_driver', 'links', 'external_links']);
    const fixed = applyEdits(text, syntax[0].replacements![0].edits!);
    assert.ok(fixed.startsWith('x-base: &base\n'));
    assert.ok(!run('compose.yaml', fixed).findings.some((f) => f.rule === 'deprecated-syntax' && textAt(fixed, f.range) === 'version'));
  });

  it('reports the renamed image with a mechanical rewrite, and technologies by status', () => {
    const img = a.findings.find((f) => f.rule === 'deprecated-image')!;
    assert.equal(img.replacements![0].text, 'nginxproxy/nginx-proxy:1.0');
    const tech = a.findings.filter((f) => f.rule === 'deprecated-technology').map((f) => f.entry);
    assert.deepEqual(tech, ['flocker', 'boot2docker', 'docker-compose', 'weave-net']);
    const eol = a.findings.find((f) => f.rule === 'eol-image')!;
    assert.match(eol.message, /PostgreSQL 9\.6 reached end of life on 2021-11-11/);
  });

  it('ignores findings silenced by a container-atlas comment', () => {
    const t = 'services:\n  a:\n    # container-atlas: ignore eol-image\n    image: postgres:9.6\n  b:\n    image: postgres:9.6 # container-atlas: ignore\n  c:\n    image: postgres:9.6\n';
    const f = run('compose.yaml', t).findings.filter((x) => x.rule === 'eol-image');
    assert.deepEqual(f.map((x) => x.range.start.line), [7]);
  });

  it('analyses what parses in broken YAML and says so', () => {
    const t = 'services:\n  a:\n    image: nginx:1\n  b: [unclosed\n';
    const r = run('compose.yaml', t);
    assert.ok(r.findings.some((f) => f.rule === 'analysis-skipped'));
  });

  describe('the version-1 layout (services at the top level)', () => {
    const v1 = 'web:\n  build: .\n  links: [db]\n  command: docker-machine ls\ndb:\n  image: "postgres:9.6"\n  volume_driver: flocker\n';
    it('reads top-level services of a compose-named file', () => {
      const b = run('docker-compose.yml', v1);
      assert.deepEqual(b.references.map((r) => `${r.kind}:${r.entry ?? '-'}:${textAt(v1, r.range)}:${r.context}`), [
        'command:docker-machine:docker-machine:web.command',
        'image:-:postgres:9.6:db.image',
        'tool:flocker:flocker:db.volume_driver',
      ]);
      assert.deepEqual(b.findings.filter((f) => f.rule === 'deprecated-syntax').map((f) => textAt(v1, f.range)), ['links', 'volume_driver']);
    });
    it('is recognised conservatively: not with services or version, nor when a top-level value is not a service', () => {
      const images = (t: string) => run('docker-compose.yml', t).references.filter((r) => r.kind === 'image').map((r) => r.text);
      assert.deepEqual(images('version: "2"\nweb:\n  image: nginx:1.27\n'), []);
      assert.deepEqual(images('web:\n  image: nginx:1.27\nvolumes:\n  data: {}\n'), []);
      assert.deepEqual(images('web:\n  image: nginx:1.27\n  deploy: {replicas: 2}\n'), []);
      assert.deepEqual(images('config:\n  image: nginx:1.27\n  title: x\n'), []);
      assert.deepEqual(images('x-common: {image: alpine:3.20}\nweb:\n  image: nginx:1.27\n'), ['alpine:3.20', 'nginx:1.27']);
    });
  });
});
