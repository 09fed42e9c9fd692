import { strict as assert } from 'node:assert';
import { parseImageReference, formatImageReference, patternMatcher, registryPageUrl } from '../../server/src/syntax/imageReference';

describe('image references (distribution/reference grammar)', () => {
  const cases: [string, string, string, string | null, string | null, string][] = [
    // raw, registry, repository, tag, digest, key
    ['nginx', 'docker.io', 'library/nginx', null, null, 'nginx'],
    ['nginx:1.27-alpine', 'docker.io', 'library/nginx', '1.27-alpine', null, 'nginx'],
    ['docker.io/library/nginx:latest', 'docker.io', 'library/nginx', 'latest', null, 'nginx'],
    ['index.docker.io/bitnami/redis:7', 'docker.io', 'bitnami/redis', '7', null, 'bitnami/redis'],
    ['boot2docker/boot2docker', 'docker.io', 'boot2docker/boot2docker', null, null, 'boot2docker/boot2docker'],
    ['quay.io/coreos/flannel:v0.15.1', 'quay.io', 'coreos/flannel', 'v0.15.1', null, 'quay.io/coreos/flannel'],
    ['localhost:5000/team/app:1', 'localhost:5000', 'team/app', '1', null, 'localhost:5000/team/app'],
    ['localhost/app', 'localhost', 'app', null, null, 'localhost/app'],
    ['registry.example.com:8443/a/b/c:2.0', 'registry.example.com:8443', 'a/b/c', '2.0', null, 'registry.example.com:8443/a/b/c'],
    ['k8s.gcr.io/pause:3.2', 'k8s.gcr.io', 'pause', '3.2', null, 'k8s.gcr.io/pause'],
  ];
  for (const [raw, registry, repository, tag, digest, key] of cases) {
    it(`parses ${raw}`, () => {
      const r = parseImageReference(raw);
      assert.ok(r, `${raw} should parse`);
      assert.deepEqual({ registry: r.registry, repository: r.repository, tag: r.tag, digest: r.digest, key: r.key }, { registry, repository, tag, digest, key });
    });
  }

  it('parses digests with and without tags', () => {
    const d = 'sha256:' + 'a'.repeat(64);
    const r = parseImageReference(`alpine:3.20@${d}`)!;
    assert.equal(r.tag, '3.20');
    assert.equal(r.digest, d);
    const r2 = parseImageReference(`ghcr.io/o/r@${d}`)!;
    assert.equal(r2.tag, null);
    assert.equal(r2.registry, 'ghcr.io');
  });

  it('rejects what is not a reference', () => {
    for (const bad of ['', 'Nginx', 'nginx:', 'a b', '${IMAGE}', '{{ .Values.image }}', 'nginx@sha256:short', 'a//b', 'x:y:z', '-dash']) {
      assert.equal(parseImageReference(bad), null, `'${bad}' must not parse`);
    }
  });

  it('gives the same answer for a text seen before, and that answer cannot be changed by a caller', () => {
    const first = parseImageReference('quay.io/coreos/etcd:v3.5.0')!;
    const again = parseImageReference('quay.io/coreos/etcd:v3.5.0')!;
    assert.equal(again, first, 'a text parsed once is not parsed again');
    assert.ok(Object.isFrozen(first));
    assert.throws(() => { (first as { tag: string | null }).tag = 'latest'; }, TypeError);
    assert.equal(parseImageReference('quay.io/coreos/etcd:v3.5.0')!.tag, 'v3.5.0');
    assert.equal(parseImageReference('${IMAGE}'), null);
    // Past the memo's limit it forgets the oldest texts and still parses correctly.
    for (let i = 0; i < 5000; i++) assert.equal(parseImageReference(`team/app-${i}:1.${i}`)!.tag, `1.${i}`);
    assert.equal(parseImageReference('quay.io/coreos/etcd:v3.5.0')!.key, 'quay.io/coreos/etcd');
  });

  it('formats and matches patterns', () => {
    assert.equal(formatImageReference('nginx', '1', null), 'nginx:1');
    const m = patternMatcher('registry.k8s.io/ingress-nginx/*');
    assert.ok(m('registry.k8s.io/ingress-nginx/controller'));
    assert.ok(!m('registry.k8s.io/ingress-nginx'));
    assert.ok(!m('registry.k8s.io/other/controller'));
  });

  it('links to registry pages only for known registries', () => {
    assert.equal(registryPageUrl(parseImageReference('nginx:1')!), 'https://hub.docker.com/_/nginx');
    assert.equal(registryPageUrl(parseImageReference('bitnami/redis')!), 'https://hub.docker.com/r/bitnami/redis');
    assert.equal(registryPageUrl(parseImageReference('quay.io/coreos/etcd')!), 'https://quay.io/repository/coreos/etcd');
    assert.equal(registryPageUrl(parseImageReference('registry.internal.example:5000/x')!), null);
  });
});
