import { strict as assert } from 'node:assert';
import { fixtureCatalog, run, textAt, withCursor } from '../helpers';
import { hover } from '../../server/src/features/hover';

/** Images of tool objects written like Kubernetes objects: [text at the range, context] of each image reference. */
const images = (path: string, text: string) => run(path, text).references.filter((r) => r.kind === 'image').map((r) => [textAt(text, r.range), r.context]);

describe('tool configs written like Kubernetes objects', () => {
  it('kind cluster configs: nodes[].image, with a finding and a hover on the node image', () => {
    const text = 'kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nnodes:\n  - role: control-plane\n    image: k8s.gcr.io/kindest/node:v1.25.3\n  - role: worker\n';
    assert.deepEqual(images('kind-config.yaml', text), [['k8s.gcr.io/kindest/node:v1.25.3', 'nodes[0].image']]);
    const f = run('kind-config.yaml', text).findings.find((x) => x.rule === 'deprecated-image')!;
    assert.equal(textAt(text, f.range), 'k8s.gcr.io/kindest/node:v1.25.3');
    const { text: t, position } = withCursor(text.replace('kindest/node', 'kindest/no|de'));
    assert.match((hover(fixtureCatalog, run('kind-config.yaml', t), position)!.contents as { value: string }).value, /registry\.k8s\.io/);
  });

  it('Skaffold configs: build.artifacts[].image and profiles', () => {
    const text = 'apiVersion: skaffold/v4beta11\nkind: Config\nbuild:\n  artifacts:\n    - image: k8s.gcr.io/leeroy-web\n      context: web\nprofiles:\n  - name: gcb\n    build:\n      artifacts:\n        - image: "ghcr.io/acme/app"\n';
    assert.deepEqual(images('skaffold.yaml', text), [['k8s.gcr.io/leeroy-web', 'build.artifacts[0].image'], ['ghcr.io/acme/app', 'profiles[0].build.artifacts[0].image']]);
  });

  it('Argo CD Applications: kustomize images, helm parameters and valuesObject', () => {
    const text = [
      'apiVersion: argoproj.io/v1alpha1',
      'kind: Application',
      'metadata: {name: guestbook}',
      'spec:',
      '  source:',
      '    kustomize:',
      '      images:',
      '        - k8s.gcr.io/pause:3.1',
      '        - "old/app=jwilder/nginx-proxy:1.0"',
      '    helm:',
      '      parameters:',
      '        - name: image.repository',
      '          value: k8s.gcr.io/echoserver',
      '        - name: image.tag',
      '          value: "1.4"',
      '        - name: sidecar.image',
      '          value: nginx:1.27',
      '        - name: replicaCount',
      '          value: "2"',
      '      valuesObject:',
      '        image: {repository: boot2docker/boot2docker, tag: "1.0"}',
      '',
    ].join('\n');
    const a = run('app.yaml', text);
    assert.deepEqual(a.references.filter((r) => r.kind === 'image').map((r) => [r.text, textAt(text, r.range)]), [
      ['k8s.gcr.io/pause:3.1', 'k8s.gcr.io/pause:3.1'],
      ['jwilder/nginx-proxy:1.0', 'jwilder/nginx-proxy:1.0'],
      ['k8s.gcr.io/echoserver:1.4', 'k8s.gcr.io/echoserver'],
      ['nginx:1.27', 'nginx:1.27'],
      ['boot2docker/boot2docker:1.0', 'boot2docker/boot2docker'],
    ]);
    assert.deepEqual(a.findings.filter((f) => f.severity === 'warning' || f.severity === 'error').map((f) => [f.rule, textAt(text, f.range)]), [
      ['deprecated-image', 'k8s.gcr.io/pause:3.1'],
      ['deprecated-image', 'jwilder/nginx-proxy:1.0'],
      ['deprecated-image', 'k8s.gcr.io/echoserver'],
      ['deprecated-technology', 'boot2docker/boot2docker'],
    ]);
  });

  it('Flux HelmReleases: image maps and strings in spec.values, with the global registry', () => {
    const text = 'apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata: {name: podinfo}\nspec:\n  chart: {spec: {chart: podinfo}}\n  values:\n    global: {imageRegistry: k8s.gcr.io}\n    image: {repository: pause, tag: "3.1"}\n    sidecar:\n      image: nginx:1.27\n';
    assert.deepEqual(images('release.yaml', text), [['pause', 'spec.values.image'], ['nginx:1.27', 'spec.values.sidecar.image']]);
    assert.equal(run('release.yaml', text).references.find((r) => r.kind === 'image')!.text, 'k8s.gcr.io/pause:3.1');
  });

  it('reads the same objects as JSON and inside List items; an unrelated kind named Config or Cluster is not read', () => {
    const json = '{"apiVersion": "v1", "kind": "List", "items": [{"apiVersion": "kind.x-k8s.io/v1alpha4", "kind": "Cluster", "nodes": [{"image": "kindest/node:v1.31.0"}]}]}';
    assert.deepEqual(images('clusters.json', json), [['kindest/node:v1.31.0', 'nodes[0].image']]);
    assert.deepEqual(images('x.yaml', 'apiVersion: example.com/v1\nkind: Cluster\nnodes:\n  - image: nginx:1.27\n'), []);
    assert.deepEqual(images('x.yaml', 'apiVersion: example.com/v1\nkind: Config\nbuild:\n  artifacts:\n    - image: nginx:1.27\n'), []);
  });
});
