/**
 * Image references, parsed by the grammar of github.com/distribution/reference:
 *
 *   reference := name [ ":" tag ] [ "@" digest ]
 *   name      := [ domain "/" ] path-component [ "/" path-component ]*
 *   domain    := host [ ":" port ]      (the first component, when it has a "." or ":" or is "localhost")
 *
 * and normalized the way Docker does it: no domain means docker.io, and a one-component
 * name on docker.io lives under library/.
 */

import { remembering } from '../common/memo';

export interface ImageReference {
  /** The text as written. */
  raw: string;
  /** Registry host, with port when given (docker.io for Docker Hub). */
  registry: string;
  /** Repository path on the registry, normalized (library/nginx on Docker Hub). */
  repository: string;
  tag: string | null;
  digest: string | null;
  /** The catalog's key for the repository: nginx, bitnami/redis, quay.io/coreos/etcd. */
  key: string;
}

const PARSED_LIMIT = 4096;
const DOMAIN_COMPONENT = /^(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])$/;
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}$/;
const PORT = /^[0-9]+$/;

function isDomain(first: string): boolean {
  if (first === 'localhost') return true;
  if (!first.includes('.') && !first.includes(':')) return first !== first.toLowerCase();
  const [host, port, ...rest] = first.split(':');
  if (rest.length || (port !== undefined && !PORT.test(port))) return false;
  if (host.startsWith('[')) return /^\[[0-9a-fA-F:.]+\]$/.test(host);
  return host.split('.').every((c) => DOMAIN_COMPONENT.test(c));
}

/**
 * Parses an image reference; returns null for text that is not one (variables, templates, junk).
 * A file names the same few images again and again: results are kept by text (frozen, as they are
 * shared), up to PARSED_LIMIT texts.
 */
export const parseImageReference: (raw: string) => Readonly<ImageReference> | null = remembering(PARSED_LIMIT, (raw: string) => {
  const ref = parse(raw);
  return ref && Object.freeze(ref);
});

function parse(raw: string): ImageReference | null {
  if (!raw || raw.length > 512 || /[\s${}"'`]/.test(raw)) return null;
  let rest = raw;
  let digest: string | null = null;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST.test(digest)) return null;
  }
  let tag: string | null = null;
  const lastSlash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  if (colon > lastSlash) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG.test(tag)) return null;
  }
  const parts = rest.split('/');
  let registry = 'docker.io';
  if (parts.length > 1 && isDomain(parts[0])) registry = parts.shift()!;
  if (!parts.length || !parts.every((p) => PATH_COMPONENT.test(p))) return null;
  if (registry === 'index.docker.io' || registry === 'registry-1.docker.io' || registry === 'registry.hub.docker.com') registry = 'docker.io';
  let repository = parts.join('/');
  if (registry === 'docker.io' && parts.length === 1) repository = `library/${repository}`;
  return { raw, registry, repository, tag, digest, key: repositoryKey(registry, repository) };
}

export function repositoryKey(registry: string, repository: string): string {
  if (registry === 'docker.io') return repository.startsWith('library/') ? repository.slice(8) : repository;
  return `${registry}/${repository}`;
}

/** Formats a reference in its shortest usual form. */
export function formatImageReference(key: string, tag: string | null, digest: string | null): string {
  return key + (tag ? `:${tag}` : '') + (digest ? `@${digest}` : '');
}

/** Compiles a catalog repository pattern (`registry.k8s.io/ingress-nginx/*`) into a matcher. */
export function patternMatcher(pattern: string): (key: string) => boolean {
  if (!pattern.includes('*')) return (key) => key === pattern;
  const re = new RegExp('^' + pattern.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('[a-z0-9._/-]+') + '$');
  return (key) => re.test(key);
}

/** The registry's web page for a repository, for the registries whose page URLs are known. */
export function registryPageUrl(ref: ImageReference): string | null {
  const { registry, repository } = ref;
  switch (registry) {
    case 'docker.io':
      return repository.startsWith('library/') ? `https://hub.docker.com/_/${repository.slice(8)}` : `https://hub.docker.com/r/${repository}`;
    case 'quay.io':
      return `https://quay.io/repository/${repository}`;
    case 'ghcr.io':
      return `https://ghcr.io/${repository}`;
    case 'mcr.microsoft.com':
      return `https://mcr.microsoft.com/en-us/artifact/mar/${repository}`;
    case 'registry.k8s.io':
      return `https://registry.k8s.io/v2/${repository}/tags/list`;
    case 'public.ecr.aws':
      return `https://gallery.ecr.aws/${repository}`;
    default:
      return null;
  }
}
