import type { CatalogData, CatalogSettings, Entry, EolCycle, EolProduct, ImageFact, KubernetesApi, Layer } from './types';
import { patternMatcher } from '../syntax/imageReference';

export const normalizeName = (s: string): string => s.toLowerCase().replace(/[\s_]+/g, ' ').trim();

interface Wildcard<T> {
  test: (key: string) => boolean;
  value: T;
  specificity: number;
}

export interface EolVerdict {
  product: EolProduct;
  cycle: EolCycle;
}

function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d) return d;
  }
  return 0;
}
export { compareVersions };

/**
 * The catalog, indexed for the lookups the analysis makes on every reference.
 * Built once per catalog (and again when organisation catalogs change); all lookups are O(1)
 * or a scan of the few wildcard patterns.
 */
export class CatalogIndex {
  readonly entries: Entry[];
  readonly layers: Layer[];
  readonly settings: CatalogSettings;
  readonly newestKubernetesVersion: string;
  private readonly byId = new Map<string, Entry>();
  private readonly byName = new Map<string, Entry>();
  private readonly imageExact = new Map<string, Entry>();
  private readonly imageWildcards: Wildcard<Entry>[] = [];
  private readonly commandMap = new Map<string, Entry>();
  private readonly packageMap = new Map<string, Entry>();
  private readonly downloadPrefixes: [string, Entry][] = [];
  private readonly apiGroupMap = new Map<string, Entry>();
  private readonly composeMap = new Map<string, Entry>();
  private readonly k8sFieldMap = new Map<string, Entry>();
  private readonly factExact = new Map<string, ImageFact>();
  private readonly factWildcards: Wildcard<ImageFact>[] = [];
  private readonly apis = new Map<string, KubernetesApi>();
  private readonly eolByImage = new Map<string, { product: EolProduct; pattern: RegExp | null }>();
  private readonly predecessorsMap = new Map<string, Entry[]>();
  private readonly partsMap = new Map<string, Entry[]>();
  readonly data: CatalogData;

  constructor(data: CatalogData) {
    this.data = data;
    this.entries = data.entries;
    this.layers = data.layers;
    this.settings = data.settings ?? {};
    for (const e of data.entries) this.byId.set(e.id, e);
    for (const e of data.entries) {
      for (const n of [e.name, ...(e.aliases ?? [])]) if (!this.byName.has(normalizeName(n))) this.byName.set(normalizeName(n), e);
      for (const p of e.images ?? []) {
        if (p.includes('*')) this.imageWildcards.push({ test: patternMatcher(p), value: e, specificity: p.length });
        else this.imageExact.set(p, e);
      }
      for (const c of e.commands ?? []) this.commandMap.set(c, e);
      for (const p of e.packages ?? []) this.packageMap.set(p, e);
      for (const d of e.downloads ?? []) this.downloadPrefixes.push([d, e]);
      for (const g of e.apiGroups ?? []) this.apiGroupMap.set(g, e);
      for (const k of e.composeKeys ?? []) this.composeMap.set(`${k.key}=${k.value.toLowerCase()}`, e);
      for (const f of e.k8sFields ?? []) this.k8sFieldMap.set(`${f.field}=${f.value.toLowerCase()}`, e);
      for (const s of e.successors ?? []) {
        const list = this.predecessorsMap.get(s.id) ?? [];
        list.push(e);
        this.predecessorsMap.set(s.id, list);
      }
      if (e.partOf) {
        const list = this.partsMap.get(e.partOf) ?? [];
        list.push(e);
        this.partsMap.set(e.partOf, list);
      }
    }
    this.imageWildcards.sort((a, b) => b.specificity - a.specificity);
    for (const f of data.images) {
      if (f.match.endsWith('/*')) this.factWildcards.push({ test: patternMatcher(f.match), value: f, specificity: f.match.length + (f.origin ? 0.5 : 0) });
      else this.factExact.set(f.match, f);
    }
    this.factWildcards.sort((a, b) => b.specificity - a.specificity);
    let newest = '1.0';
    for (const a of data.kubernetesApis) {
      for (const k of a.kinds) this.apis.set(`${a.apiVersion}/${k}`, a);
      for (const v of [a.deprecatedIn, a.removedIn, a.replacementAvailableIn]) if (v && compareVersions(v, newest) > 0) newest = v;
    }
    // The newest Kubernetes release when the catalog lists them; rows may name later (planned) removals.
    const releases = (data.kubernetesReleases ?? []).map((r) => r.version);
    if (releases.length) newest = releases.reduce((a, b) => (compareVersions(b, a) > 0 ? b : a));
    this.newestKubernetesVersion = newest;
    for (const p of data.eolProducts) {
      let pattern: RegExp | null = null;
      if (p.tagPattern) {
        try { pattern = new RegExp(p.tagPattern); } catch { pattern = null; }
      }
      for (const img of p.images) this.eolByImage.set(img, { product: p, pattern });
    }
  }

  entry(id: string): Entry | undefined { return this.byId.get(id); }
  byNameOrAlias(name: string): Entry | undefined { return this.byId.get(name) ?? this.byName.get(normalizeName(name)); }

  /** The entry an image repository key (nginx, quay.io/coreos/etcd) belongs to. */
  entryForImage(key: string): Entry | undefined {
    const exact = this.imageExact.get(key);
    if (exact) return exact;
    for (const w of this.imageWildcards) if (w.test(key)) return w.value;
    return undefined;
  }
  entryForCommand(cmd: string): Entry | undefined { return this.commandMap.get(cmd); }
  entryForPackage(manager: string, name: string): Entry | undefined { return this.packageMap.get(`${manager}:${name}`); }
  entryForDownload(url: string): Entry | undefined {
    for (const [prefix, e] of this.downloadPrefixes) if (url.startsWith(prefix)) return e;
    return undefined;
  }
  entryForApiGroup(group: string): Entry | undefined { return this.apiGroupMap.get(group); }
  entryForComposeValue(key: string, value: string): Entry | undefined { return this.composeMap.get(`${key}=${value.toLowerCase()}`); }
  entryForK8sField(field: string, value: string): Entry | undefined { return this.k8sFieldMap.get(`${field}=${value.toLowerCase()}`); }
  imageFact(key: string): ImageFact | undefined {
    const exact = this.factExact.get(key);
    if (exact) return exact;
    for (const w of this.factWildcards) if (w.test(key)) return w.value;
    return undefined;
  }
  kubernetesApi(apiVersion: string, kind: string): KubernetesApi | undefined { return this.apis.get(`${apiVersion}/${kind}`); }
  predecessors(id: string): Entry[] { return this.predecessorsMap.get(id) ?? []; }
  parts(id: string): Entry[] { return this.partsMap.get(id) ?? []; }
  categoryName(id: string): string {
    for (const l of this.layers) for (const c of l.categories) if (c.id === id) return c.name;
    return id;
  }
  layerName(id: string): string { return this.layers.find((l) => l.id === id)?.name ?? id; }

  /** The release cycle an image tag belongs to, when the catalog tracks the image's cycles. */
  eolCycle(key: string, tag: string | null): EolVerdict | undefined {
    if (!tag) return undefined;
    const hit = this.eolByImage.get(key);
    if (!hit) return undefined;
    const { product, pattern } = hit;
    const find = (c: string) => product.cycles.find((x) => x.cycle === c);
    if (product.tagAliases) {
      for (const word of tag.split(/[-_]/)) {
        const c = product.tagAliases[word];
        if (c && find(c)) return { product, cycle: find(c)! };
      }
    }
    for (const cyc of product.cycles) if (cyc.codename && tag.split(/[-_]/).includes(cyc.codename.toLowerCase())) return { product, cycle: cyc };
    if (pattern) {
      const m = pattern.exec(tag);
      const c = m ? (m.groups?.cycle ?? m[1]) : undefined;
      const cyc = c !== undefined ? find(c) : undefined;
      return cyc ? { product, cycle: cyc } : undefined;
    }
    const m = /^v?(\d+(?:\.\d+)*)/.exec(tag);
    if (!m) return undefined;
    const parts = m[1].split('.');
    let best: EolCycle | undefined;
    let bestLen = 0;
    for (const cyc of product.cycles) {
      const cp = cyc.cycle.split('.');
      if (cp.length > parts.length || cp.length <= bestLen) continue;
      if (cp.every((p, i) => Number(p) === Number(parts[i]))) { best = cyc; bestLen = cp.length; }
    }
    return best ? { product, cycle: best } : undefined;
  }
}
