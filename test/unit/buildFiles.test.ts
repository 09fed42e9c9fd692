import { strict as assert } from 'node:assert';
import { run, textAt } from '../helpers';
import { detectKind } from '../../server/src/common/fileKinds';

const images = (path: string, text: string) => run(path, text).references.filter((r) => r.kind === 'image').map((r) => [textAt(text, r.range), r.context]);

describe('Docker Bake files and Tiltfiles', () => {
  it('are recognised by name', () => {
    assert.equal(detectKind('docker-bake.hcl', ''), 'bake');
    assert.equal(detectKind('build/docker-bake.json', '{}', 'json'), 'bake');
    assert.equal(detectKind('docker-bake.override.hcl', ''), 'bake');
    assert.equal(detectKind('Tiltfile', ''), 'tiltfile');
    assert.equal(detectKind('main.hcl', ''), null);
  });

  it('Bake HCL: target tags and docker-image:// contexts, never interpolated strings', () => {
    const text = [
      'variable "TAG" { default = "latest" }',
      'target "app" {',
      '  contexts = {',
      '    base = "docker-image://k8s.gcr.io/pause:3.1"',
      '  }',
      '  tags = ["ghcr.io/acme/app:1.0", "acme/app:${TAG}",',
      '          "jwilder/nginx-proxy:1.0"]',
      '}',
      '',
    ].join('\n');
    assert.deepEqual(images('docker-bake.hcl', text), [['k8s.gcr.io/pause:3.1', 'contexts'], ['ghcr.io/acme/app:1.0', 'tags'], ['jwilder/nginx-proxy:1.0', 'tags']]);
    const a = run('docker-bake.hcl', text);
    assert.deepEqual(a.findings.filter((f) => f.severity === 'warning').map((f) => [f.rule, textAt(text, f.range)]), [['deprecated-image', 'k8s.gcr.io/pause:3.1'], ['deprecated-image', 'jwilder/nginx-proxy:1.0']]);
  });

  it('Bake JSON: the same shapes', () => {
    const text = '{"target": {"app": {"tags": ["nginx:1.27"], "contexts": {"base": "docker-image://alpine:3.20"}}}}';
    assert.deepEqual(images('docker-bake.json', text), [['nginx:1.27', 'tags'], ['alpine:3.20', 'contexts']]);
  });

  it('Tiltfile: docker_build and custom_build images, not in comments', () => {
    const text = "k8s_yaml('k8s.yaml')\ndocker_build('k8s.gcr.io/echoserver', '.')\n# docker_build('nginx:1.0', '.')\ncustom_build(ref=\"ghcr.io/acme/api\", command='make')\n";
    assert.deepEqual(images('Tiltfile', text), [['k8s.gcr.io/echoserver', 'docker_build'], ['ghcr.io/acme/api', 'custom_build']]);
  });
});
