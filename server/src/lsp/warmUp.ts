import type { CatalogIndex } from '../catalog/catalogIndex';
import { analyze, type AnalyzeInput } from '../analysis/analyze';
import type { ChartContext } from '../analysis/helm';
import type { AnalysisOptions } from '../analysis/model';

/*
 * JIT warm-up. A fresh server runs the analysis in V8's interpreter until the code is hot, and the
 * first large file a user opens costs several times the optimised time. While the server is idle
 * after start-up it analyses a few small generated files of each kind many times, one file per turn
 * of the event loop (a request that arrives meanwhile waits for one small file at most). The files
 * are small and their results are dropped at once. On the benchmark files it takes a first open
 * from about 220 to 125 ms (1 MB manifest) and from 95 to 65 ms (300 KB Dockerfile).
 * ATLAS_NO_WARM_UP=1 in the server environment turns it off (to measure what it does).
 */

const IMAGES = ['nginx:1.27.3', 'k8s.gcr.io/pause:3.2', 'java:8', 'node:22-alpine', 'python:3.12-slim', 'registry.example.com/team/api@sha256:3b1f0a8d6c4e5f7a9b2c1d0e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a', 'postgres:11', 'quay.io/prometheus/prometheus:v3.0.1'];
const image = (i: number) => IMAGES[i % IMAGES.length];

function container(i: number, indent: string): string {
  return `${indent}- name: c-${i}\n${indent}  image: ${image(i)}\n${indent}  command: ["/bin/sh", "-c", "exec node server.js"]\n${indent}  args:\n${indent}  - --port=${8000 + i}\n`
    + `${indent}  ports:\n${indent}  - containerPort: ${8000 + i}\n${indent}    protocol: TCP\n${indent}  env:\n${indent}  - name: MODE\n${indent}    value: "prod"\n`
    + `${indent}  resources:\n${indent}    requests:\n${indent}      cpu: 100m\n${indent}      memory: 128Mi\n`;
}

function k8sDocument(i: number): string {
  const meta = `metadata:\n  name: app-${i}\n  namespace: team-${i % 7}\n  labels:\n    app.kubernetes.io/name: app-${i}\n`;
  switch (i % 5) {
    case 0: return `apiVersion: ${i % 15 ? 'apps/v1' : 'extensions/v1beta1'}\nkind: Deployment\n${meta}spec:\n  replicas: 2\n  selector:\n    matchLabels:\n      app: a\n  template:\n    metadata:\n      labels:\n        app: a\n    spec:\n      runtimeClassName: gvisor\n      containers:\n${container(i, '      ')}${container(i + 1, '      ')}`;
    case 1: return `apiVersion: v1\nkind: Service\n${meta}spec:\n  type: ClusterIP\n  ports:\n  - name: http\n    port: 80\n    targetPort: 8080\n`;
    case 2: return `apiVersion: v1\nkind: ConfigMap\n${meta}data:\n  LOG_LEVEL: "info"\n  RETRIES: "3"\n`;
    case 3: return `apiVersion: batch/v1\nkind: CronJob\n${meta}spec:\n  schedule: "0 3 * * *"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          containers:\n${container(i, '          ')}`;
    default: return `apiVersion: networking.k8s.io/v1\nkind: Ingress\n${meta}  annotations:\n    kubernetes.io/ingress.class: nginx\nspec:\n  ingressClassName: nginx\n  rules:\n  - host: a.example.com\n`;
  }
}

/** The instructions and forms Dockerfiles commonly use: build args in FROM, BuildKit flags, continuations, exec and shell forms. */
function dockerfile(stages: number): string {
  const out = ['# syntax=docker/dockerfile:1', 'ARG BASE=python:3.12-slim'];
  for (let i = 0; i < stages; i++) {
    out.push(i % 2 ? `FROM --platform=$BUILDPLATFORM \${BASE} AS stage${i}` : `FROM ${image(i)} AS stage${i}`);
    if (i === 1) out.push('MAINTAINER Platform Team <platform@example.com>');
    out.push('ARG VERSION=1.0', 'ENV APP_HOME=/app \\', '    PATH=/app/bin:$PATH', 'LABEL org.opencontainers.image.title="app"', 'WORKDIR /app',
      'RUN apt-get update && apt-get install -y --no-install-recommends curl ca-certificates docker.io \\', '    && rm -rf /var/lib/apt/lists/*',
      'RUN --mount=type=cache,target=/root/.cache --mount=type=bind,from=alpine:3.21,source=/bin,target=/mnt/bin \\', '    pip install --no-cache-dir -r requirements.txt',
      'RUN curl -fsSL https://github.com/docker/compose/releases/download/1.29.2/docker-compose-Linux-x86_64 -o /usr/local/bin/docker-compose && pip install --no-cache-dir docker-compose',
      'COPY --chown=1000:1000 package.json package-lock.json ./', `COPY --from=stage${Math.max(0, i - 1)} /app /app`, 'RUN npm ci && npm run build',
      'EXPOSE 8080', 'USER 1000', 'HEALTHCHECK --interval=30s CMD curl -f http://localhost:8080/healthz || exit 1',
      i % 2 ? 'ENTRYPOINT ["/usr/local/bin/app", "--config", "/etc/app.yaml"]' : 'CMD ["node", "server.js"]');
  }
  return out.join('\n') + '\n';
}

function compose(services: number): string {
  let s = 'services:\n';
  for (let i = 0; i < services; i++) {
    s += `  svc-${i}:\n    image: ${image(i)}\n    command: ["sh", "-c", "exec docker-compose up"]\n    environment:\n      LOG_LEVEL: info\n      PORT: "${8000 + i}"\n    ports:\n      - "${8000 + i}:8080"\n    volumes:\n      - data-${i}:/data\n    depends_on:\n      - svc-${Math.max(0, i - 1)}\n`;
  }
  s += 'volumes:\n';
  for (let i = 0; i < services; i++) s += `  data-${i}:\n    driver: local\n`;
  return s;
}

/** Small objects as a cluster's bundles hold hundreds of: a few lines each, most of them left unread. */
function smallDocument(i: number): string {
  const meta = `metadata:\n  name: small-${i}\n  namespace: team-${i % 3}\n`;
  switch (i % 4) {
    case 0: return `apiVersion: v1\nkind: ServiceAccount\n${meta}`;
    case 1: return `apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\n${meta}roleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: Role\n  name: reader\nsubjects:\n- kind: ServiceAccount\n  name: small-${i}\n`;
    case 2: return `apiVersion: v1\nkind: Secret\n${meta}type: Opaque\nstringData:\n  token: "t-${i}"\n`;
    default: return `apiVersion: ${i % 8 === 3 ? 'policy/v1beta1' : 'policy/v1'}\nkind: PodDisruptionBudget\n${meta}spec:\n  minAvailable: 1\n  selector:\n    matchLabels:\n      app: small-${i}\n`;
  }
}

/**
 * A Helm chart's template as charts write them: if chains on the Kubernetes version and on values,
 * includes of the helpers, images built from values maps, `with` and `range` blocks; with the chart's
 * Chart.yaml, values.yaml and helpers (what the server reads beside a template).
 */
function helmTemplate(releases: number): { text: string; chart: ChartContext } {
  let text = '';
  let values = 'global:\n  imageRegistry: ""\n';
  for (let i = 0; i < releases; i++) {
    const v = `app${i}`;
    text += `{{- if .Values.${v}.enabled }}\n---\n{{- if semverCompare ">=1.21-0" .Capabilities.KubeVersion.GitVersion }}\napiVersion: batch/v1\n{{- else }}\napiVersion: batch/v1beta1\n{{- end }}\nkind: CronJob\n`
      + `metadata:\n  name: {{ include "warm.fullname" . }}-${v}\n  labels:\n    {{- include "warm.labels" . | nindent 4 }}\nspec:\n  schedule: "0 * * * *"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n`
      + `          {{- with .Values.${v}.nodeSelector }}\n          nodeSelector:\n            {{- toYaml . | nindent 12 }}\n          {{- end }}\n          containers:\n`
      + `          - name: ${v}\n            image: "{{ .Values.${v}.image.registry }}/{{ .Values.${v}.image.repository }}:{{ .Values.${v}.image.tag | default .Chart.AppVersion }}"\n`
      + `            imagePullPolicy: {{ .Values.${v}.image.pullPolicy | quote }}\n            env:\n            {{- range $k, $val := .Values.${v}.env }}\n            - name: {{ $k }}\n              value: {{ $val | quote }}\n            {{- end }}\n`
      + `            resources:\n              {{- toYaml .Values.${v}.resources | nindent 14 }}\n{{- end }}\n`
      + `---\napiVersion: {{ include "warm.ingress.apiVersion" . }}\nkind: Ingress\nmetadata:\n  name: {{ include "warm.fullname" . }}-${v}\nspec:\n  rules:\n  - host: {{ .Values.${v}.host | quote }}\n`;
    values += `${v}:\n  enabled: true\n  image:\n    registry: docker.io\n    repository: ${['bitnami/nginx', 'library/redis', 'grafana/grafana'][i % 3]}\n    tag: "${['1.25', '6.2', '9.5.0'][i % 3]}"\n    pullPolicy: IfNotPresent\n  env:\n    MODE: prod\n  resources:\n    limits:\n      memory: 256Mi\n  host: a${i}.example.com\n`;
  }
  const helpers = '{{- define "warm.fullname" -}}\n{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}\n{{- end -}}\n'
    + '{{- define "warm.labels" -}}\napp.kubernetes.io/name: {{ .Chart.Name }}\n{{- end -}}\n'
    + '{{- define "warm.ingress.apiVersion" -}}\n{{- if semverCompare ">=1.19-0" .Capabilities.KubeVersion.GitVersion -}}\nnetworking.k8s.io/v1\n{{- else -}}\nextensions/v1beta1\n{{- end -}}\n{{- end -}}\n';
  return { text, chart: { chart: 'apiVersion: v2\nname: warm\nversion: 1.0.0\nappVersion: "1.25"\n', values, helpers } };
}

/** The generated files, a few kilobytes each. */
export function warmUpInputs(): AnalyzeInput[] {
  const docs: string[] = [];
  for (let i = 0; i < WARM_UP.manifestDocuments; i++) docs.push(k8sDocument(i));
  const small: string[] = [];
  for (let i = 0; i < WARM_UP.smallDocuments; i++) small.push(smallDocument(i));
  const helm = helmTemplate(WARM_UP.helmReleases);
  return [
    { path: '/warm-up/manifests.yaml', text: docs.join('---\n') },
    { path: '/warm-up/Dockerfile', text: dockerfile(WARM_UP.dockerfileStages) },
    { path: '/warm-up/compose.yaml', text: compose(WARM_UP.composeServices) },
    { path: '/warm-up/bundle.yaml', text: small.join('---\n') },
    { path: '/warm-up/chart/templates/cronjobs.yaml', text: helm.text, chart: helm.chart },
  ];
}

/**
 * Sizes and repetitions: about 0.3 s of one core after start-up (bench: "analysis warmed up in N ms"
 * in the log). `share`: the part of the rounds each input of warmUpInputs() gets. Every input analysed
 * adds compiled code to the idle footprint (bench: idle RSS), so the later kinds, which reuse most of
 * the Kubernetes path, get fewer rounds.
 */
export const WARM_UP = { manifestDocuments: 10, dockerfileStages: 4, composeServices: 6, smallDocuments: 24, helmReleases: 2, rounds: 150, share: [1, 1, 1, 0.4, 0.4] };

/**
 * Analyses the warm-up inputs WARM_UP.rounds times, one file per event-loop turn; resolves with the
 * time it took, or null if `stop()` said to stop first. The server stops it when a document opens: the
 * document's own analysis warms the same code, and a warm-up file analysed between two hovers (still
 * in the interpreter, ~10 ms each) would delay every one of them.
 */
export function warmUp(catalog: () => CatalogIndex, options: () => AnalysisOptions, stop: () => boolean = () => false): Promise<number | null> {
  // Round by round: every input in a round while it has rounds left (the later kinds take fewer).
  const inputs = warmUpInputs();
  const order: AnalyzeInput[] = [];
  for (let r = 0; r < WARM_UP.rounds; r++) inputs.forEach((input, i) => { if (r < WARM_UP.rounds * (WARM_UP.share[i] ?? 1)) order.push(input); });
  return new Promise<number | null>((resolve) => {
    let step = 0;
    const started = performance.now();
    const next = () => {
      if (stop()) { resolve(null); return; }
      if (step >= order.length) { resolve(performance.now() - started); return; }
      const input = order[step++];
      try { analyze(input, catalog(), options()); } catch { /* warm-up only */ }
      setImmediate(next);
    };
    setImmediate(next);
  });
}
