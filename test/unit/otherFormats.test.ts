import { strict as assert } from 'node:assert';
import { run, textAt } from '../helpers';
import { detectKind } from '../../server/src/common/fileKinds';
import { blankJsonComments } from '../../server/src/syntax/otherFormats';

describe('other places images live', () => {
  it('recognizes file kinds by name and content', () => {
    const cases: [string, string, string | null][] = [
      ['Dockerfile', '', 'dockerfile'], ['Containerfile', '', 'dockerfile'], ['api.Dockerfile', '', 'dockerfile'], ['x.dockerfile', '', 'dockerfile'],
      ['Dockerfile.dev', '', 'dockerfile'], ['Containerfile.prod', '', 'dockerfile'],
      ['compose.yaml', '', 'compose'], ['docker-compose.yml', '', 'compose'], ['compose.override.yaml', '', 'compose'], ['docker-compose.prod.yml', '', 'compose'],
      ['k8s/kustomization.yaml', '', 'kustomize'], ['.devcontainer/devcontainer.json', '', 'devcontainer'], ['.devcontainer/py/devcontainer.json', '', 'devcontainer'],
      ['.github/workflows/ci.yml', '', 'github-actions'], ['web.container', '', 'quadlet'], ['base.image', '', 'quadlet'], ['app.build', '', 'quadlet'],
      ['deploy.yaml', 'apiVersion: v1\nkind: Pod\n', 'kubernetes'], ['deploy.json', '{"apiVersion": "v1", "kind": "Pod"}', 'kubernetes'],
      ['chart/templates/d.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: {{ .Release.Name }}\n', 'helm-template'],
      ['values.yaml', 'replicas: 2\n', 'helm-values'], ['chart/values-prod.yaml', '', 'helm-values'], ['chart/values.schema.json', '{}', 'helm-values'], ['chart/Chart.yaml', 'apiVersion: v2\n', 'helm-chart'],
      ['docker-compose-dev.yml', '', 'compose'], ['ci.docker-compose.yaml', '', 'compose'], ['compose.override.yaml', '', 'compose'],
      ['config.yaml', 'replicas: 2\n', null], ['package.json', '{}', null], ['README.md', '', null],
      // {{ in values and block scalars of plain YAML is text; at a structural position or in a chart's templates/ it is a template.
      ['k8s/dash.yaml', 'apiVersion: v1\nkind: ConfigMap\ndata:\n  d.json: |\n    {{ define "x" }}{"legendFormat": "{{pod}}"}\n  t: "{{ .Status }}"\n', 'kubernetes'],
      ['k8s/pod.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: {{ .Release.Name }}\n', 'helm-template'],
      ['k8s/pod2.yaml', '{{- if .Values.on }}\napiVersion: v1\nkind: Pod\n{{- end }}\n', 'helm-template'],
    ];
    for (const [path, text, kind] of cases) assert.equal(detectKind(path, text), kind, path);
  });

  it('kustomization images', () => {
    const text = 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nimages:\n  - name: k8s.gcr.io/pause\n    newName: registry.k8s.io/pause\n    newTag: "3.10"\n';
    const a = run('kustomization.yaml', text);
    assert.deepEqual(a.references.filter((r) => r.kind === 'image').map((r) => r.text), ['k8s.gcr.io/pause', 'registry.k8s.io/pause']);
    assert.ok(a.findings.some((f) => f.rule === 'deprecated-image' && f.range.start.line === 3));
  });

  it('devcontainer.json with comments and trailing commas', () => {
    const text = '{\n  // base\n  "image": "python:2.7-slim", /* old */\n  "features": { "ghcr.io/devcontainers/features/node:1": {}, },\n  "postCreateCommand": "pip install docker-compose",\n}\n';
    const a = run('.devcontainer/devcontainer.json', text);
    assert.deepEqual(a.references.map((r) => `${r.kind}:${textAt(text, r.range)}`), ['image:python:2.7-slim', 'image:ghcr.io/devcontainers/features/node:1', 'tool:docker-compose']);
    assert.ok(a.findings.some((f) => f.rule === 'eol-image'));
  });

  it('blanking JSON comments keeps every line break, lone \\r included (found by the fuzz test)', () => {
    const text = '{\n  // a comment\r  "image": "java:8"\n  /* two\rlines */ "x": 1\n}\n';
    const blanked = blankJsonComments(text);
    assert.equal(blanked.length, text.length);
    assert.deepEqual([...blanked].map((c, i) => (c === '\r' || c === '\n' ? i : -1)).filter((i) => i >= 0), [...text].map((c, i) => (c === '\r' || c === '\n' ? i : -1)).filter((i) => i >= 0));
    assert.ok(blanked.includes('"image": "java:8"'), 'the line after a comment ended by \\r is kept');
  });

  it('GitHub Actions containers, services, docker:// steps and run scripts', () => {
    const text = 'on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    container: node:14\n    services:\n      db:\n        image: postgres:9.6\n      cache: nginx:1.27\n    steps:\n      - uses: docker://boot2docker/boot2docker:latest\n      - run: |\n          docker-compose up -d\n  other:\n    container:\n      image: java:8\n';
    const a = run('.github/workflows/ci.yml', text);
    assert.deepEqual(a.references.map((r) => `${r.kind}:${textAt(text, r.range)}`), ['image:node:14', 'image:postgres:9.6', 'image:nginx:1.27', 'image:boot2docker/boot2docker:latest', 'command:docker-compose', 'image:java:8']);
  });

  it('Quadlet units', () => {
    const text = '[Unit]\nDescription=web\n\n[Container]\nImage=docker.io/library/java:8\nExec=docker-compose version\n\n[Install]\nWantedBy=default.target\n';
    const a = run('web.container', text);
    assert.deepEqual(a.references.map((r) => `${r.kind}:${textAt(text, r.range)}`), ['image:docker.io/library/java:8', 'command:docker-compose']);
    const f = a.findings.find((x) => x.rule === 'deprecated-image')!;
    assert.equal(f.replacements![0].text, 'eclipse-temurin:8');
  });
});
