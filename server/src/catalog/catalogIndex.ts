import type { CatalogData, CatalogSettings, Entry, EolCycle, EolProduct, ImageFact, KubernetesApi, Layer, Role } from './types';
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

/** Docker Hub namespaces that hold one architecture's builds of the official images (arm64v8/alpine). */
const ARCH_NAMESPACES = new Set(['amd64', 'arm32v5', 'arm32v6', 'arm32v7', 'arm64v8', 'i386', 'mips64le', 'ppc64le', 'riscv64', 's390x', 'windows-amd64']);
/** Registries that serve the official images under another name: Amazon ECR Public's and Google's mirrors of Docker Hub's library. */
const MIRRORS = [/^public\.ecr\.aws\/docker\/library\/([^/]+)$/, /^mirror\.gcr\.io\/library\/([^/]+)$/, /^mirror\.gcr\.io\/([^/]+)$/];

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

/** The tags of one group of catalog/imported/official-images.yaml (the format is described at OfficialImage). */
export function decodeTagGroup(group: string): string[] {
  const out: string[] = [];
  for (const part of group.split('; ')) {
    const bar = part.indexOf('|');
    if (bar < 0) { out.push(...part.split(' ').filter(Boolean)); continue; }
    const versions = part.slice(0, bar).split(' ').filter(Boolean);
    const suffixes = part.slice(bar + 1).split(' ').filter(Boolean);
    for (const v of versions) for (const x of suffixes) {
      if (v === '-' && x === '-') continue;
      out.push(v === '-' ? x : x === '-' ? v : `${v}-${x}`);
    }
  }
  return out;
}

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
  private readonly actionMap = new Map<string, Entry>();
  private readonly apiGroupMap = new Map<string, Entry>();
  private readonly composeMap = new Map<string, Entry>();
  private readonly k8sFieldMap = new Map<string, Entry>();
  private readonly factExact = new Map<string, ImageFact>();
  private readonly factWildcards: Wildcard<ImageFact>[] = [];
  private readonly apis = new Map<string, KubernetesApi>();
  private readonly eolByImage = new Map<string, { product: EolProduct; pattern: RegExp | null }>();
  private readonly predecessorsMap = new Map<string, Entry[]>();
  /** Release cycles of operating systems by the word an image tag names them with (alpine3.17, bookworm, jammy, oraclelinux8). */
  private readonly osWords = new Map<string, EolVerdict>();
  private readonly osPatterns: { re: RegExp; product: EolProduct }[] = [];
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
      for (const a of e.actions ?? []) this.actionMap.set(a.toLowerCase(), e);
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
    // Operating systems (products whose entry is an OS): the words that name their cycles in other images' tags.
    for (const p of data.eolProducts) {
      if (!p.entry || this.byId.get(p.entry)?.kind !== 'os') continue;
      for (const c of p.cycles) if (c.codename && /^[a-z]+$/i.test(c.codename)) this.osWords.set(c.codename.toLowerCase(), { product: p, cycle: c });
      for (const [word, cycle] of Object.entries(p.tagAliases ?? {})) {
        const c = p.cycles.find((x) => x.cycle === cycle);
        if (c && /^[a-z]+$/.test(word)) this.osWords.set(word, { product: p, cycle: c });
      }
      if (p.osTag) { try { this.osPatterns.push({ re: new RegExp(p.osTag), product: p }); } catch { /* a bad pattern in an organisation catalog */ } }
      for (const img of p.images) if (/^[a-z]+$/.test(img)) this.osPatterns.push({ re: new RegExp(`^${img}-?(\\d+(?:\\.\\d+)?)$`), product: p });
    }
  }

  /**
   * The repository an image key stands for in the catalog: an architecture's build of an official
   * image (arm64v8/alpine) and a mirror of the official library (public.ecr.aws/docker/library/nginx,
   * mirror.gcr.io/library/nginx) are the official image itself.
   */
  canonicalImageKey(key: string): string {
    const slash = key.indexOf('/');
    if (slash > 0 && key.indexOf('/', slash + 1) < 0 && ARCH_NAMESPACES.has(key.slice(0, slash))) {
      const name = key.slice(slash + 1);
      if (this.isOfficialImage(name)) return name;
    }
    for (const re of MIRRORS) {
      const m = re.exec(key);
      if (m && this.isOfficialImage(m[1])) return m[1];
    }
    return key;
  }

  /** Every tag an official image publishes today, by library entry (one build each), or undefined for other images. */
  officialTags(key: string): string[][] | undefined {
    return this.data.officialImages?.[this.canonicalImageKey(key)]?.groups.map(decodeTagGroup);
  }

  /** An official image, current (in the library) or former (java, centos: their facts say what happened). */
  private isOfficialImage(name: string): boolean {
    return !!this.data.officialImages?.[name] || this.factExact.has(name) || this.eolByImage.has(name) || this.imageExact.has(name);
  }

  entry(id: string): Entry | undefined { return this.byId.get(id); }
  role(id: string): Role | undefined { return this.data.roles?.find((r) => r.id === id); }
  byNameOrAlias(name: string): Entry | undefined { return this.byId.get(name) ?? this.byName.get(normalizeName(name)); }

  /** The entry an image repository key (nginx, quay.io/coreos/etcd) belongs to. */
  entryForImage(key: string): Entry | undefined {
    key = this.canonicalImageKey(key);
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
  /** The tool of a GitHub Action: its full path first (fluxcd/flux2/action), then its repository. */
  entryForAction(name: string): Entry | undefined {
    return this.actionMap.get(name) ?? this.actionMap.get(name.split('/').slice(0, 2).join('/'));
  }
  entryForApiGroup(group: string): Entry | undefined { return this.apiGroupMap.get(group); }
  entryForComposeValue(key: string, value: string): Entry | undefined { return this.composeMap.get(`${key}=${value.toLowerCase()}`); }
  entryForK8sField(field: string, value: string): Entry | undefined { return this.k8sFieldMap.get(`${field}=${value.toLowerCase()}`); }
  imageFact(key: string): ImageFact | undefined {
    key = this.canonicalImageKey(key);
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

  /**
   * The operating-system release a tag's variant is built on (python:3.11-alpine3.17 → Alpine 3.17,
   * golang:1.12-buster → Debian 10, bitnami/redis:7.2.4-debian-12-r0 → Debian 12), or that the
   * repository's name says (gcr.io/distroless/static-debian11 → Debian 11), for images other than
   * that OS's own.
   */
  osCycle(key: string, tag: string | null): EolVerdict | undefined {
    if (!tag) return undefined;
    const own = this.eolByImage.get(this.canonicalImageKey(key))?.product;
    // The OS may also be in the repository's name (gcr.io/distroless/static-debian12).
    const name = key.slice(key.lastIndexOf('/') + 1);
    const words = [...tag.toLowerCase().split(/[-_]/), ...(name.includes('-') ? ['', ...name.split('-')] : [])];
    for (let i = 0; i < words.length; i++) {
      for (const w of i + 1 < words.length ? [words[i], `${words[i]}-${words[i + 1]}`] : [words[i]]) {
        const v = this.osWord(w, own);
        if (v) return v;
      }
    }
    return undefined;
  }

  /** The OS release one word of a tag names exactly (alpine3.17, alpine-3.24, bookworm, oraclelinux8), other than `own`'s. */
  osWord(word: string, own?: EolProduct): EolVerdict | undefined {
    const w = word.toLowerCase();
    const named = this.osWords.get(w);
    if (named && named.product !== own) return named;
    for (const { re, product } of this.osPatterns) {
      if (product === own) continue;
      const m = re.exec(w);
      const cycle = m ? product.cycles.find((c) => c.cycle === m[1]) : undefined;
      if (cycle) return { product, cycle };
    }
    return undefined;
  }

  private readonly eolCycleMemo = new Map<string, EolVerdict | null>();
  /** The release cycle an image tag belongs to, when the catalog tracks the image's cycles (memoised: an edit asks again for every image of the file). */
  eolCycle(key: string, tag: string | null): EolVerdict | undefined {
    if (!tag) return undefined;
    const memoKey = `${key}\0${tag}`;
    const memo = this.eolCycleMemo.get(memoKey);
    if (memo !== undefined) return memo ?? undefined;
    const verdict = this.eolCycleUncached(key, tag);
    if (this.eolCycleMemo.size >= 8192) this.eolCycleMemo.clear();
    this.eolCycleMemo.set(memoKey, verdict ?? null);
    return verdict;
  }

  private eolCycleUncached(key: string, tag: string): EolVerdict | undefined {
    const canonical = this.canonicalImageKey(key);
    const hit = this.eolByImage.get(canonical);
    if (!hit) return undefined;
    const direct = this.cycleOfTag(hit.product, hit.pattern, tag);
    if (direct) return direct;
    // A floating tag (redis:7, golang:1, mysql:8) names what the image publishes under it today: the
    // release of the fullest version tag of the same build in the official library.
    const pinned = this.fullestVersionTag(canonical, tag);
    return pinned ? this.cycleOfTag(hit.product, hit.pattern, pinned) : undefined;
  }

  private cycleOfTag(product: EolProduct, pattern: RegExp | null, tag: string): EolVerdict | undefined {
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

  private readonly fullestCache = new Map<string, Map<string, string>>();
  /** For a tag of an official image, the tag with the most version parts among the tags of the same build (7 → 7.4.2). */
  private fullestVersionTag(image: string, tag: string): string | undefined {
    let byTag = this.fullestCache.get(image);
    if (!byTag) {
      byTag = new Map();
      const version = (t: string) => /^v?\d+(?:\.\d+)*/.exec(t)?.[0];
      for (const tags of this.officialTags(image) ?? []) {
        let fullest: string | undefined;
        for (const t of tags) {
          const v = version(t);
          if (v && (!fullest || v.split('.').length > fullest.split('.').length)) fullest = v;
        }
        if (fullest) for (const t of tags) if (!byTag.has(t)) byTag.set(t, fullest);
      }
      this.fullestCache.set(image, byTag);
    }
    return byTag.get(tag);
  }
}
