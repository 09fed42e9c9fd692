// Deterministic input generator for the benchmark suite (fixed seed: the same bytes on every run).
//   import { generateAll } from './generate.mjs'; generateAll(dir, { quick })
// Writes into bench/work/ (gitignored):
//   k8s-1mb.yaml, k8s-10mb.yaml   multi-document Kubernetes manifests (Deployments, Services, ConfigMaps,
//                                 CronJobs, Ingresses; some removed/deprecated apiVersions and images)
//   Dockerfile.300kb              a multi-stage Dockerfile
//   compose-500kb.yaml            a Compose file
//   workspace/                    10,000 files / ~100 MB mixing every kind (--quick: 200 files)
import { mkdirSync, writeFileSync, existsSync, readFileSync, rmSync } from 'node:fs';
import { join, dirname } from 'node:path';

const GENERATOR_VERSION = 5;
export const SEED = 0xc0ffee;

/** mulberry32: a small, fast, deterministic PRNG. */
export function rng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n) => Math.floor(next() * n);
  const pick = (arr) => arr[int(arr.length)];
  const chance = (p) => next() < p;
  return { next, int, pick, chance };
}

// Mostly current images, with a share of deprecated, moved and end-of-life ones, as real repositories have.
const IMAGES_MODERN = [
  'nginx:1.27.3', 'nginx:1.27-alpine', 'redis:7.4', 'postgres:17.2', 'postgres:16-alpine', 'python:3.12-slim', 'node:22-alpine',
  'golang:1.23', 'eclipse-temurin:21-jre', 'registry.k8s.io/pause:3.10', 'registry.k8s.io/ingress-nginx/controller:v1.12.0',
  'quay.io/prometheus/prometheus:v3.0.1', 'grafana/grafana:11.4.0', 'ghcr.io/example/api:2.14.1', 'busybox:1.37',
  'alpine:3.21', 'debian:bookworm-slim', 'ubuntu:24.04', 'mcr.microsoft.com/dotnet/aspnet:9.0', 'docker.io/library/httpd:2.4',
  'quay.io/jetstack/cert-manager-controller:v1.16.2', 'registry.example.com/team/worker@sha256:3b1f0a8d6c4e5f7a9b2c1d0e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a',
];
const IMAGES_OLD = [
  'k8s.gcr.io/pause:3.2', 'k8s.gcr.io/kube-proxy:v1.20.4', 'java:8', 'centos:7', 'python:2.7', 'node:14', 'node:16-alpine',
  'jwilder/nginx-proxy', 'bitnami/redis:6.2', 'quay.io/coreos/flannel:v0.15.1', 'postgres:11', 'ubuntu:18.04', 'golang:1.15',
  'gcr.io/google_containers/heapster:v1.5.4', 'boot2docker/boot2docker',
];
const img = (r) => (r.chance(0.15) ? r.pick(IMAGES_OLD) : r.pick(IMAGES_MODERN));
const word = (r) => r.pick(['api', 'web', 'worker', 'billing', 'auth', 'search', 'cache', 'gateway', 'orders', 'users', 'events', 'reports', 'payments', 'notify', 'media', 'ledger']);
const env = (r) => r.pick(['prod', 'staging', 'dev', 'qa', 'canary']);

function container(r, indent, name) {
  const p = ' '.repeat(indent);
  let s = `${p}- name: ${name}\n${p}  image: ${img(r)}\n`;
  if (r.chance(0.3)) s += `${p}  command: ["/bin/sh", "-c", "exec ${r.pick(['nginx -g daemon off;', 'python -m app', 'node server.js', 'java -jar app.jar', 'gunicorn app:app'])}"]\n`;
  if (r.chance(0.3)) s += `${p}  args:\n${p}  - --port=${8000 + r.int(100)}\n${p}  - --log-level=${r.pick(['info', 'debug', 'warn'])}\n`;
  s += `${p}  ports:\n${p}  - containerPort: ${8000 + r.int(1000)}\n${p}    protocol: TCP\n`;
  if (r.chance(0.6)) s += `${p}  env:\n${p}  - name: ENVIRONMENT\n${p}    value: "${env(r)}"\n${p}  - name: LOG_FORMAT\n${p}    value: json\n`;
  if (r.chance(0.6)) s += `${p}  resources:\n${p}    requests:\n${p}      cpu: ${50 + r.int(450)}m\n${p}      memory: ${64 * (1 + r.int(8))}Mi\n${p}    limits:\n${p}      memory: ${128 * (1 + r.int(8))}Mi\n`;
  if (r.chance(0.3)) s += `${p}  readinessProbe:\n${p}    httpGet:\n${p}      path: /healthz\n${p}      port: 8080\n${p}    periodSeconds: 10\n`;
  return s;
}

function podSpec(r, indent, name) {
  const p = ' '.repeat(indent);
  let s = '';
  if (r.chance(0.1)) s += `${p}runtimeClassName: ${r.pick(['gvisor', 'kata', 'runc'])}\n`;
  if (r.chance(0.15)) s += `${p}initContainers:\n${container(r, indent, `${name}-init`)}`;
  s += `${p}containers:\n${container(r, indent, name)}`;
  if (r.chance(0.25)) s += container(r, indent, `${name}-sidecar`);
  return s;
}

function meta(r, name, ns) {
  return `metadata:\n  name: ${name}\n  namespace: ${ns}\n  labels:\n    app.kubernetes.io/name: ${name}\n    app.kubernetes.io/part-of: ${ns}\n`;
}

export function k8sDocument(r, i) {
  const name = `${word(r)}-${i}`;
  const ns = `${word(r)}-${env(r)}`;
  const k = r.next();
  if (k < 0.3) {
    const api = r.chance(0.06) ? r.pick(['extensions/v1beta1', 'apps/v1beta1', 'apps/v1beta2']) : 'apps/v1';
    return `apiVersion: ${api}\nkind: ${r.chance(0.15) ? 'StatefulSet' : 'Deployment'}\n${meta(r, name, ns)}spec:\n  replicas: ${1 + r.int(5)}\n  selector:\n    matchLabels:\n      app.kubernetes.io/name: ${name}\n  template:\n    metadata:\n      labels:\n        app.kubernetes.io/name: ${name}\n    spec:\n${podSpec(r, 6, name)}`;
  }
  if (k < 0.55) {
    return `apiVersion: v1\nkind: Service\n${meta(r, name, ns)}spec:\n  type: ${r.pick(['ClusterIP', 'ClusterIP', 'LoadBalancer', 'NodePort'])}\n  selector:\n    app.kubernetes.io/name: ${name}\n  ports:\n  - name: http\n    port: 80\n    targetPort: ${8000 + r.int(1000)}\n`;
  }
  if (k < 0.75) {
    let data = '';
    for (let j = 0, n = 2 + r.int(5); j < n; j++) data += `  ${r.pick(['LOG_LEVEL', 'FEATURE_FLAGS', 'DB_HOST', 'CACHE_TTL', 'REGION', 'TIMEOUT'])}_${j}: "${r.pick(['info', 'true', 'db.internal', '300', 'eu-west-1', '30s'])}"\n`;
    return `apiVersion: v1\nkind: ConfigMap\n${meta(r, name, ns)}data:\n${data}`;
  }
  if (k < 0.88) {
    const api = r.chance(0.2) ? 'batch/v1beta1' : 'batch/v1';
    return `apiVersion: ${api}\nkind: CronJob\n${meta(r, name, ns)}spec:\n  schedule: "${r.int(60)} ${r.int(24)} * * *"\n  concurrencyPolicy: Forbid\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: OnFailure\n${podSpec(r, 10, name)}`;
  }
  const old = r.chance(0.2);
  const cls = r.chance(0.5) ? `  ingressClassName: ${r.pick(['nginx', 'traefik', 'haproxy'])}\n` : '';
  const annot = !cls && r.chance(0.5) ? `  annotations:\n    kubernetes.io/ingress.class: ${r.pick(['nginx', 'traefik'])}\n` : '';
  const backend = old ? `          serviceName: ${name}\n          servicePort: 80\n` : `          service:\n            name: ${name}\n            port:\n              number: 80\n`;
  return `apiVersion: ${old ? r.pick(['extensions/v1beta1', 'networking.k8s.io/v1beta1']) : 'networking.k8s.io/v1'}\nkind: Ingress\n${meta(r, name, ns)}${annot}spec:\n${cls}  rules:\n  - host: ${name}.${env(r)}.example.com\n    http:\n      paths:\n      - path: /\n        pathType: Prefix\n        backend:\n${backend}`;
}

export function k8sManifest(bytes, seed = SEED) {
  const r = rng(seed);
  const parts = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const d = (i ? '---\n' : '') + k8sDocument(r, i);
    parts.push(d);
    size += d.length;
  }
  return parts.join('');
}

const APT = ['curl', 'ca-certificates', 'git', 'jq', 'unzip', 'gnupg', 'docker.io', 'kubectl', 'helm', 'make', 'gcc', 'openssh-client', 'podman', 'buildah', 'skopeo'];
const BASES = ['golang:1.23', 'node:22-alpine', 'python:3.12-slim', 'eclipse-temurin:21-jdk', 'debian:bookworm-slim', 'ubuntu:24.04', 'alpine:3.21', 'rust:1.83', 'centos:7', 'java:8', 'node:14', 'python:2.7', 'ubuntu:18.04'];

function dockerStage(r, i, stages) {
  const name = `stage${i}`;
  let s = '';
  const fromStage = stages.length && r.chance(0.3);
  const base = fromStage ? r.pick(stages) : r.chance(0.2) ? '${BASE_IMAGE}' : r.pick(BASES);
  s += `FROM ${r.chance(0.2) ? '--platform=$BUILDPLATFORM ' : ''}${base} AS ${name}\n`;
  if (r.chance(0.05)) s += `MAINTAINER Team ${word(r)} <team-${word(r)}@example.com>\n`;
  s += `ARG VERSION_${i}=1.${r.int(20)}.${r.int(10)}\nENV APP_HOME=/opt/${word(r)} \\\n    LANG=C.UTF-8\nWORKDIR /src/${word(r)}\n`;
  const pk = [];
  for (let j = 0, n = 2 + r.int(6); j < n; j++) pk.push(r.pick(APT));
  s += `RUN apt-get update \\\n    && apt-get install -y --no-install-recommends ${pk.join(' ')} \\\n    && rm -rf /var/lib/apt/lists/*\n`;
  if (r.chance(0.3)) s += `RUN --mount=type=cache,target=/root/.cache --mount=type=bind,from=${r.pick(['busybox:1.37', 'alpine:3.21', stages[0] ?? 'alpine:3.21'])},source=/bin,target=/mnt/bin \\\n    pip install --no-cache-dir -r requirements.txt\n`;
  if (r.chance(0.3)) s += `RUN curl -fsSL https://github.com/${r.pick(['kubernetes/kubectl', 'helm/helm', 'docker/compose'])}/releases/download/v1.${r.int(30)}.0/tool-linux-amd64 -o /usr/local/bin/tool \\\n    && chmod +x /usr/local/bin/tool\n`;
  s += `COPY ${r.pick(['go.mod go.sum', 'package.json package-lock.json', 'requirements.txt', 'pom.xml', 'Cargo.toml Cargo.lock'])} ./\nCOPY . .\n`;
  if (stages.length && r.chance(0.4)) s += `COPY --from=${r.pick(stages)} /out/ /usr/local/bin/\n`;
  if (r.chance(0.2)) s += `COPY --from=${r.pick(['nginx:1.27.3', 'k8s.gcr.io/pause:3.2', 'busybox:1.37'])} /etc/passwd /etc/passwd\n`;
  s += `RUN ${r.pick(['make build', 'npm ci && npm run build', 'go build -o /out/app ./cmd/app', 'cargo build --release', 'mvn -q package'])}\n`;
  s += `EXPOSE ${8000 + r.int(1000)}\nUSER ${1000 + r.int(100)}\n`;
  if (r.chance(0.5)) s += `HEALTHCHECK --interval=30s CMD curl -f http://localhost:8080/healthz || exit 1\n`;
  s += r.chance(0.5) ? `ENTRYPOINT ["/usr/local/bin/app", "--config", "/etc/app/${word(r)}.yaml"]\n` : `CMD ${r.pick(['nginx -g "daemon off;"', 'python -m app', 'node server.js', 'java -jar /opt/app.jar'])}\n`;
  stages.push(name);
  return s + '\n';
}

export function dockerfile(bytes, seed = SEED + 1) {
  const r = rng(seed);
  let s = '# syntax=docker/dockerfile:1.7\nARG BASE_IMAGE=debian:bookworm-slim\nARG GO_VERSION=1.23\n\n';
  const stages = [];
  for (let i = 0; s.length < bytes; i++) s += dockerStage(r, i, stages);
  return s;
}

function composeService(r, i) {
  const name = `${word(r)}-${i}`;
  let s = `  ${name}:\n`;
  if (r.chance(0.15)) s += '    <<: *common\n';
  s += `    image: ${img(r)}\n`;
  if (r.chance(0.2)) s += `    build:\n      context: ./services/${name}\n      dockerfile: Dockerfile\n`;
  if (r.chance(0.3)) s += `    command: ${r.pick(['["npm", "start"]', 'python -m app', 'nginx -g "daemon off;"', '["java", "-jar", "app.jar"]'])}\n`;
  s += `    restart: ${r.pick(['unless-stopped', 'always', 'on-failure'])}\n    environment:\n      ENVIRONMENT: ${env(r)}\n      LOG_LEVEL: info\n`;
  s += `    ports:\n      - "${8000 + i % 1000}:${8000 + r.int(1000)}"\n`;
  if (r.chance(0.4)) s += `    volumes:\n      - ${name}-data:/var/lib/${word(r)}\n`;
  if (r.chance(0.1)) s += `    links:\n      - ${word(r)}\n`;
  if (r.chance(0.1)) s += `    logging:\n      driver: ${r.pick(['json-file', 'fluentd', 'gelf', 'syslog'])}\n`;
  if (r.chance(0.05)) s += `    runtime: ${r.pick(['runc', 'nvidia', 'runsc'])}\n`;
  if (r.chance(0.4)) s += `    depends_on:\n      - ${word(r)}\n`;
  s += `    networks:\n      - ${r.pick(['front', 'back'])}\n`;
  if (r.chance(0.3)) s += `    healthcheck:\n      test: ["CMD", "curl", "-f", "http://localhost:8080/healthz"]\n      interval: 30s\n      retries: 3\n`;
  return s;
}

export function compose(bytes, seed = SEED + 2) {
  const r = rng(seed);
  let s = 'version: "3.8"\n\nx-common: &common\n  image: nginx:1.27.3\n  restart: always\n\nservices:\n';
  for (let i = 0; s.length < bytes - 200; i++) s += composeService(r, i);
  s += 'networks:\n  front:\n    driver: bridge\n  back:\n    driver: overlay\nvolumes:\n  data:\n    driver: local\n';
  return s;
}

function githubWorkflow(r) {
  return `name: ci\non: [push, pull_request]\njobs:\n  build:\n    runs-on: ubuntu-latest\n    container: ${img(r)}\n    services:\n      db:\n        image: ${img(r)}\n    steps:\n      - uses: actions/checkout@v4\n      - uses: docker://${img(r)}\n      - run: docker build -t app .\n`;
}

/** A workspace of `files` files (~`bytes` in all) mixing every kind the analysis handles, plus files it skips. */
export function workspace(dir, files, bytes, seed = SEED + 3) {
  const r = rng(seed);
  const avg = bytes / files;
  let written = 0;
  let total = 0;
  for (let i = 0; i < files; i++) {
    const team = `team-${i % 40}`;
    const svc = `${word(r)}-${i}`;
    const k = r.next();
    let rel;
    let text;
    if (k < 0.55) {
      rel = `${team}/deploy/${svc}.yaml`;
      const target = avg * (0.5 + r.next() * 1.2);
      let t = '';
      for (let j = 0; t.length < target; j++) t += (j ? '---\n' : '') + k8sDocument(r, j);
      text = t;
    } else if (k < 0.70) {
      rel = `${team}/${svc}/Dockerfile`;
      text = dockerfile(avg * (0.3 + r.next() * 0.8), r.int(1e9));
    } else if (k < 0.82) {
      rel = `${team}/${svc}/compose.yaml`;
      text = compose(avg * (0.3 + r.next() * 0.8), r.int(1e9));
    } else if (k < 0.87) {
      rel = `${team}/charts/${svc}/templates/deployment.yaml`;
      text = `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ include "chart.fullname" . }}\n  labels:\n    {{- include "chart.labels" . | nindent 4 }}\nspec:\n  replicas: {{ .Values.replicaCount }}\n  template:\n    spec:\n      containers:\n        - name: {{ .Chart.Name }}\n          image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"\n        - name: sidecar\n          image: ${img(r)}\n`;
    } else if (k < 0.90) {
      rel = `${team}/${svc}/kustomization.yaml`;
      text = `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - deployment.yaml\nimages:\n  - name: ${r.pick(['nginx', 'redis', 'java'])}\n    newName: ${r.pick(['registry.example.com/nginx', 'k8s.gcr.io/redis'])}\n    newTag: "${r.int(9)}.${r.int(9)}"\n`;
    } else if (k < 0.93) {
      rel = `${team}/${svc}/.github/workflows/ci.yml`;
      text = githubWorkflow(r);
    } else if (k < 0.95) {
      rel = `${team}/${svc}/.devcontainer/devcontainer.json`;
      text = `{\n  // dev container\n  "name": "${svc}",\n  "image": "${img(r)}",\n  "features": { "ghcr.io/devcontainers/features/docker-in-docker:2": {} }\n}\n`;
    } else if (k < 0.97) {
      rel = `${team}/${svc}/${svc}.container`;
      text = `[Unit]\nDescription=${svc}\n\n[Container]\nImage=${img(r)}\nExec=/usr/bin/app --port 8080\nPublishPort=8080:8080\n\n[Install]\nWantedBy=default.target\n`;
    } else {
      // Files the scan looks at by name but that hold no manifest (values files, app config).
      rel = `${team}/${svc}/config/values.yaml`;
      text = `replicaCount: 2\nimage:\n  repository: nginx\n  tag: "1.27"\nservice:\n  type: ClusterIP\n  port: 80\n` + 'extra:\n' + Array.from({ length: Math.max(1, Math.floor(avg / 40)) }, (_, j) => `  key${j}: value-${j}-${word(r)}\n`).join('');
    }
    const full = join(dir, rel);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, text);
    written++;
    total += Buffer.byteLength(text);
  }
  return { files: written, bytes: total };
}

/** Generates every input into `dir` unless a stamp says they are already there (same generator, seed and size). */
export function generateAll(dir, { quick = false, workspaceFiles } = {}) {
  mkdirSync(dir, { recursive: true });
  const wsFiles = workspaceFiles ?? (quick ? 200 : 10_000);
  // Nominal size: the files' sizes are drawn around bytes/files per kind and come to about 0.8 of it,
  // so 125 MiB nominal gives a workspace of about 100 MiB (RESULTS.md reports the real figure).
  const wsBytes = quick ? 2_000_000 : 125 * 1024 * 1024;
  const key = JSON.stringify({ v: GENERATOR_VERSION, seed: SEED, quick, wsFiles, wsBytes });
  const stampPath = join(dir, 'stamp.json');
  if (existsSync(stampPath)) {
    const stamp = JSON.parse(readFileSync(stampPath, 'utf8'));
    if (stamp.key === key) return stamp.inputs;
  }
  const inputs = {};
  const write = (name, text, kind, languageId) => {
    writeFileSync(join(dir, name), text);
    inputs[name] = { path: join(dir, name), bytes: Buffer.byteLength(text), lines: text.split('\n').length, kind, languageId };
  };
  const MB = 1024 * 1024;
  if (quick) {
    write('k8s-100kb.yaml', k8sManifest(100 * 1024), 'kubernetes', 'yaml');
    write('Dockerfile.30kb', dockerfile(30 * 1024), 'dockerfile', 'dockerfile');
    write('compose-50kb.yaml', compose(50 * 1024), 'compose', 'dockercompose');
  } else {
    write('k8s-1mb.yaml', k8sManifest(1 * MB), 'kubernetes', 'yaml');
    write('k8s-10mb.yaml', k8sManifest(10 * MB, SEED + 10), 'kubernetes', 'yaml');
    write('Dockerfile.300kb', dockerfile(300 * 1024), 'dockerfile', 'dockerfile');
    write('compose-500kb.yaml', compose(500 * 1024), 'compose', 'dockercompose');
  }
  for (const v of Object.values(inputs)) {
    const text = readFileSync(v.path, 'utf8');
    v.documents = v.kind === 'kubernetes' ? text.split(/^---$/m).length : undefined;
  }
  const wsDir = join(dir, 'workspace');
  rmSync(wsDir, { recursive: true, force: true });
  const ws = workspace(wsDir, wsFiles, wsBytes);
  inputs.workspace = { path: wsDir, ...ws };
  writeFileSync(stampPath, JSON.stringify({ key, inputs }, null, 2));
  return inputs;
}

// ------------------------------------------------------------------------------------------------
// Shapes real files have that the manifests above do not (issue #17): many small documents, findings
// everywhere, one huge CustomResourceDefinition, ConfigMaps of JSON dashboards, a deep Helm chart.

/** `count` small documents (Services, ConfigMaps, ServiceAccounts), current APIs: few findings. */
export function manySmallDocuments(count, seed = SEED + 20) {
  const r = rng(seed);
  const parts = [];
  for (let i = 0; i < count; i++) {
    const name = `${word(r)}-${i}`;
    const k = r.int(3);
    parts.push(k === 0 ? `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\nspec:\n  selector:\n    app: ${name}\n  ports:\n  - port: 80\n`
      : k === 1 ? `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n  LEVEL: "${r.pick(['info', 'debug'])}"\n`
        : `apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: ${name}\n  namespace: ${word(r)}-${env(r)}\n`);
  }
  return parts.join('---\n');
}

/** Small workloads that each break several rules (removed APIs, deprecated and end-of-life images). */
export function findingsHeavy(bytes, seed = SEED + 21) {
  const r = rng(seed);
  const parts = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const name = `${word(r)}-${i}`;
    const d = i % 3 === 2
      ? `apiVersion: batch/v1beta1\nkind: CronJob\nmetadata:\n  name: ${name}\nspec:\n  schedule: "0 * * * *"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          containers:\n          - name: a\n            image: ${r.pick(IMAGES_OLD)}\n`
      : `apiVersion: ${r.pick(['extensions/v1beta1', 'apps/v1beta2', 'apps/v1beta1'])}\nkind: Deployment\nmetadata:\n  name: ${name}\nspec:\n  template:\n    spec:\n      containers:\n      - name: a\n        image: ${r.pick(IMAGES_OLD)}\n      - name: b\n        image: ${r.pick(IMAGES_OLD)}\n`;
    parts.push(d);
    size += d.length + 4;
  }
  return parts.join('---\n');
}

/** One CustomResourceDefinition document of about `bytes`: a deep openAPIV3Schema with descriptions. */
export function crdDocument(bytes, seed = SEED + 22) {
  const r = rng(seed);
  const desc = () => Array.from({ length: 8 + r.int(20) }, () => r.pick(['the', 'field', 'specifies', 'which', 'of', 'resource', 'pods', 'selector', 'when', 'is', 'set', 'controller', 'value', 'must', 'be'])).join(' ');
  let out = `apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: widgets.example.com\n  annotations:\n    controller-gen.kubebuilder.io/version: v0.16.1\nspec:\n  group: example.com\n  names:\n    kind: Widget\n    listKind: WidgetList\n    plural: widgets\n    singular: widget\n  scope: Namespaced\n  versions:\n  - name: v1\n    served: true\n    storage: true\n    schema:\n      openAPIV3Schema:\n        description: Widget is the Schema for the widgets API.\n        type: object\n        properties:\n`;
  const prop = (depth, indent) => {
    const p = ' '.repeat(indent);
    const name = `${word(r)}${r.pick(['Spec', 'Ref', 'Selector', 'Config', 'Status', 'Template', ''])}${r.int(100)}`;
    let s = `${p}${name}:\n${p}  description: |-\n${p}    ${desc()}\n${p}    ${desc()}\n`;
    if (depth > 0 && r.chance(0.7)) {
      s += `${p}  type: object\n${p}  properties:\n`;
      for (let i = 0, n = 1 + r.int(4); i < n; i++) s += prop(depth - 1, indent + 4);
      if (r.chance(0.3)) s += `${p}  required:\n${p}  - ${word(r)}\n`;
    } else s += `${p}  type: ${r.pick(['string', 'integer', 'boolean'])}\n${r.chance(0.2) ? `${p}  format: int32\n` : ''}`;
    return s;
  };
  while (out.length < bytes) out += prop(5, 10);
  return out + `    subresources:\n      status: {}\n`;
}

/** ConfigMaps whose data are Grafana-like dashboards (JSON in block scalars), about `bytes` in all. */
export function dashboardsConfigMap(bytes, seed = SEED + 23) {
  const r = rng(seed);
  const parts = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const panels = [];
    for (let j = 0, n = 40 + r.int(40); j < n; j++) {
      panels.push(`{\n  "datasource": "$datasource",\n  "gridPos": { "h": 8, "w": 12, "x": ${(j % 2) * 12}, "y": ${j * 8} },\n  "id": ${j + 1},\n  "targets": [\n    {\n      "expr": "sum(rate(container_cpu_usage_seconds_total{namespace=\\"$namespace\\", pod=~\\"${word(r)}.*\\"}[5m])) by (pod)",\n      "legendFormat": "{{pod}}",\n      "refId": "A"\n    }\n  ],\n  "title": "${word(r)} ${r.pick(['CPU', 'memory', 'latency', 'errors'])}",\n  "type": "${r.pick(['graph', 'timeseries', 'stat'])}"\n}`);
    }
    const json = `{\n  "annotations": { "list": [] },\n  "editable": false,\n  "panels": [\n${panels.join(',\n')}\n  ],\n  "schemaVersion": 39,\n  "title": "${word(r)} / ${word(r)}",\n  "uid": "${word(r)}-${i}"\n}`;
    const d = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: grafana-dashboard-${word(r)}-${i}\n  namespace: monitoring\n  labels:\n    grafana_dashboard: "1"\ndata:\n  ${word(r)}-${i}.json: |-\n${json.split('\n').map((l) => '    ' + l).join('\n')}\n`;
    parts.push(d);
    size += d.length + 4;
  }
  return parts.join('---\n');
}

/**
 * A Helm chart (Chart.yaml, values.yaml, templates/_helpers.tpl) and one large template of deeply
 * nested workloads with `{{ }}` everywhere; returns the template's path.
 */
export function helmChart(dir, bytes, seed = SEED + 24) {
  const r = rng(seed);
  mkdirSync(join(dir, 'templates'), { recursive: true });
  writeFileSync(join(dir, 'Chart.yaml'), 'apiVersion: v2\nname: deep\nversion: 1.2.3\nappVersion: "4.5.6"\nkubeVersion: ">=1.25.0-0"\n');
  let values = 'global:\n  imageRegistry: ""\n';
  const comps = [];
  for (let i = 0; i < 40; i++) {
    const c = `${word(r)}${i}`;
    comps.push(c);
    values += `${c}:\n  enabled: true\n  replicaCount: ${1 + r.int(3)}\n  image:\n    registry: docker.io\n    repository: ${r.pick(['bitnami/nginx', 'library/redis', 'library/postgres', 'grafana/grafana'])}\n    tag: "${r.pick(['1.25', '6.2', '11', '9.5.0'])}"\n  resources:\n    limits:\n      memory: 256Mi\n`;
  }
  writeFileSync(join(dir, 'values.yaml'), values);
  writeFileSync(join(dir, 'templates', '_helpers.tpl'), '{{- define "deep.fullname" -}}\n{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}\n{{- end -}}\n{{- define "deep.labels" -}}\napp.kubernetes.io/name: {{ .Chart.Name }}\napp.kubernetes.io/instance: {{ .Release.Name }}\n{{- end -}}\n');
  const nest = (depth, indent) => {
    const p = ' '.repeat(indent);
    if (!depth) return `${p}value: {{ .Values.${r.pick(comps)}.replicaCount | quote }}\n`;
    return `${p}level${depth}:\n${p}  {{- with .Values.${r.pick(comps)} }}\n${p}  enabled: {{ .enabled }}\n${p}  {{- end }}\n${nest(depth - 1, indent + 2)}${nest(depth - 1, indent + 2)}`;
  };
  let t = '';
  for (let i = 0; t.length < bytes; i++) {
    const c = comps[i % comps.length];
    t += `{{- if .Values.${c}.enabled }}\n---\n{{- if semverCompare ">=1.21-0" .Capabilities.KubeVersion.GitVersion }}\napiVersion: batch/v1\n{{- else }}\napiVersion: batch/v1beta1\n{{- end }}\nkind: CronJob\nmetadata:\n  name: {{ include "deep.fullname" . }}-${c}-${i}\n  labels:\n    {{- include "deep.labels" . | nindent 4 }}\nspec:\n  schedule: "0 * * * *"\n  jobTemplate:\n    spec:\n      template:\n        metadata:\n          annotations:\n${nest(4, 12)}        spec:\n          containers:\n          - name: ${c}\n            image: "{{ .Values.${c}.image.registry }}/{{ .Values.${c}.image.repository }}:{{ .Values.${c}.image.tag }}"\n            {{- with .Values.${c}.resources }}\n            resources:\n              {{- toYaml . | nindent 14 }}\n            {{- end }}\n          - name: ${c}-sidecar\n            image: ${img(r)}\n{{- end }}\n`;
  }
  const path = join(dir, 'templates', 'cronjobs.yaml');
  writeFileSync(path, t);
  return path;
}

/** The generated shapes of issue #17 (quick: small versions of each, for the smoke run). */
export function generateShapes(dir, { quick = false } = {}) {
  const sdir = join(dir, 'shapes');
  rmSync(sdir, { recursive: true, force: true });
  mkdirSync(sdir, { recursive: true });
  const k = quick ? 0.05 : 1;
  const out = [];
  const write = (name, text, languageId, note) => {
    const path = join(sdir, name);
    writeFileSync(path, text);
    out.push({ name, path, languageId, note });
  };
  write('many-small-documents.yaml', manySmallDocuments(Math.round(2500 * k)), 'yaml', 'generated: many small documents');
  write('findings-heavy.yaml', findingsHeavy(Math.round(1024 * 1024 * k)), 'yaml', 'generated: findings in every document');
  write('crd-500kb.yaml', crdDocument(Math.round(500 * 1024 * k)), 'yaml', 'generated: one huge CustomResourceDefinition');
  write('dashboards-configmaps.yaml', dashboardsConfigMap(Math.round(1024 * 1024 * k)), 'yaml', 'generated: ConfigMaps of JSON dashboards');
  const tpl = helmChart(join(sdir, 'chart'), Math.round(300 * 1024 * k));
  // languageId yaml: what VS Code gives a template without a Helm extension (and the only one yaml-language-server serves).
  out.push({ name: 'chart/templates/cronjobs.yaml', path: tpl, languageId: 'yaml', note: 'generated: deep Helm chart template' });
  return out;
}
