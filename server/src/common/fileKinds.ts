import type { FileKind } from './model';

/**
 * The file-kind registry: which files Container Atlas reads, by name and by language id. Everything
 * that needs to know uses this one table: the analysis (detectKind), the workspace scan and the CLI's
 * walk (kindFromPath), the VS Code client (document selector, file watcher), and package.json's
 * activation events and language contributions, which test/unit/registries.test.ts checks against it.
 *
 * Globs are VS Code glob patterns matched against the path relative to the workspace (or the
 * scanned folder): `*` and `?` stay within a path segment, `**​/` is any number of folders, `{a,b}` is
 * either. A `yaml`/`json` match is only a candidate: its content decides (kindFromContent).
 */
export interface FileKindSpec {
  kind: FileKind | 'yaml' | 'json';
  /** What the README's "What it recognizes" table calls it. */
  title: string;
  globs: string[];
  /** VS Code language ids whose documents are analysed as this kind (or, for yaml/json, looked at). */
  languages: string[];
  /** Whether a workspace containing such a file activates the extension (not for every YAML/JSON file). */
  activates: boolean;
  /** Documents of `languages` are this kind only when their path matches `globs` (jsonc is used by many other files). */
  pathOnly?: boolean;
  /** Editors have no language of their own for these files (HCL, Starlark): the client hands them over by path, whatever their language id. */
  byPattern?: boolean;
}

export const FILE_KINDS: readonly FileKindSpec[] = [
  { kind: 'dockerfile', title: 'Dockerfile', globs: ['**/Dockerfile', '**/Containerfile', '**/Dockerfile.*', '**/Containerfile.*', '**/*.Dockerfile', '**/*.dockerfile', '**/*.Containerfile', '**/*.containerfile'], languages: ['dockerfile'], activates: true },
  { kind: 'compose', title: 'Compose file', globs: ['**/compose.{yml,yaml}', '**/docker-compose.{yml,yaml}', '**/compose.*.{yml,yaml}', '**/docker-compose.*.{yml,yaml}', '**/docker-compose-*.{yml,yaml}', '**/*.docker-compose.{yml,yaml}'], languages: ['dockercompose'], activates: true },
  { kind: 'kustomize', title: 'kustomization', globs: ['**/kustomization.{yml,yaml}'], languages: [], activates: true },
  { kind: 'devcontainer', title: 'dev container', globs: ['**/.devcontainer/devcontainer.json', '**/.devcontainer/*/devcontainer.json', '**/.devcontainer.json'], languages: ['jsonc'], activates: true, pathOnly: true },
  { kind: 'github-actions', title: 'GitHub workflow', globs: ['**/.github/workflows/*.{yml,yaml}'], languages: [], activates: true },
  { kind: 'quadlet', title: 'Podman Quadlet unit', globs: ['**/*.container', '**/*.image', '**/*.build', '**/*.pod', '**/*.kube', '**/*.volume', '**/*.network'], languages: ['quadlet'], activates: true },
  { kind: 'bake', title: 'Docker Bake file', globs: ['**/docker-bake.{hcl,json}', '**/docker-bake.*.{hcl,json}'], languages: [], activates: true, byPattern: true },
  { kind: 'tiltfile', title: 'Tiltfile', globs: ['**/Tiltfile'], languages: [], activates: true, byPattern: true },
  { kind: 'helm-chart', title: 'Helm Chart.yaml', globs: ['**/Chart.{yml,yaml}'], languages: [], activates: true },
  { kind: 'helm-values', title: 'Helm values', globs: ['**/values.{yml,yaml}', '**/values-*.{yml,yaml}', '**/values.schema.json'], languages: [], activates: false },
  { kind: 'yaml', title: 'Kubernetes manifest or Helm template (YAML)', globs: ['**/*.{yml,yaml}', '**/*.tpl'], languages: ['yaml', 'helm'], activates: false },
  { kind: 'json', title: 'Kubernetes manifest (JSON)', globs: ['**/*.json'], languages: ['json'], activates: false },
];

/** A VS Code glob as a regular expression over a /-separated relative path. */
export function globToRegExp(glob: string): RegExp {
  return new RegExp(`^${globSource(glob)}$`);
}

function globSource(glob: string): string {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i];
    if (glob.startsWith('**/', i)) { re += '(?:[^/]*/)*'; i += 2; }
    else if (ch === '*') re += '[^/]*';
    else if (ch === '?') re += '[^/]';
    else if (ch === '{') {
      const close = glob.indexOf('}', i);
      re += `(?:${glob.slice(i + 1, close).split(',').map(globSource).join('|')})`;
      i = close;
    } else re += escapeRegExp(ch);
  }
  return re;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/**
 * One regular expression over a /-separated relative path matching every file of every kind (the
 * pre-commit hook's `files`, which test/unit/hooks.test.ts checks against this). Python's `re` reads it too.
 */
export function allFilesRegExpSource(): string {
  return `^(?:${FILE_KINDS.flatMap((k) => k.globs.map(globSource)).join('|')})$`;
}

const COMPILED = FILE_KINDS.map((k) => ({ kind: k.kind, res: k.globs.map(globToRegExp) }));

/** A glob's `{a,b}` groups expanded into one glob each (VS Code's globs do not nest groups). */
export function expandBraces(glob: string): string[] {
  const open = glob.indexOf('{');
  if (open < 0) return [glob];
  const close = glob.indexOf('}', open);
  return glob.slice(open + 1, close).split(',').flatMap((alt) => expandBraces(glob.slice(0, open) + alt + glob.slice(close + 1)));
}

/** Several globs as one, `{a,b,…}` of their brace-free forms. */
function union(globs: string[]): string {
  const flat = [...new Set(globs.flatMap(expandBraces))];
  return flat.length === 1 ? flat[0] : `{${flat.join(',')}}`;
}

/** The one glob that matches every file of every kind (the client's file watcher). */
export const WATCH_GLOB = `**/${union(FILE_KINDS.flatMap((k) => k.globs.map((g) => g.replace(/^\*\*\//, ''))))}`;

export function baseName(path: string): string {
  return path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
}

/**
 * What kind of file a path is, from its name alone; YAML/JSON files need their content (see
 * kindFromContent). The path may be absolute or relative; only as many trailing segments as a glob
 * names are compared, so `/home/me/repo/.github/workflows/ci.yml` is a workflow.
 */
export function kindFromPath(path: string): FileKind | 'yaml' | 'json' | null {
  const p = path.replace(/\\/g, '/').replace(/^\/+/, '');
  for (const { kind, res } of COMPILED) {
    for (const re of res) if (re.test(p)) return kind;
  }
  return null;
}

/** Decides what a YAML or JSON file holds: a Kubernetes manifest (or Helm template of one), or nothing we analyse. */
export function kindFromContent(path: string, text: string, languageId?: string): FileKind | null {
  const head = text.length > 200_000 ? text.slice(0, 200_000) : text;
  const isTemplate = head.includes('{{') && (/(^|[\\/])templates[\\/]/.test(path) || /\.tpl$/i.test(path) || templateAtStructure(head));
  const k8s = /^\s*json$/.test(languageId ?? '') || /\.json$/i.test(path)
    ? /"apiVersion"\s*:/.test(head) && /"kind"\s*:/.test(head)
    : /^\s*(?:-\s+)?apiVersion\s*:/m.test(head) && /^\s*(?:-\s+)?kind\s*:/m.test(head);
  if (k8s) return isTemplate ? 'helm-template' : 'kubernetes';
  if (languageId === 'dockercompose') return 'compose';
  return null;
}

/**
 * Whether a YAML text has a template action (`{{`) where YAML structure is, not inside a value: a line
 * that starts with one (`{{- if … }}`, `- {{ … }}`), or a key whose unquoted value starts with one
 * (`name: {{ .Release.Name }}`). Lines inside block scalars (`key: |`) and quoted values do not count,
 * so a ConfigMap holding Go templates or Grafana's `{{legend}}` placeholders is plain YAML.
 */
export function templateAtStructure(text: string): boolean {
  let blockIndent = -1;
  let pos = 0;
  while (pos < text.length) {
    let nl = text.indexOf('\n', pos);
    if (nl < 0) nl = text.length;
    const line = text.slice(pos, nl);
    pos = nl + 1;
    const indent = line.length - line.trimStart().length;
    const body = line.trim();
    if (blockIndent >= 0) {
      if (body === '' || indent > blockIndent) continue;
      blockIndent = -1;
    }
    if (body === '' || body.startsWith('#')) continue;
    if (/^(?:-\s+)?\{\{/.test(body) || /^(?:-\s+)?[^\s'"{][^:]*:\s+\{\{/.test(body)) return true;
    // A block scalar starts: the more indented lines below belong to it.
    if (/(?:^|:\s|^-\s)\s*[|>][-+0-9]*\s*(?:#.*)?$/.test(body)) blockIndent = indent;
  }
  return false;
}

const BY_LANGUAGE = new Map<string, FileKind | 'yaml' | 'json'>();
for (const k of FILE_KINDS) for (const l of k.languages) BY_LANGUAGE.set(l, k.kind);
const PATH_ONLY = new Set(FILE_KINDS.filter((k) => k.pathOnly).map((k) => k.kind));

/**
 * The documents the client hands to the server: every language of the registry (path-only ones with
 * their globs) and the kinds editors have no language for by their globs, any URI scheme.
 */
export const DOCUMENT_SELECTOR: ({ language: string; pattern?: string } | { pattern: string })[] = FILE_KINDS.flatMap((k) => [
  ...k.languages.map((language) => (k.pathOnly ? { language, pattern: union(k.globs) } : { language })),
  ...(k.byPattern ? [{ pattern: union(k.globs) }] : []),
]);

/** package.json's activation events, as the registry implies them (checked by test/unit/registries.test.ts). */
export function activationEvents(): string[] {
  return [
    ...FILE_KINDS.filter((k) => k.activates).map((k) => `workspaceContains:${union(k.globs)}`),
    ...[...new Set(FILE_KINDS.flatMap((k) => k.languages))].map((l) => `onLanguage:${l}`),
  ];
}

/** The kind of a document: its language id when that names a kind, else its path, else its content. */
export function detectKind(path: string, text: string, languageId?: string): FileKind | null {
  const byLanguage = languageId ? BY_LANGUAGE.get(languageId) : undefined;
  const generic = byLanguage === 'yaml' || byLanguage === 'json';
  // A language id that names one kind decides, unless the kind goes by path only.
  if (byLanguage && !generic && !PATH_ONLY.has(byLanguage)) return byLanguage;
  const k = kindFromPath(path);
  if (k === 'yaml' || k === 'json' || (k === null && generic)) return kindFromContent(path, text, languageId);
  return k;
}
