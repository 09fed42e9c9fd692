import type { Document } from 'yaml';
import type { SiteCollector } from './sites';
import { mapGet, isMap, seqItems, scalar, type YNode } from './yamlDocuments';
import { imageScalar } from './yamlSites';
import { valuesTreeImages } from './helm';

/**
 * Objects of container tools that are written like Kubernetes objects (apiVersion and kind) and keep
 * images outside pod specs: kind cluster configs, Skaffold configs, Argo CD Applications and Flux
 * HelmReleases. Called for every object the Kubernetes extractor reads (List items included).
 */
export function extractToolConfig(c: SiteCollector, doc: Document.Parsed, node: YNode, apiVersion: string, kind: string): void {
  const group = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
  if (kind === 'Cluster' && group === 'kind.x-k8s.io') {
    // https://kind.sigs.k8s.io/docs/user/configuration/#nodes: each node may pin its node image.
    seqItems(mapGet(node, 'nodes')).forEach((n, i) => imageScalar(c, mapGet(n, 'image'), doc, `nodes[${i}].image`));
  } else if (kind === 'Config' && group === 'skaffold') {
    // https://skaffold.dev/docs/references/yaml/: build.artifacts[].image, also in profiles.
    skaffoldBuild(c, doc, mapGet(node, 'build'), 'build');
    seqItems(mapGet(node, 'profiles')).forEach((p, i) => skaffoldBuild(c, doc, mapGet(p, 'build'), `profiles[${i}].build`));
  } else if (kind === 'Application' && group === 'argoproj.io') {
    const spec = mapGet(node, 'spec');
    argoSource(c, doc, mapGet(spec, 'source'), 'spec.source');
    seqItems(mapGet(spec, 'sources')).forEach((s, i) => argoSource(c, doc, s, `spec.sources[${i}]`));
  } else if (kind === 'HelmRelease' && group === 'helm.toolkit.fluxcd.io') {
    const values = mapGet(mapGet(node, 'spec'), 'values');
    if (isMap(values)) valuesTreeImages(c, doc, values, 'spec.values');
  }
}

function skaffoldBuild(c: SiteCollector, doc: Document.Parsed, build: YNode, where: string): void {
  seqItems(mapGet(build, 'artifacts')).forEach((a, i) => imageScalar(c, mapGet(a, 'image'), doc, `${where}.artifacts[${i}].image`));
}

/**
 * An Argo CD source (https://argo-cd.readthedocs.io/en/stable/user-guide/kustomize/ and .../helm/):
 * kustomize.images entries (`[name=]image:tag`), helm.valuesObject trees, and helm.parameters whose
 * name is an image (`image`, `…image`) or a repository with a sibling tag (`image.repository` + `image.tag`).
 */
function argoSource(c: SiteCollector, doc: Document.Parsed, source: YNode, where: string): void {
  if (!isMap(source)) return;
  seqItems(mapGet(mapGet(source, 'kustomize'), 'images')).forEach((item, i) => {
    const s = scalar(item, doc);
    if (!s) return;
    const written = c.text.slice(s.start, s.end);
    const eq = written.indexOf('=');
    if (eq < 0) imageScalar(c, item, doc, `${where}.kustomize.images[${i}]`);
    else if (written.length === s.value.length || s.value === written.slice(1, -1)) {
      const offset = written.length === s.value.length ? 0 : 1;
      const at = s.start + offset + s.value.indexOf('=') + 1;
      const image = s.value.slice(s.value.indexOf('=') + 1);
      if (image && !image.includes('$') && !image.includes('{{')) c.image(image, at, at + image.length, `${where}.kustomize.images[${i}]`);
    }
  });
  const helm = mapGet(source, 'helm');
  const valuesObject = mapGet(helm, 'valuesObject');
  if (isMap(valuesObject)) valuesTreeImages(c, doc, valuesObject, `${where}.helm.valuesObject`);
  const params = new Map<string, YNode>();
  for (const p of seqItems(mapGet(helm, 'parameters'))) {
    const name = scalar(mapGet(p, 'name'), doc)?.value;
    if (name) params.set(name, mapGet(p, 'value'));
  }
  for (const [name, value] of params) {
    const context = `${where}.helm.parameters[${name}]`;
    if (/(^|\.)image$|[a-z0-9]Image$/.test(name)) imageScalar(c, value, doc, context);
    else if (/(^|\.)repository$/.test(name)) {
      const repo = scalar(value, doc);
      const tag = scalar(params.get(name.replace(/repository$/, 'tag')) as YNode, doc);
      if (!repo || repo.value.includes('{{') || repo.value.includes('$')) continue;
      const text = tag && !tag.value.includes('{{') && !tag.value.includes('$') ? `${repo.value}:${tag.value}` : repo.value;
      const parts = { repository: { value: repo.value, start: repo.start, end: repo.end }, ...(text !== repo.value ? { tag: { value: tag!.value, start: tag!.start, end: tag!.end } } : {}) };
      c.imageParts(text, repo.start, repo.end, context, parts);
    }
  }
}
