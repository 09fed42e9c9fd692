import { strict as assert } from 'node:assert';
import { applyEdits, fixtureCatalog, OPTIONS, run, textAt } from '../helpers';
import { analyze } from '../../server/src/analysis/analyze';

describe('Kubernetes manifests', () => {
  it('finds images in every pod-spec location', () => {
    const text = `apiVersion: v1
kind: Pod
spec:
  initContainers: [{ name: i, image: "busybox:1.36" }]
  containers:
    - name: a
      image: nginx:1.27
  ephemeralContainers:
    - name: debug
      image: alpine:3.20
---
apiVersion: apps/v1
kind: Deployment
spec:
  selector: {}
  template:
    spec:
      containers: [{ name: w, image: k8s.gcr.io/pause:3.2 }]
---
apiVersion: batch/v1
kind: CronJob
spec:
  jobTemplate:
    spec:
      template:
        spec:
          containers:
            - name: c
              image: python:2.7-slim
              command: ["docker-machine", "ls"]
---
apiVersion: v1
kind: PodTemplate
template:
  spec:
    containers: [{ name: t, image: "ghcr.io/o/r@sha256:${'b'.repeat(64)}" }]
---
apiVersion: v1
kind: List
items:
  - apiVersion: apps/v1
    kind: StatefulSet
    spec:
      template:
        spec:
          containers: [{ name: s, image: "localhost:5000/db:1" }]
  - apiVersion: v1
    kind: ReplicationController
    spec:
      template:
        spec:
          containers: [{ name: r, image: registry.example.com:8443/team/app }]
`;
    const a = run('all.yaml', text);
    assert.equal(a.kind, 'kubernetes');
    const imgs = a.references.filter((r) => r.kind === 'image');
    assert.deepEqual(imgs.map((r) => r.text), ['busybox:1.36', 'nginx:1.27', 'alpine:3.20', 'k8s.gcr.io/pause:3.2', 'python:2.7-slim', `ghcr.io/o/r@sha256:${'b'.repeat(64)}`, 'localhost:5000/db:1', 'registry.example.com:8443/team/app']);
    for (const r of imgs) assert.equal(textAt(text, r.range), r.text);
    assert.ok(a.references.some((r) => r.kind === 'command' && r.entry === 'docker-machine'));
    const moved = a.findings.find((f) => f.rule === 'deprecated-image')!;
    assert.equal(moved.replacements![0].text, 'registry.k8s.io/pause:3.2');
    assert.ok(a.findings.some((f) => f.rule === 'eol-image' && /Python 2\.7/.test(f.message)));
  });

  it('reports removed and deprecated APIs at the target version, with the apiVersion rewrite', () => {
    const text = 'apiVersion: extensions/v1beta1\nkind: Deployment\nmetadata: { name: x }\nspec:\n  template: {}\n';
    const a = run('d.yaml', text, { kubernetesVersion: '1.30' });
    const f = a.findings.find((x) => x.rule === 'removed-api')!;
    assert.equal(f.severity, 'error');
    assert.match(f.message, /^Replace Deployment extensions\/v1beta1 with apps\/v1 \(removed in Kubernetes 1\.16\); add spec\.selector$/);
    // Without spec.selector the bump alone would be rejected by the API server: it is named, not applied.
    assert.equal(f.replacements![0].edits, undefined);
    const withSelector = text.replace('spec:\n', 'spec:\n  selector: { matchLabels: { app: x } }\n');
    const g = run('d.yaml', withSelector, { kubernetesVersion: '1.30' }).findings.find((x) => x.rule === 'removed-api')!;
    const fixed = applyEdits(withSelector, g.replacements![0].edits!);
    assert.ok(fixed.startsWith('apiVersion: apps/v1\n'));
    assert.ok(!run('d.yaml', fixed).findings.some((x) => x.rule === 'removed-api' || x.rule === 'deprecated-api'));

    const fs = 'apiVersion: flowcontrol.apiserver.k8s.io/v1beta3\nkind: FlowSchema\n';
    assert.equal(run('f.yaml', fs, { kubernetesVersion: '1.29' }).findings[0].rule, 'deprecated-api');
    assert.equal(run('f.yaml', fs, { kubernetesVersion: '1.32' }).findings[0].rule, 'removed-api');
    assert.equal(run('f.yaml', fs, { kubernetesVersion: '1.28' }).findings.length, 0);
    const psp = run('p.yaml', 'apiVersion: policy/v1beta1\nkind: PodSecurityPolicy\n').findings[0];
    assert.equal(psp.replacements!.length, 0);
    assert.match(psp.message, /Pod Security Admission/);
  });

  it('links custom-resource groups, runtime classes, ingress classes and annotations', () => {
    const text = `apiVersion: cert-manager.io/v1
kind: Certificate
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  annotations:
    kubernetes.io/ingress.class: nginx
spec:
  ingressClassName: nginx
---
apiVersion: v1
kind: Pod
spec:
  runtimeClassName: gvisor
  containers: [{ name: a, image: registry.k8s.io/ingress-nginx/controller:v1.11.0 }]
`;
    const refs = run('x.yaml', text).references.filter((r) => r.entry).map((r) => `${r.kind}:${r.entry}`);
    assert.deepEqual(refs, ['apiVersion:cert-manager', 'tool:ingress-nginx', 'tool:ingress-nginx', 'tool:gvisor', 'image:ingress-nginx']);
  });

  it('tolerates Helm templates: analyses what parses, never reports template expressions', () => {
    const text = `{{- if .Values.enabled }}
apiVersion: extensions/v1beta1
kind: Deployment
metadata:
  name: {{ include "chart.fullname" . }}
  labels:
    {{- include "chart.labels" . | nindent 4 }}
spec:
  template:
    spec:
      containers:
        - name: {{ .Chart.Name }}
          image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"
        - name: side
          image: k8s.gcr.io/pause:3.2
      {{- with .Values.nodeSelector }}
      nodeSelector:
        {{- toYaml . | nindent 8 }}
      {{- end }}
{{- end }}
`;
    const a = run('chart/templates/deployment.yaml', text);
    assert.equal(a.kind, 'helm-template');
    assert.deepEqual(a.references.filter((r) => r.kind === 'image').map((r) => r.text), ['k8s.gcr.io/pause:3.2']);
    assert.ok(a.findings.some((f) => f.rule === 'removed-api'));
    assert.ok(!a.findings.some((f) => f.rule === 'analysis-skipped'));
  });

  it('ignores YAML that is not a Kubernetes object', () => {
    assert.equal(analyze({ path: 'config.yaml', text: 'image:\n  repository: nginx\n' }, fixtureCatalog, OPTIONS), null);
  });

  it('does not expand YAML alias bombs', () => {
    const lines = ['apiVersion: v1', 'kind: ConfigMap', 'data:', '  a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 12; i++) lines.push(`  ${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [*${String.fromCharCode(96 + i)},*${String.fromCharCode(96 + i)},*${String.fromCharCode(96 + i)},*${String.fromCharCode(96 + i)},*${String.fromCharCode(96 + i)},*${String.fromCharCode(96 + i)},*${String.fromCharCode(96 + i)},*${String.fromCharCode(96 + i)},*${String.fromCharCode(96 + i)}]`);
    const started = Date.now();
    run('bomb.yaml', lines.join('\n') + '\n');
    assert.ok(Date.now() - started < 2000);
  });

  it('honours ignore comments in every document of a stream, at the lines they are on', () => {
    const doc = (n: number) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p${n}\nspec:\n  containers:\n    - name: a\n      # container-atlas: ignore deprecated-image\n      image: k8s.gcr.io/pause:3.2\n    - name: b\n      image: k8s.gcr.io/pause:3.2\n`;
    const text = [doc(1), doc(2), doc(3)].join('---\n');
    const a = run('pods.yaml', text);
    const lines = a.findings.filter((f) => f.rule === 'deprecated-image').map((f) => f.range.start.line);
    // Each document is 11 lines plus its --- line: the second image of each is reported, the first is not.
    assert.deepEqual(lines, [10, 22, 34]);
    for (const l of lines) assert.match(text.split('\n')[l], /image: k8s\.gcr\.io/);
  });
});
