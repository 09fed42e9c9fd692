import { compareVersions, type CatalogIndex } from '../catalog/catalogIndex';
import type { ImageSite, ApiSite, ImagePart } from '../syntax/sites';
import { SiteCollector } from '../syntax/sites';
import { parseImageReference } from '../syntax/imageReference';
import { composeImage, defines, ifChains, literalBranches, parseValues, templateActions, valuesAt, valuesImages } from '../syntax/helm';
import { isMap, scalar, splitYamlDocuments } from '../syntax/yamlDocuments';
import { LineIndex } from '../common/lineIndex';
import { rewriteImage, apiFindings } from './rules';
import { applyIgnoresAndSeverities } from './ignoreComments';
import type { AnalysisOptions, FileAnalysis, Finding, Position, Reference, TextEdit } from './model';
import type { Document } from 'yaml';

/** How an image a template builds from its chart's values names its context: `image (values.yaml: image.repository, image.tag)`. */
const VALUES_IMAGE_CONTEXT = 'image (values';

/**
 * An image reference the catalog does not know (for `scan --unknown` and the inventory): no entry,
 * and no image fact either (java, a retired official image, has a fact and a finding, not an entry).
 * Images a template builds from values are not counted: the values file's own reference is.
 */
export const isUnknownImage = (r: Reference, catalog: CatalogIndex): boolean =>
  r.kind === 'image' && !r.entry && !r.context?.startsWith(VALUES_IMAGE_CONTEXT) && !(r.key && catalog.imageFact(r.key));

/** The files of the chart a template belongs to, as texts (the adapters read them; the analysis stays pure). */
export interface ChartContext {
  /** The chart's values.yaml. */
  values?: string;
  /** Its Chart.yaml. */
  chart?: string;
  /** Its templates' helper files (_helpers.tpl…), concatenated. */
  helpers?: string;
}

// ---- Fixes on image maps -------------------------------------------------------------------------

/**
 * A mechanical image rewrite (deprecated-image) of an image written in parts (a values map) as edits
 * of the parts: the registry, the repository, the tag. None when a part that must change is not
 * written in the map (the global registry, a tag that defaults to the chart's appVersion).
 */
export function addPartEdits(catalog: CatalogIndex, sites: ImageSite[], findings: Finding[]): void {
  const byStart = new Map<string, ImageSite>();
  for (const s of sites) if (s.parts) byStart.set(`${s.range.start.line}:${s.range.start.character}`, s);
  if (!byStart.size) return;
  for (const f of findings) {
    if (f.rule !== 'deprecated-image' || !f.replacements?.length) continue;
    const site = byStart.get(`${f.range.start.line}:${f.range.start.character}`);
    const fact = site && catalog.imageFact(site.ref.key);
    if (!site || !fact || catalog.canonicalImageKey(site.ref.key) !== site.ref.key) continue;
    (fact.replacements ?? []).forEach((repl, i) => {
      const r = f.replacements![i];
      if (!r || r.edits) return;
      const { text, mechanical } = rewriteImage(site.ref, fact, repl);
      if (!mechanical) return;
      const edits = partEdits(site, text);
      if (edits?.length) f.replacements![i] = { ...r, edits };
    });
  }
}

function partEdits(site: ImageSite, text: string): TextEdit[] | null {
  const p = site.parts!;
  const next = parseImageReference(text);
  if (!next) return null;
  const range = (s: ImagePart) => s.range!;
  const edits: TextEdit[] = [];
  const old = site.ref;
  if (p.registry) {
    if (next.registry !== old.registry) {
      if (p.registryFromGlobal) return null;
      edits.push({ range: range(p.registry), newText: next.registry });
    }
    const repo = next.registry === 'docker.io' && !p.repository.value.startsWith('library/') ? next.repository.replace(/^library\//, '') : next.repository;
    if (repo !== p.repository.value) edits.push({ range: range(p.repository), newText: repo });
  } else if (next.key !== old.key) {
    edits.push({ range: range(p.repository), newText: next.key });
  }
  if ((next.tag ?? null) !== (p.tag?.value ?? null)) {
    if (!p.tag || !next.tag) return null;
    edits.push({ range: range(p.tag), newText: next.tag });
  }
  if ((next.digest ?? null) !== (p.digest?.value ?? null)) {
    if (!p.digest) return null;
    edits.push({ range: range(p.digest), newText: next.digest ?? '' });
  }
  return edits;
}

// ---- Guards ----------------------------------------------------------------------------------------

type Tri = boolean | undefined;

/** Groups whose GA versions every supported Kubernetes release serves. */
const BUILT_IN_GROUPS = new Set(['', 'apps', 'batch', 'autoscaling', 'policy', 'rbac.authorization.k8s.io', 'networking.k8s.io', 'storage.k8s.io', 'scheduling.k8s.io',
  'coordination.k8s.io', 'node.k8s.io', 'discovery.k8s.io', 'admissionregistration.k8s.io', 'apiextensions.k8s.io', 'certificates.k8s.io', 'apiregistration.k8s.io', 'events.k8s.io']);

/** Whether the target Kubernetes version serves an API (`group/version` or `group/version/Kind`), as far as the catalog says. */
export function serves(catalog: CatalogIndex, api: string, target: string): Tri {
  const parts = api.split('/');
  let gv = api;
  let kind: string | undefined;
  if (parts.length === 3 || (parts.length === 2 && /^[A-Z]/.test(parts[1]))) { kind = parts.pop(); gv = parts.join('/'); }
  const rows = catalog.data.kubernetesApis.filter((r) => !r.addon && r.apiVersion === gv && (!kind || r.kinds.includes(kind)));
  if (rows.length) {
    // A group version some of whose kinds are gone and others served (often as betas off by default): unknown.
    const served = rows.map((r) => !r.removedIn || compareVersions(r.removedIn, target) > 0);
    return served.every(Boolean) ? true : served.some(Boolean) ? undefined : false;
  }
  const repl = catalog.data.kubernetesApis.filter((r) => !r.addon && r.replacement === gv && (!kind || r.kinds.includes(kind)) && r.replacementAvailableIn);
  if (repl.length) return repl.some((r) => compareVersions(r.replacementAvailableIn!, target) <= 0);
  const slash = gv.lastIndexOf('/');
  const group = slash < 0 ? '' : gv.slice(0, slash);
  const version = gv.slice(slash + 1);
  if (BUILT_IN_GROUPS.has(group) && /^v\d+$/.test(version)) return true;
  return undefined;
}

/** Whether a Masterminds semver constraint (`>=1.19-0`, `<1.25-0`, `>=1.14-0, <1.19-0`, `^1.2 || ~1.3`) holds for a version. */
export function semverSatisfies(constraint: string, version: string): Tri {
  const v = version.replace(/^v/, '').replace(/[-+].*$/, '');
  const alternatives = constraint.split('||');
  let any: Tri = false;
  for (const alt of alternatives) {
    const terms = alt.trim().split(/\s*,\s*|\s+(?=[<>=!~^])/).filter(Boolean);
    let all: Tri = true;
    for (const t of terms) {
      const m = /^(>=|=>|<=|=<|!=|>|<|=|~>?|\^)?\s*v?(\d+(?:\.\d+){0,2})(?:[-+][0-9A-Za-z.-]*)?$/.exec(t);
      if (!m) return undefined;
      const op = m[1] ?? '=';
      const c = compareVersions(v, m[2]);
      const width = m[2].split('.').length;
      let ok: boolean;
      switch (op) {
        case '>=': case '=>': ok = c >= 0; break;
        case '<=': case '=<': ok = c <= 0; break;
        case '>': ok = c > 0; break;
        case '<': ok = c < 0; break;
        case '!=': ok = c !== 0; break;
        case '^': ok = c >= 0 && v.split('.')[0] === m[2].split('.')[0]; break;
        case '~': case '~>': ok = c >= 0 && v.split('.').slice(0, Math.min(2, width)).join('.') === m[2].split('.').slice(0, Math.min(2, width)).join('.'); break;
        default: ok = v.split('.').slice(0, width).join('.') === m[2].split('.').slice(0, width).join('.');
      }
      if (!ok) { all = false; break; }
    }
    if (all) return true;
  }
  return any;
}

/** Tokens of a template expression: strings, parentheses, words. */
function tokens(expr: string): string[] {
  const out: string[] = [];
  const re = /"(?:[^"\\]|\\.)*"|`[^`]*`|\(|\)|[^\s()]+/g;
  for (let m = re.exec(expr); m; m = re.exec(expr)) out.push(m[0]);
  return out;
}

type Val = { kind: 'bool'; v: Tri } | { kind: 'str'; v: string } | { kind: 'kubeVersion' } | { kind: 'kubeMinor' } | { kind: 'num'; v: number } | { kind: 'unknown' };
const UNKNOWN: Val = { kind: 'unknown' };

/**
 * Evaluates an `if` condition of a Helm template at the target Kubernetes version: semverCompare on
 * the cluster version (`.Capabilities.KubeVersion.GitVersion`, `.Version`, an include of a
 * kubeVersion helper), `.Capabilities.APIVersions.Has`, `and`/`or`/`not`, comparisons of the minor
 * version. Anything else (values, lookups) is unknown.
 */
export function evaluateCondition(catalog: CatalogIndex, cond: string, target: string): Tri {
  const toks = tokens(cond);
  let i = 0;
  const operand = (): Val => {
    const t = toks[i++];
    if (t === undefined) return UNKNOWN;
    if (t === '(') {
      const v = call();
      if (toks[i] === ')') i++;
      return v;
    }
    if (t.startsWith('"') || t.startsWith('`')) return { kind: 'str', v: t.slice(1, -1) };
    if (/^\d+$/.test(t)) return { kind: 'num', v: Number(t) };
    if (/^\$?\.Capabilities\.KubeVersion(?:\.GitVersion|\.Version)?$/.test(t)) return { kind: 'kubeVersion' };
    if (/^\$?\.Capabilities\.KubeVersion\.Minor$/.test(t)) return { kind: 'kubeMinor' };
    if (t === 'true' || t === 'false') return { kind: 'bool', v: t === 'true' };
    return UNKNOWN;
  };
  const truth = (v: Val): Tri => (v.kind === 'bool' ? v.v : v.kind === 'str' ? v.v !== '' : undefined);
  const call = (): Val => {
    const t = toks[i];
    const end = () => i >= toks.length || toks[i] === ')' || toks[i] === '|';
    const args = (): Val[] => { const a: Val[] = []; while (!end()) a.push(operand()); return a; };
    let v: Val;
    if (t === 'and' || t === 'or') {
      i++;
      const a = args().map(truth);
      v = { kind: 'bool', v: t === 'and' ? (a.includes(false) ? false : a.every((x) => x === true) ? true : undefined) : (a.includes(true) ? true : a.every((x) => x === false) ? false : undefined) };
    } else if (t === 'not') {
      i++;
      const x = truth(operand());
      v = { kind: 'bool', v: x === undefined ? undefined : !x };
    } else if (t === 'semverCompare') {
      i++;
      const [c, ver] = args();
      v = { kind: 'bool', v: c?.kind === 'str' && ver?.kind === 'kubeVersion' ? semverSatisfies(c.v, target) : undefined };
    } else if (t === 'include' || t === 'template') {
      i++;
      const a = args();
      v = a[0]?.kind === 'str' && /kube-?version/i.test(a[0].v) && !/api/i.test(a[0].v) ? { kind: 'kubeVersion' } : UNKNOWN;
    } else if (/^\$?\.Capabilities\.APIVersions\.Has$/.test(t ?? '')) {
      i++;
      const [a] = args();
      v = { kind: 'bool', v: a?.kind === 'str' ? serves(catalog, a.v, target) : undefined };
    } else if (t === 'int' || t === 'atoi' || t === 'int64') {
      i++;
      const [a] = args();
      v = a?.kind === 'kubeMinor' ? { kind: 'num', v: Number(target.split('.')[1]) } : a?.kind === 'num' ? a : UNKNOWN;
    } else if (t === 'eq' || t === 'ne' || t === 'lt' || t === 'le' || t === 'gt' || t === 'ge') {
      i++;
      const [a, b] = args();
      const num = (x: Val | undefined) => (x?.kind === 'num' ? x.v : undefined);
      const x = num(a), y = num(b);
      if (x === undefined || y === undefined) v = { kind: 'bool', v: undefined };
      else v = { kind: 'bool', v: t === 'eq' ? x === y : t === 'ne' ? x !== y : t === 'lt' ? x < y : t === 'le' ? x <= y : t === 'gt' ? x > y : x >= y };
    } else {
      const a = args();
      v = a.length === 1 ? a[0] : UNKNOWN;
    }
    // Pipelines: `x | int`, anything else is unknown.
    while (toks[i] === '|') {
      i++;
      const f = toks[i++];
      if ((f === 'int' || f === 'atoi' || f === 'int64') && v.kind === 'kubeMinor') v = { kind: 'num', v: Number(target.split('.')[1]) };
      else v = UNKNOWN;
      while (!end()) operand();
    }
    return v;
  };
  try {
    return truth(call());
  } catch {
    return undefined;
  }
}

/** Whether a branch can render: its condition is not false and no earlier branch of its chain is true. */
function branchLive(catalog: CatalogIndex, cond: string | null, earlier: (string | null)[], target: string): boolean {
  for (const e of earlier) if (e !== null && evaluateCondition(catalog, e, target) === true) return false;
  return cond === null || evaluateCondition(catalog, cond, target) !== false;
}

// ---- The template pass -------------------------------------------------------------------------------

/**
 * What a Helm template renders at the target Kubernetes version, after its documents were analysed
 * one by one: findings inside branches that cannot render there are dropped; apiVersions written in
 * every branch (if/else lines, inline `{{ if … }}v1{{ else }}v1beta1{{ end }}`, a define of the
 * chart's helpers with literal branches) are checked; `image:` values built from `.Values` paths are
 * linked to the values they read. Mutates `result`.
 */
export function helmTemplatePass(text: string, chart: ChartContext | undefined, catalog: CatalogIndex, options: AnalysisOptions, result: FileAnalysis): void {
  if (!text.includes('{{')) return;
  const target = options.kubernetesVersion ?? catalog.newestKubernetesVersion;
  const lines = new LineIndex(text);
  const actions = templateActions(text);
  // Branches that cannot render.
  const dead: [number, number][] = [];
  for (const ch of ifChains(text, actions)) {
    ch.branches.forEach((b, k) => {
      if (!branchLive(catalog, b.cond, ch.branches.slice(0, k).map((x) => x.cond), target)) dead.push([b.bodyStart, b.bodyEnd]);
    });
  }
  const offsetOf = (p: Position) => lines.offset(p);
  const isDead = (offset: number) => dead.some(([s, e]) => offset >= s && offset < e);

  // apiVersions in the branches of each document.
  const c = new SiteCollector(text);
  const known = new Set(result.references.filter((r) => r.kind === 'apiVersion').map((r) => offsetOf(r.range.start)));
  const noEdits = new Set<ApiSite>();
  for (const doc of splitYamlDocuments(text)) {
    const kind = /^kind:[ \t]*["']?([A-Za-z0-9]+)["']?[ \t]*(?:#.*)?$/m.exec(doc.text)?.[1];
    if (!kind) continue;
    const re = /^apiVersion:[ \t]*(.*?)[ \t]*$/gm;
    for (let m = re.exec(doc.text); m; m = re.exec(doc.text)) {
      const vStart = doc.start + m.index + m[0].indexOf(m[1], 11);
      const vEnd = vStart + m[1].length;
      const value = m[1];
      if (!value) continue;
      if (!value.includes('{{')) {
        if (/^["']?[A-Za-z0-9.-]+(?:\/[A-Za-z0-9.-]+)?["']?$/.test(value) && !known.has(vStart)) {
          const v = value.replace(/^["']|["']$/g, '');
          const s = value.startsWith('"') || value.startsWith("'") ? vStart + 1 : vStart;
          c.api(v, kind, s, s + v.length);
        }
        continue;
      }
      // Inline branches of literals.
      const inline = literalBranches(text, vStart, vEnd);
      if (inline?.length) {
        for (const b of inline) if (b.conds.every((x) => branchLive(catalog, x.cond, x.earlier, target))) c.api(b.value, kind, b.start, b.end);
        continue;
      }
      // A define of the chart's helpers.
      const inc = /^\{\{-?\s*(?:include|template)\s+"([^"]+)"\s+[^}]*-?\}\}$/.exec(value);
      const def = inc && chart?.helpers ? defines(chart.helpers).get(inc[1]) : undefined;
      if (def && chart?.helpers) {
        const branches = literalBranches(chart.helpers, def.start, def.end);
        for (const b of branches ?? []) {
          if (!b.conds.every((x) => branchLive(catalog, x.cond, x.earlier, target))) continue;
          c.api(b.value, kind, vStart, vEnd, undefined);
          noEdits.add(c.sites[c.sites.length - 1] as ApiSite);
        }
      }
    }
  }
  const apiSites = c.sites.filter((s): s is ApiSite => s.type === 'api');
  for (const s of apiSites) {
    const slash = s.apiVersion.indexOf('/');
    const group = slash > 0 ? s.apiVersion.slice(0, slash) : '';
    const e = group ? catalog.entryForApiGroup(group) : undefined;
    result.references.push({ kind: 'apiVersion', text: s.apiVersion, range: s.range, ...(e ? { entry: e.id, entryName: e.name } : {}), context: s.kind, key: s.kind });
  }
  const extra = applyIgnoresAndSeverities(apiFindings(catalog, apiSites, options), text, catalog, options);
  for (const f of extra) {
    const site = apiSites.find((s) => s.range === f.range);
    if (site && noEdits.has(site)) {
      f.message += ` in template "${/"([^"]+)"/.exec(textAtRange(text, lines, f.range))?.[1] ?? 'helper'}"`;
      for (const r of f.replacements ?? []) delete r.edits;
    }
    result.findings.push(f);
  }
  if (dead.length) result.findings = result.findings.filter((f) => !isDead(offsetOf(f.range.start)));

  // Template images read from the values file.
  if (chart?.values) {
    const values = parseValues(chart.values, options.parser !== 'library');
    if (values) for (const r of valuesImageReferences(text, lines, values, chart, catalog)) result.references.push(r);
  }
}

function textAtRange(text: string, lines: LineIndex, r: { start: Position; end: Position }): string {
  return text.slice(lines.offset(r.start), lines.offset(r.end));
}

function valuesImageReferences(text: string, lines: LineIndex, values: Document.Parsed, chart: ChartContext, catalog: CatalogIndex): Reference[] {
  const out: Reference[] = [];
  const appVersion = chart.chart ? /^appVersion:[ \t]*["']?([^\s"'#]+)/m.exec(chart.chart)?.[1] : undefined;
  const str = (path: string[]) => {
    const s = scalar(valuesAt(values, path), values);
    return s && s.value.trim() !== '' ? s.value.trim() : undefined;
  };
  const global = str(['global', 'imageRegistry']);
  for (const vi of valuesImages(text)) {
    let composed = '';
    const read: string[] = [];
    let ok = true;
    for (const p of vi.pieces) {
      if ('text' in p) composed += p.text;
      else if ('map' in p) {
        const m = valuesAt(values, p.map);
        if (!isMap(m)) { ok = false; break; }
        const part = (k: string) => str([...p.map, k]);
        const repository = part('repository');
        if (!repository) { ok = false; break; }
        const registry = global ?? part('registry');
        const tag = part('tag') ?? appVersion;
        const digest = part('digest');
        composed += composeImage({ registry: registry ? { value: registry } : undefined, repository: { value: repository }, tag: tag ? { value: tag } : undefined, digest: digest ? { value: digest } : undefined });
        read.push(p.map.join('.'));
      } else {
        const v = str(p.path) ?? (p.fallback === 'appVersion' ? appVersion : undefined);
        if (v === undefined) { ok = false; break; }
        composed += v;
        read.push(p.path.join('.'));
      }
    }
    const ref = ok ? parseImageReference(composed) : null;
    if (!ref) continue;
    const e = catalog.entryForImage(ref.key);
    out.push({
      kind: 'image', text: composed, range: { start: lines.position(vi.start), end: lines.position(vi.end) },
      ...(e ? { entry: e.id, entryName: e.name } : {}),
      context: `${VALUES_IMAGE_CONTEXT}.yaml: ${read.join(', ')})`, key: ref.key,
      image: { registry: ref.registry, repository: ref.repository, tag: ref.tag, digest: ref.digest },
    });
  }
  return out;
}
