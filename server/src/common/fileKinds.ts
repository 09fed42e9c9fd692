import type { FileKind } from './model';

const DOCKERFILE = /^(?:(?:Docker|Container)file(?:\..+)?|.+\.(?:Dockerfile|dockerfile|Containerfile|containerfile))$/;
const COMPOSE = /^(?:docker-)?compose(?:\.[^/]+)?\.ya?ml$/;
const QUADLET = /\.(?:container|image|build|pod|kube|volume|network)$/;

export function baseName(path: string): string {
  return path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
}

/** What kind of file a path is, from its name alone; YAML/JSON files may need their content (see kindFromContent). */
export function kindFromPath(path: string): FileKind | 'yaml' | 'json' | null {
  const p = path.replace(/\\/g, '/');
  const name = baseName(p);
  if (DOCKERFILE.test(name)) return 'dockerfile';
  if (COMPOSE.test(name)) return 'compose';
  if (/^kustomization\.ya?ml$/.test(name)) return 'kustomize';
  if (/(^|\/)\.devcontainer(\/[^/]+)?\/devcontainer\.json$|(^|\/)\.devcontainer\.json$/.test(p)) return 'devcontainer';
  if (/(^|\/)\.github\/workflows\/[^/]+\.ya?ml$/.test(p)) return 'github-actions';
  if (QUADLET.test(name)) return 'quadlet';
  if (/\.ya?ml$/.test(name) || /\.tpl$/.test(name)) return 'yaml';
  if (/\.json$/.test(name)) return 'json';
  return null;
}

/** Decides what a YAML or JSON file holds: a Kubernetes manifest (or Helm template of one), or nothing we analyse. */
export function kindFromContent(path: string, text: string, languageId?: string): FileKind | null {
  const head = text.length > 200_000 ? text.slice(0, 200_000) : text;
  const isTemplate = head.includes('{{') && (/(^|[\\/])templates[\\/]/.test(path) || /\{\{-?\s*(?:include|define|if|range|toYaml|\.Values|\.Release|template)\b/.test(head));
  const k8s = /^\s*json$/.test(languageId ?? '') || /\.json$/i.test(path)
    ? /"apiVersion"\s*:/.test(head) && /"kind"\s*:/.test(head)
    : /^\s*(?:-\s+)?apiVersion\s*:/m.test(head) && /^\s*(?:-\s+)?kind\s*:/m.test(head);
  if (k8s) return isTemplate ? 'helm-template' : 'kubernetes';
  if (languageId === 'dockercompose') return 'compose';
  return null;
}

export function detectKind(path: string, text: string, languageId?: string): FileKind | null {
  if (languageId === 'dockerfile') return 'dockerfile';
  if (languageId === 'dockercompose') return 'compose';
  const k = kindFromPath(path);
  if (k === 'yaml' || k === 'json') return kindFromContent(path, text, languageId);
  if (k === null && (languageId === 'yaml' || languageId === 'json' || languageId === 'helm')) return kindFromContent(path, text, languageId);
  return k;
}
