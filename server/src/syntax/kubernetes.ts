import type { Document } from 'yaml';
import type { SiteCollector } from './sites';
import { mapGet, isMap, isPair, isScalar, isSeq, seqItems, scalar, type YNode } from './yamlDocuments';
import { imageScalar, shellValue } from './yamlSites';
import type { SkipPredicate } from './fastYaml';
import { extractToolConfig } from './toolConfigs';

const CONTAINER_LISTS = ['containers', 'initContainers', 'ephemeralContainers'];
const NEEDS_SELECTOR = new Set(['Deployment', 'DaemonSet', 'ReplicaSet', 'StatefulSet']);
const MAX_DEPTH = 64;

/** Whether a parsed YAML document is a Kubernetes object (a map with apiVersion and kind). */
export function isKubernetesObject(doc: Document.Parsed): boolean {
  const root = doc.contents as YNode;
  return isMap(root) && !!scalar(mapGet(root, 'apiVersion')) && !!scalar(mapGet(root, 'kind'));
}

/**
 * Kubernetes objects: apiVersion/kind (for the API lifecycle and custom-resource groups), images,
 * commands and args of every container list in any pod spec (Pod, workload templates, CronJob job
 * templates, PodTemplate, custom resources that embed pod specs, List items), runtimeClassName,
 * schedulerName, ingress classes (field and annotation), StorageClass provisioners and PVC storage classes;
 * and the images of tool objects written the same way (toolConfigs.ts).
 */
export function extractKubernetes(c: SiteCollector, doc: Document.Parsed): void {
  object(c, doc, doc.contents as YNode, 0);
}

function object(c: SiteCollector, doc: Document.Parsed, node: YNode, depth: number): void {
  if (!isMap(node) || depth > 8) return;
  const apiVersion = scalar(mapGet(node, 'apiVersion'), doc);
  const kind = scalar(mapGet(node, 'kind'), doc);
  if (apiVersion && kind && !c.text.slice(apiVersion.start, apiVersion.end).includes('{{')) {
    const spec = mapGet(node, 'spec');
    const note = NEEDS_SELECTOR.has(kind.value) && !mapGet(spec, 'selector') ? 'apps/v1 also requires spec.selector to match the pod template labels' : undefined;
    c.api(apiVersion.value, kind.value, apiVersion.start, apiVersion.end, note);
    extractToolConfig(c, doc, node, apiVersion.value, kind.value);
  }
  if (kind?.value === 'List' || kind?.value.endsWith('List')) {
    for (const item of seqItems(mapGet(node, 'items'))) object(c, doc, item, depth + 1);
  }
  const annotations = mapGet(mapGet(node, 'metadata'), 'annotations');
  const ingressAnnotation = scalar(mapGet(annotations, 'kubernetes.io/ingress.class'), doc);
  if (ingressAnnotation) field(c, ingressAnnotation, 'kubernetes.io/ingress.class', 'metadata.annotations');
  if (kind?.value === 'StorageClass') {
    const p = scalar(mapGet(node, 'provisioner'), doc);
    if (p) field(c, p, 'provisioner', 'provisioner');
  }
  walk(c, doc, mapGet(node, 'spec'), 'spec', 0);
  walk(c, doc, mapGet(node, 'template'), 'template', 0);
}

function field(c: SiteCollector, s: { value: string; start: number; end: number }, name: string, context: string): void {
  c.setting(s.value, s.start, s.end, context, [`k8s:${name}`]);
}

const SKIPPED = new Set(['metadata', 'labels', 'annotations', 'env', 'resources', 'openAPIV3Schema']);

const TOP_LEVEL_READ = new Set(['apiVersion', 'kind', 'items', 'metadata', 'provisioner', 'spec', 'template', 'nodes', 'build', 'profiles']);
// A CRD's schema (openAPIV3Schema, in v1 and v1beta1 CRDs) is most of a CRD's bytes: block scalars, CEL rules.
const NEVER_READ = new Set(['labels', 'env', 'resources', 'openAPIV3Schema']);
/**
 * Keys whose values extractKubernetes never reads (the parser may pass over them): top-level keys
 * other than those object() reads (data, rules, status…), and labels, env, resources and a CRD's
 * openAPIV3Schema anywhere.
 */
export const kubernetesSkip: SkipPredicate = (path, key) => (path.length === 0 ? !TOP_LEVEL_READ.has(key) : NEVER_READ.has(key));
const TOOL_FIELDS = new Set(['runtimeClassName', 'ingressClassName', 'schedulerName', 'storageClassName']);
const CONTAINER_LIST_SET = new Set(CONTAINER_LISTS);

/**
 * Walks a spec looking for pod specs (maps with container lists) and the fields that name tools.
 * Runs over every node of every document: it reads the map items directly and builds a path only
 * where it goes deeper.
 */
function walk(c: SiteCollector, doc: Document.Parsed, node: YNode, path: string, depth: number): void {
  if (depth > MAX_DEPTH) return;
  if (isSeq(node)) {
    const items = node.items as YNode[];
    for (let i = 0; i < items.length; i++) {
      const item = items[i];
      if (isMap(item) || isSeq(item)) walk(c, doc, item, `${path}[${i}]`, depth + 1);
    }
    return;
  }
  if (!isMap(node)) return;
  for (const p of node.items) {
    if (!isPair(p) || !isScalar(p.key)) continue;
    const kv = p.key.value;
    const key = typeof kv === 'string' ? kv : String(kv);
    const value = p.value as YNode;
    if (CONTAINER_LIST_SET.has(key) && isSeq(value)) {
      seqItems(value).forEach((container, i) => {
        const where = `${path}.${key}[${i}]`;
        imageScalar(c, mapGet(container, 'image'), doc, `${where}.image`);
        shellValue(c, mapGet(container, 'command'), doc, `${where}.command`);
        shellValue(c, mapGet(container, 'args'), doc, `${where}.args`);
      });
      continue;
    }
    if (TOOL_FIELDS.has(key)) {
      const s = scalar(value, doc);
      if (s) field(c, s, key, `${path}.${key}`);
      continue;
    }
    if (SKIPPED.has(key)) continue;
    if (isMap(value) || isSeq(value)) walk(c, doc, value, `${path}.${key}`, depth + 1);
  }
}
