import { CatalogIndex } from '../server/src/catalog/catalogIndex';
import type { CatalogData } from '../server/src/catalog/types';
import { analyze } from '../server/src/analysis/analyze';
import type { AnalysisOptions, FileAnalysis, FileKind, Position } from '../server/src/analysis/model';
import { LineIndex } from '../server/src/common/lineIndex';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const ROOT = join(__dirname, '..');

/** A small, fixed catalog: rule tests do not change when the real catalog grows. */
export const FIXTURE_DATA: CatalogData = {
  version: 1,
  layers: [
    { id: 'core', name: 'Core container technologies', categories: [{ id: 'operating-systems', name: 'Operating systems' }, { id: 'runtimes', name: 'Runtimes' }, { id: 'registries', name: 'Registries' }, { id: 'sandboxes', name: 'Sandboxes' }] },
    { id: 'support', name: 'Container-native support technologies', categories: [{ id: 'developer-tools', name: 'Developer tools' }, { id: 'security', name: 'Security' }] },
    { id: 'distributed', name: 'Distributed container technologies', categories: [{ id: 'networking', name: 'Networking' }, { id: 'data', name: 'Data and storage' }, { id: 'ingress', name: 'Ingress' }] },
  ],
  entries: [
    { id: 'boot2docker', name: 'boot2docker', kind: 'os', layer: 'core', category: 'operating-systems', summary: 'A tiny Linux distribution for running Docker in a VM.', status: { value: 'deprecated', since: '2020-05-22', sources: ['https://github.com/boot2docker/boot2docker/pull/1408'] }, successors: [{ id: 'docker-desktop', reason: 'Runs the engine in a managed VM.' }], images: ['boot2docker/boot2docker'], commands: ['boot2docker'], homepage: 'https://github.com/boot2docker/boot2docker' },
    { id: 'docker-desktop', name: 'Docker Desktop', kind: 'tool', layer: 'support', category: 'developer-tools', summary: 'Docker on the desktop.', status: { value: 'active' }, alternatives: ['podman-desktop'], homepage: 'https://www.docker.com/products/docker-desktop/' },
    { id: 'podman-desktop', name: 'Podman Desktop', kind: 'tool', layer: 'support', category: 'developer-tools', summary: 'Podman on the desktop.', status: { value: 'active' } },
    { id: 'docker-machine', name: 'Docker Machine', kind: 'tool', layer: 'support', category: 'developer-tools', summary: 'Provisions Docker hosts.', status: { value: 'archived', since: '2021-09', sources: ['https://github.com/docker/machine'] }, successors: [{ id: 'docker-desktop' }], commands: ['docker-machine'], downloads: ['https://github.com/docker/machine/releases/download/'] },
    { id: 'docker-compose', name: 'Docker Compose (V1)', kind: 'tool', layer: 'support', category: 'developer-tools', summary: 'The Python Compose.', status: { value: 'end-of-life', since: '2023-07', sources: ['https://github.com/docker/roadmap/issues/257'] }, successors: [{ id: 'docker-desktop' }], commands: ['docker-compose'], packages: ['pip:docker-compose'] },
    { id: 'flocker', name: 'Flocker', kind: 'tool', layer: 'distributed', category: 'data', summary: 'Volume manager.', status: { value: 'discontinued', since: '2016-12', sources: ['https://github.com/ClusterHQ/flocker/issues/2989'] }, composeKeys: [{ key: 'volume_driver', value: 'flocker' }] },
    { id: 'weave-net', name: 'Weave Net', kind: 'plugin', layer: 'distributed', category: 'networking', summary: 'Overlay network.', status: { value: 'inactive', since: '2021-01-25', sources: ['https://github.com/weaveworks/weave/issues/4003'] }, successors: [{ id: 'calico' }], composeKeys: [{ key: 'networks.driver', value: 'weave' }] },
    { id: 'calico', name: 'Calico', kind: 'plugin', layer: 'distributed', category: 'networking', summary: 'Networking and policy.', status: { value: 'active' } },
    { id: 'gvisor', name: 'gVisor', kind: 'runtime', layer: 'core', category: 'sandboxes', summary: 'A user-space kernel.', status: { value: 'active' }, k8sFields: [{ field: 'runtimeClassName', value: 'gvisor' }], commands: ['runsc'] },
    { id: 'cert-manager', name: 'cert-manager', kind: 'operator', layer: 'support', category: 'security', summary: 'Certificates for Kubernetes.', status: { value: 'active' }, apiGroups: ['cert-manager.io'], images: ['quay.io/jetstack/cert-manager-controller'] },
    { id: 'ingress-nginx', name: 'ingress-nginx', kind: 'tool', layer: 'distributed', category: 'ingress', summary: 'Ingress controller.', status: { value: 'active' }, images: ['registry.k8s.io/ingress-nginx/*'], k8sFields: [{ field: 'ingressClassName', value: 'nginx' }, { field: 'kubernetes.io/ingress.class', value: 'nginx' }] },
    { id: 'nginx', name: 'NGINX', kind: 'tool', layer: 'distributed', category: 'ingress', summary: 'Web server.', status: { value: 'active' }, images: ['nginx'] },
    { id: 'eclipse-temurin', name: 'Eclipse Temurin', kind: 'image', layer: 'core', category: 'runtimes', summary: 'OpenJDK builds.', status: { value: 'active' }, images: ['eclipse-temurin'] },
  ],
  images: [
    { match: 'java', status: 'deprecated', since: '2016-12-31', summary: 'The java image was deprecated.', sources: ['https://github.com/docker-library/docs/blob/master/java/deprecated.md'], replacements: [{ repository: 'eclipse-temurin', entry: 'eclipse-temurin', tags: [{ match: '(8|11)(-jdk|-jre)?', to: '$1$2' }] }] },
    { match: 'jwilder/nginx-proxy', status: 'renamed', since: '2021-04-01', summary: 'Renamed.', sources: ['https://github.com/nginx-proxy/nginx-proxy/issues/1304'], replacements: [{ repository: 'nginxproxy/nginx-proxy', tags: 'keep', keepDigest: true }] },
    { match: 'k8s.gcr.io/*', status: 'frozen', since: '2023-04-03', summary: 'Frozen registry.', sources: ['https://kubernetes.io/blog/2023/02/06/k8s-gcr-io-freeze-announcement/'], replacements: [{ repository: 'registry.k8s.io/*', tags: 'keep', keepDigest: true }] },
  ],
  kubernetesApis: [
    { apiVersion: 'extensions/v1beta1', kinds: ['Deployment', 'ReplicaSet'], deprecatedIn: '1.9', removedIn: '1.16', replacement: 'apps/v1', replacementAvailableIn: '1.9', sources: ['https://kubernetes.io/docs/reference/using-api/deprecation-guide/'] },
    { apiVersion: 'batch/v1beta1', kinds: ['CronJob'], deprecatedIn: '1.21', removedIn: '1.25', replacement: 'batch/v1', replacementAvailableIn: '1.21', sources: ['https://kubernetes.io/docs/reference/using-api/deprecation-guide/'] },
    { apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta3', kinds: ['FlowSchema'], deprecatedIn: '1.29', removedIn: '1.32', replacement: 'flowcontrol.apiserver.k8s.io/v1', replacementAvailableIn: '1.29', sources: ['https://kubernetes.io/docs/reference/using-api/deprecation-guide/'] },
    { apiVersion: 'policy/v1beta1', kinds: ['PodSecurityPolicy'], deprecatedIn: '1.21', removedIn: '1.25', note: 'use Pod Security Admission', sources: ['https://kubernetes.io/docs/reference/using-api/deprecation-guide/'] },
  ],
  eolProducts: [
    { id: 'python', name: 'Python', images: ['python'], cycles: [{ cycle: '3.13', eol: '2029-10-31' }, { cycle: '3.9', eol: '2025-10-31' }, { cycle: '2.7', eol: '2020-01-01' }], sources: ['https://endoflife.date/python'] },
    { id: 'node', name: 'Node.js', images: ['node'], cycles: [{ cycle: '22', eol: '2027-04-30' }, { cycle: '14', eol: '2023-04-30' }], sources: ['https://endoflife.date/nodejs'] },
    { id: 'debian', name: 'Debian', images: ['debian'], tagAliases: { buster: '10', bookworm: '12' }, cycles: [{ cycle: '12', codename: 'bookworm', eol: '2026-07-11' }, { cycle: '10', codename: 'buster', eol: '2022-09-10' }], sources: ['https://endoflife.date/debian'] },
    { id: 'postgres', name: 'PostgreSQL', images: ['postgres'], tagPattern: '^(9\\.\\d|\\d{2,})', cycles: [{ cycle: '17', eol: '2029-11-08' }, { cycle: '9.6', eol: '2021-11-11' }], sources: ['https://endoflife.date/postgresql'] },
  ],
};

export const fixtureCatalog = new CatalogIndex(FIXTURE_DATA);

export const OPTIONS: AnalysisOptions = { asOf: '2026-11-22', kubernetesVersion: '1.34' };

/**
 * The path of a built bundle in dist/, checked to be newer than every source file it is built from:
 * tests that run the bundles fail with what to do instead of testing old code.
 */
export function builtBundle(name: string): string {
  const path = join(ROOT, 'dist', name);
  if (!existsSync(path)) throw new Error(`dist/${name} is missing: run \`npm run build\` first`);
  const built = statSync(path).mtimeMs;
  const newest = (dir: string): number => Math.max(0, ...readdirSync(dir, { withFileTypes: true }).map((d) => {
    const p = join(dir, d.name);
    return d.isDirectory() ? newest(p) : statSync(p).mtimeMs;
  }));
  // The compiled catalog comes from catalog/ alone; the bundles from the sources and the catalog.
  const sources = Math.max(name === 'catalog.json' ? 0 : newest(join(ROOT, 'server', 'src')), newest(join(ROOT, 'catalog')));
  if (sources > built) throw new Error(`dist/${name} is older than the sources: run \`npm run build\` first`);
  return path;
}

let real: CatalogIndex | undefined;
/** The real compiled catalog (dist/catalog.json, built by `npm run build`). */
export function realCatalog(): CatalogIndex {
  if (!real) {
    real = new CatalogIndex(JSON.parse(readFileSync(builtBundle('catalog.json'), 'utf8')));
  }
  return real;
}

/** Splits a fixture with a `|` cursor marker into the text and the cursor position. */
export function withCursor(marked: string): { text: string; position: Position } {
  const i = marked.indexOf('|');
  if (i < 0) throw new Error('fixture has no | cursor marker');
  const text = marked.slice(0, i) + marked.slice(i + 1);
  return { text, position: new LineIndex(text).position(i) };
}

export function run(path: string, text: string, opts: Partial<AnalysisOptions> & { kind?: FileKind; catalog?: CatalogIndex } = {}): FileAnalysis {
  const { kind, catalog, ...rest } = opts;
  const a = analyze({ path, text, kind }, catalog ?? fixtureCatalog, { ...OPTIONS, ...rest });
  if (!a) throw new Error(`${path} was not recognized`);
  return a;
}

/** Applies LSP text edits to a text: the same function `container-atlas fix` uses. */
export { applyEdits } from '../server/src/cli/fix';

export function textAt(text: string, range: { start: Position; end: Position }): string {
  const li = new LineIndex(text);
  return text.slice(li.offset(range.start), li.offset(range.end));
}

/** Files under dir whose names match, for differential tests over real files (skips .git, bench/work, .cache; files under 2 MB). */
export function findFixtureFiles(dir: string, name: RegExp, maxDepth = 12, out: string[] = [], depth = 0): string[] {
  if (depth > maxDepth) return out;
  let names: string[];
  try { names = readdirSync(dir); } catch { return out; }
  for (const n of names) {
    const p = join(dir, n);
    let st;
    try { st = statSync(p); } catch { continue; }
    if (st.isDirectory()) { if (n !== '.git' && n !== 'work' && n !== '.cache') findFixtureFiles(p, name, maxDepth, out, depth + 1); } else if (name.test(n) && st.size < 2_000_000) out.push(p);
  }
  return out;
}

/** A temporary folder holding `files` (relative path → text, folders made as needed); the caller removes it. */
export function workspace(files: Record<string, string>, prefix = 'atlas-cli-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  for (const [p, t] of Object.entries(files)) { mkdirSync(join(dir, p, '..'), { recursive: true }); writeFileSync(join(dir, p), t); }
  return dir;
}

/** Runs the built CLI (dist/cli.js) in `cwd`, as a user would. */
export const cli = (args: string[], cwd: string) => spawnSync(process.execPath, [join(ROOT, 'dist', 'cli.js'), ...args], { cwd, encoding: 'utf8' });
