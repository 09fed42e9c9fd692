/**
 * fast-check generators for the fuzz tests (test/unit/fuzz.test.ts, `npm run fuzz`): grammar-aware
 * Dockerfiles, Compose files, Kubernetes manifests (multi-document, anchors, Helm template lines, odd
 * scalars), Quadlet units and workflows, plus byte-level mutation of the real fixtures.
 */
import fc from 'fast-check';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ROOT } from '../helpers';

export interface FuzzInput { path: string; text: string }

const lenient = new TextDecoder('utf-8', { fatal: false });

// ---------------------------------------------------------------- shared pieces

/** Image references: catalog hits (deprecated, renamed, EOL tags), digests, variables, odd and broken forms. */
export const imageRef: fc.Arbitrary<string> = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(
    'boot2docker/boot2docker', 'java:8', 'java:11-jre', 'python:2.7-slim', 'python:3.13', 'node:14', 'node:22-alpine',
    'debian:buster', 'debian:bookworm', 'postgres:9.6', 'postgres:17', 'nginx', 'nginx:1.27', 'jwilder/nginx-proxy:1.0',
    'k8s.gcr.io/pause:3.2', 'k8s.gcr.io/etcd:3.5.0-0', 'registry.k8s.io/ingress-nginx/controller:v1.9.0',
    'quay.io/coreos/flannel:v0.15.1', 'quay.io/jetstack/cert-manager-controller:v1.0', 'eclipse-temurin:21-jre',
    'docker.io/library/alpine:3.22', 'ghcr.io/example/app:2.1', 'localhost:5000/x/y:z', 'registry.internal:5000/team/app',
    'nginx@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef',
    'java:8@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef', 'scratch', '${BASE}', '$BASE',
    '${REGISTRY:-docker.io}/library/java:${TAG:-8}', 'docker/dockerfile:1', 'mcr.microsoft.com/devcontainers/base:ubuntu',
  ) },
  { weight: 1, arbitrary: fc.constantFrom('', ':', '@', '/', ':8', 'a:', 'A/B:C', '-x', 'a//b', 'a::b', 'a@sha256:', 'x'.repeat(300), 'ünï/cödé:1', 'a b', '"q"', "'q'") },
  { weight: 2, arbitrary: fc.tuple(
    fc.constantFrom('', 'docker.io/', 'quay.io/', 'k8s.gcr.io/', 'localhost:5000/', 'my.registry:443/'),
    fc.stringMatching(/^[a-z0-9][a-z0-9._-]{0,12}(\/[a-z0-9][a-z0-9._-]{0,12}){0,2}$/),
    fc.option(fc.stringMatching(/^[\w][\w.-]{0,15}$/), { nil: undefined }),
  ).map(([r, n, t]) => `${r}${n}${t === undefined ? '' : `:${t}`}`) },
);

/** Odd scalars: YAML types, quoting, escapes, special characters, unicode. */
export const oddScalar: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('~', 'null', 'Null', 'true', 'yes', 'off', '0x1F', '0o17', '.inf', '-.Inf', '.nan', '1e3', '2026-11-22', '12:30:00',
    '""', "''", '"it\\"s"', "'it''s'", '"\\u0041\\x41\\t"', '"\\uD800"', '!!str 8', '!!int "3"', '!!binary aGk=', '!custom x', '? complex',
    '[a, {b: c}]', '{image: nginx}', '|', '>-', '|+', '&anchor v', '*anchor', '<<', '%YAML', '@at', '`tick`', '# comment',
    '[click](command:workbench.action.terminal.new)', '<img src=x onerror=alert(1)>', '\u00a0', '\u200b', '😀', 'ünï'),
  fc.string({ maxLength: 12 }),
  imageRef,
);

const lineEnding = fc.constantFrom('\n', '\n', '\n', '\r\n');

function joinLines(lines: string[], eol: string): string { return lines.join(eol); }

// ---------------------------------------------------------------- Dockerfile

const dockerCommand = fc.constantFrom(
  'docker-machine ls', 'pip install docker-compose', 'pip3 install --user docker-compose==1.29.2', 'boot2docker up', 'runsc --version',
  'curl -fsSL https://github.com/docker/machine/releases/download/v0.16.2/docker-machine-Linux-x86_64 -o /usr/local/bin/docker-machine',
  'apt-get update && apt-get install -y curl', 'echo "$(docker-compose version)"', 'sh -c \'docker-compose up\'', 'true', '',
  'set -eux; for i in 1 2; do echo $i; done', 'echo `docker-machine env`', '[ -f x ] || exit 1',
);

const dockerLine: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.tuple(fc.constantFrom('FROM', 'from', 'FROM --platform=$BUILDPLATFORM', 'FROM  '), imageRef, fc.constantFrom('', ' AS build', ' as legacy', ' AS', ' AS a b')).map(([f, i, a]) => `${f} ${i}${a}`) },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom('ARG BASE', 'ARG TAG', 'ARG REGISTRY', 'ENV BASE'), fc.constantFrom('=', ' ', '='), imageRef).map(([a, s, i]) => `${a}${s}${i}`) },
  { weight: 3, arbitrary: fc.tuple(fc.constantFrom('RUN', 'RUN --mount=type=cache,from=java:8,target=/x', 'CMD', 'ENTRYPOINT', 'RUN ["sh", "-c",'), dockerCommand).map(([r, c]) => `${r} ${c}`) },
  { weight: 1, arbitrary: fc.constantFrom('MAINTAINER Ops <ops@example.com>', 'maintainer x', 'MAINTAINER', 'COPY --from=build /a /b', 'COPY --from=java:8 /x /y',
    'LABEL a=b', 'WORKDIR /app', 'USER 1000', 'HEALTHCHECK CMD curl -f http://localhost/', 'ONBUILD RUN docker-machine ls', 'SHELL ["/bin/bash", "-c"]',
    '# syntax=docker/dockerfile:1', '# escape=`', '# container-atlas: ignore deprecated-technology', '# container-atlas: ignore', '#', '', '   ', '\t') },
  { weight: 1, arbitrary: fc.tuple(dockerCommand, fc.integer({ min: 1, max: 6 })).map(([c, n]) => `RUN ${c} \\\n${Array.from({ length: n }, (_, i) => ` && ${i % 2 ? 'docker-machine version' : 'echo x'} \\`).join('\n')}\n && true`) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom('RUN <<EOF', 'RUN <<-EOT bash', 'COPY <<EOF /x'), dockerCommand).map(([h, c]) => `${h}\n${c}\ndocker-compose up\n${h.includes('EOT') ? 'EOT' : 'EOF'}`) },
  { weight: 1, arbitrary: oddScalar },
);

export const dockerfile: fc.Arbitrary<FuzzInput> = fc.tuple(
  fc.constantFrom('Dockerfile', 'Containerfile', 'build.Dockerfile', 'Dockerfile.dev'), fc.array(dockerLine, { maxLength: 25 }), lineEnding, fc.boolean(),
).map(([path, lines, eol, trailing]) => ({ path, text: joinLines(lines, eol) + (trailing ? eol : '') }));

// ---------------------------------------------------------------- YAML (Compose, Kubernetes, Helm)

const indentBlock = (text: string, n: number) => text.split('\n').map((l) => (l ? ' '.repeat(n) + l : l)).join('\n');

const composeService: fc.Arbitrary<string> = fc.tuple(
  fc.stringMatching(/^[a-z][a-z0-9_-]{0,8}$/),
  fc.array(fc.oneof(
    { weight: 4, arbitrary: imageRef.map((i) => `image: ${i}`) },
    { weight: 1, arbitrary: imageRef.map((i) => `image: "${i}"`) },
    { weight: 1, arbitrary: imageRef.map((i) => `image: '${i}'`) },
    { weight: 1, arbitrary: fc.constantFrom('volume_driver: flocker', 'links:\n  - db', 'external_links: [redis]', '<<: *defaults', 'build: .', 'build:\n  context: .\n  args:\n    BASE: java:8',
      'command: docker-compose up', 'command: ["sh", "-c", "docker-machine ls"]', 'entrypoint: boot2docker', 'runtime: runsc', 'restart: always',
      'environment:\n  - A=1', 'deploy: {replicas: 2}', 'image: !reset null', 'image: &img nginx', 'image: *img', 'image: >-\n  java:8', 'image: |\n  java:8\n  x') },
    { weight: 1, arbitrary: oddScalar.map((s) => `x-odd: ${s}`) },
  ), { maxLength: 5 }),
).map(([name, props]) => `${name}:\n${indentBlock(props.join('\n'), 2)}`);

export const compose: fc.Arbitrary<FuzzInput> = fc.tuple(
  fc.constantFrom('compose.yaml', 'docker-compose.yml', 'compose.override.yaml'),
  fc.constantFrom('', 'version: "3.8"\n', "version: '2'\n", 'version: 3\n', 'name: app\n'),
  fc.boolean(),
  fc.array(composeService, { maxLength: 5 }),
  fc.constantFrom('', 'networks:\n  mesh:\n    driver: weave\n', 'volumes:\n  data: {driver: flocker}\n', 'networks: {a: {driver: weave}}\n'),
  fc.boolean(),
  lineEnding,
).map(([path, version, anchors, services, tail, flow, eol]) => {
  const head = anchors ? 'x-defaults: &defaults\n  restart: unless-stopped\n  image: java:8\n' : '';
  const body = flow ? `services: {${services.map((s) => s.split('\n')[0].replace(/:$/, ': {image: nginx}')).join(', ')}}\n` : `services:\n${indentBlock(services.join('\n'), 2)}\n`;
  return { path, text: (version + head + body + tail).replace(/\n/g, eol) };
});

const apiVersionKind = fc.constantFrom(
  ['extensions/v1beta1', 'Deployment'], ['extensions/v1beta1', 'Ingress'], ['apps/v1', 'Deployment'], ['batch/v1beta1', 'CronJob'], ['batch/v1', 'Job'],
  ['v1', 'Pod'], ['v1', 'List'], ['policy/v1beta1', 'PodSecurityPolicy'], ['flowcontrol.apiserver.k8s.io/v1beta3', 'FlowSchema'],
  ['cert-manager.io/v1', 'Certificate'], ['networking.k8s.io/v1', 'Ingress'], ['node.k8s.io/v1', 'RuntimeClass'], ['', ''], ['v1', ''],
);

const container: fc.Arbitrary<string> = fc.tuple(fc.stringMatching(/^[a-z]{1,6}$/), imageRef, fc.constantFrom('', 'command: ["docker-machine", "ls"]', 'args: [a, b]', 'image: &img nginx', 'command:\n  - sh\n  - -c\n  - pip install docker-compose'))
  .map(([n, i, extra]) => `- name: ${n}\n  image: ${i}${extra ? `\n${indentBlock(extra, 2)}` : ''}`);

const podSpec: fc.Arbitrary<string> = fc.tuple(
  fc.array(container, { maxLength: 3 }), fc.array(container, { maxLength: 1 }),
  fc.constantFrom('', 'runtimeClassName: gvisor', 'runtimeClassName: *rc', 'ingressClassName: nginx'),
).map(([cs, init, extra]) => [
  cs.length ? `containers:\n${indentBlock(cs.join('\n'), 2)}` : 'containers: []',
  init.length ? `initContainers:\n${indentBlock(init.join('\n'), 2)}` : '',
  extra,
].filter(Boolean).join('\n'));

const helmLine = fc.constantFrom(
  '{{- if .Values.enabled }}', '{{- end }}', '{{ include "chart.labels" . | nindent 4 }}', 'image: {{ .Values.image.repository }}:{{ .Values.image.tag }}',
  'image: "{{ .Values.image }}"', '{{- range .Values.items }}', '{{- /* comment */ -}}', '{{ toYaml .Values.resources | indent 8 }}', '{{', '}}', '{{ "}}" }}',
);

const k8sDocument: fc.Arbitrary<string> = fc.tuple(
  apiVersionKind, fc.constantFrom('', 'metadata:\n  name: web\n  annotations:\n    kubernetes.io/ingress.class: nginx', 'metadata: {name: x}', 'metadata:\n  labels: &labels\n    app: web'),
  fc.constantFrom('pod', 'template', 'cronjob', 'list', 'none'), podSpec, fc.array(helmLine, { maxLength: 3 }), fc.array(oddScalar, { maxLength: 2 }),
).map(([[api, kind], meta, shape, spec, helm, odd]) => {
  let body: string;
  switch (shape) {
    case 'pod': body = `spec:\n${indentBlock(spec, 2)}`; break;
    case 'template': body = `spec:\n  template:\n    spec:\n${indentBlock(spec, 6)}`; break;
    case 'cronjob': body = `spec:\n  jobTemplate:\n    spec:\n      template:\n        spec:\n${indentBlock(spec, 10)}`; break;
    case 'list': body = `items:\n  - apiVersion: extensions/v1beta1\n    kind: Deployment\n    spec:\n      template:\n        spec:\n${indentBlock(spec, 10)}`; break;
    default: body = '';
  }
  const lines = [api !== '' ? `apiVersion: ${api}` : 'apiVersion:', kind ? `kind: ${kind}` : '', meta, body, ...odd.map((o, i) => `x${i}: ${o}`)].filter(Boolean).join('\n').split('\n');
  for (const h of helm) lines.splice(Math.floor(lines.length / 2), 0, h);
  return lines.join('\n');
});

export const kubernetes: fc.Arbitrary<FuzzInput> = fc.tuple(
  fc.constantFrom('k8s/deploy.yaml', 'manifests/all.yml', 'chart/templates/deployment.yaml', 'list.yaml'),
  fc.array(k8sDocument, { minLength: 1, maxLength: 4 }),
  fc.array(fc.constantFrom('---', '--- ', '---\t# doc', '...', '--- |', '---\r', '# comment', ''), { minLength: 0, maxLength: 4 }),
  lineEnding, fc.boolean(),
).map(([path, docs, seps, eol, leading]) => {
  let text = leading ? '---\n' : '';
  docs.forEach((d, i) => { text += d + '\n'; if (i < docs.length - 1) text += (seps[i] ?? '---') + '\n'; });
  return { path, text: text.replace(/\r?\n/g, eol) };
});

export const otherFormats: fc.Arbitrary<FuzzInput> = fc.oneof(
  fc.tuple(fc.constantFrom('app.container', 'x.image', 'y.build', 'p.pod', 'k.kube'), fc.array(fc.oneof(
    imageRef.map((i) => `Image=${i}`), fc.constantFrom('[Container]', '[Image]', '[Service]', 'Exec=docker-compose up', '# comment', ';c', 'Image=', '=', '[', 'Yaml=x.yaml'), oddScalar,
  ), { maxLength: 10 }), lineEnding).map(([path, lines, eol]) => ({ path, text: lines.join(eol) })),
  fc.tuple(fc.array(fc.tuple(fc.stringMatching(/^[a-z]{1,6}$/), imageRef, dockerCommand), { maxLength: 3 }), lineEnding).map(([jobs, eol]) => ({
    path: '.github/workflows/ci.yml',
    text: `on: push\njobs:\n${jobs.map(([j, i, c]) => `  ${j}:\n    runs-on: ubuntu-latest\n    container: ${i}\n    services:\n      db:\n        image: ${i}\n    steps:\n      - uses: docker://${i}\n      - run: ${c}`).join('\n')}\n`.replace(/\n/g, eol),
  })),
  fc.tuple(imageRef, dockerCommand, fc.boolean()).map(([i, c, comments]) => ({
    path: '.devcontainer/devcontainer.json',
    text: `{\n${comments ? '  // a comment "with quotes"\n  /* block */\n' : ''}  "image": "${i}",\n  "features": { "ghcr.io/devcontainers/features/docker-in-docker:2": {} },\n  "postCreateCommand": "${c.replace(/"/g, '\\"')}",\n}\n`,
  })),
  fc.tuple(fc.array(imageRef, { maxLength: 3 })).map(([imgs]) => ({
    path: 'kustomization.yaml',
    text: `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nimages:\n${imgs.map((i) => `  - name: ${i}\n    newName: ${i}\n    newTag: "1"`).join('\n')}\n`,
  })),
);

/** Token soup: YAML, Dockerfile and template punctuation with keywords, for the parsers' dark corners. */
const token = fc.constantFrom(
  '-', '- ', ':', ': ', ' ', '  ', '\n', '\n', '\r\n', '\r', '\t', '{', '}', '[', ']', ',', '&a ', '*a', '&b ', '*b', '<<: ', '!', '!!map ', '|', '>', '"', "'", '#', '---', '...',
  '{{', '}}', '{{-', '-}}', 'image', 'image: ', 'apiVersion: ', 'kind: ', 'services:', 'containers:', 'FROM ', 'ARG ', 'RUN ', '\\\n', '$', '${', 'java:8', 'extensions/v1beta1',
  'Deployment', 'boot2docker', 'docker-compose', '?', '%', '@', '`', '\u00a0', '\ufeff', '\u2028', '😀', '\ud800', 'ü', '\u0000',
);

export const soup: fc.Arbitrary<FuzzInput> = fc.tuple(
  fc.constantFrom('Dockerfile', 'compose.yaml', 'k8s/x.yaml', 'chart/templates/x.yaml', 'kustomization.yaml', '.github/workflows/w.yml', '.devcontainer/devcontainer.json', 'a.container'),
  fc.array(token, { maxLength: 80 }),
  fc.constantFrom('', 'apiVersion: v1\nkind: Pod\n', 'services:\n', 'FROM '),
).map(([path, tokens, prefix]) => ({ path, text: prefix + tokens.join('') }));

// ---------------------------------------------------------------- mutation of real fixtures

function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    const st = statSync(full);
    if (st.isDirectory()) out.push(...listFiles(full));
    else if (st.size < 200_000) out.push(full);
  }
  return out;
}

export const REGRESSIONS_DIR = join(ROOT, 'test', 'fixtures', 'regressions');

/** The real fixtures: the sample workspace and the test fixtures (not the saved regressions, which are replayed as they are). */
export function seedFixtures(): { path: string; bytes: Buffer }[] {
  const files = [...listFiles(join(ROOT, 'samples', 'workspace')), ...listFiles(join(ROOT, 'test', 'fixtures')).filter((f) => !f.startsWith(REGRESSIONS_DIR))];
  return files.filter((f) => !f.endsWith('README.md')).map((f) => ({ path: relative(join(ROOT, 'samples', 'workspace'), f).startsWith('..') ? relative(ROOT, f) : relative(join(ROOT, 'samples', 'workspace'), f), bytes: readFileSync(f) }));
}

type Mutation = { op: 'flip' | 'insert' | 'delete' | 'dup' | 'splice' | 'token'; at: number; len: number; bytes: number[]; token: string };

const mutation: fc.Arbitrary<Mutation> = fc.record({
  op: fc.constantFrom('flip', 'insert', 'delete', 'dup', 'splice', 'token'),
  at: fc.nat(),
  len: fc.integer({ min: 0, max: 64 }),
  bytes: fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 8 }),
  token: token,
});

function mutate(buf: Buffer, m: Mutation, other: Buffer): Buffer {
  const at = buf.length ? m.at % (buf.length + 1) : 0;
  const b = Buffer.from(m.bytes);
  switch (m.op) {
    case 'flip': { if (!buf.length) return b; const c = Buffer.from(buf); c[at % buf.length] ^= m.bytes[0] || 1; return c; }
    case 'insert': return Buffer.concat([buf.subarray(0, at), b, buf.subarray(at)]);
    case 'delete': return Buffer.concat([buf.subarray(0, at), buf.subarray(at + m.len)]);
    case 'dup': return Buffer.concat([buf.subarray(0, at + m.len), buf.subarray(at, at + m.len), buf.subarray(at + m.len)]);
    case 'splice': { const o = other.length ? m.at % other.length : 0; return Buffer.concat([buf.subarray(0, at), other.subarray(o, o + m.len * 4), buf.subarray(at)]); }
    default: return Buffer.concat([buf.subarray(0, at), Buffer.from(m.token, 'utf8'), buf.subarray(at)]);
  }
}

/** Byte-level mutations of the real fixtures, decoded as the file reader does (invalid UTF-8 becomes U+FFFD). */
export function mutatedFixtures(): fc.Arbitrary<FuzzInput> {
  const seeds = seedFixtures();
  if (!seeds.length) throw new Error('no fixtures to mutate');
  return fc.tuple(fc.nat({ max: seeds.length - 1 }), fc.nat({ max: seeds.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 8 }), fc.boolean()).map(([i, j, ms, asOther]) => {
    let buf = seeds[i].bytes;
    for (const m of ms) buf = mutate(buf, m, seeds[j].bytes);
    // Sometimes analyse the mutated bytes under another fixture's name (a Compose file read as a Kubernetes manifest…).
    return { path: asOther ? seeds[j].path : seeds[i].path, text: lenient.decode(buf) };
  });
}

/** Every generated input kind, weighted. */
export function anyInput(): fc.Arbitrary<FuzzInput> {
  return fc.oneof(
    { weight: 3, arbitrary: dockerfile },
    { weight: 3, arbitrary: compose },
    { weight: 3, arbitrary: kubernetes },
    { weight: 2, arbitrary: otherFormats },
    { weight: 2, arbitrary: soup },
    { weight: 3, arbitrary: mutatedFixtures() },
  );
}

/** A random edit of a text: replace [at, at+len) with some text (offsets wrap to the text's length). */
export interface Edit { at: number; len: number; text: string }
export const edit: fc.Arbitrary<Edit> = fc.record({
  at: fc.nat(),
  len: fc.integer({ min: 0, max: 40 }),
  text: fc.oneof(token, imageRef, oddScalar, fc.constantFrom('---\n', '\n---\n', 'image: java:8\n', '  - name: a\n    image: k8s.gcr.io/pause:3.2\n', 'FROM boot2docker/boot2docker\n', '')),
});

export function applyEdit(text: string, e: Edit): string {
  const at = e.at % (text.length + 1);
  return text.slice(0, at) + e.text + text.slice(at + e.len);
}
