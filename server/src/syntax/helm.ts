import type { Document } from 'yaml';
import type { ImagePartsSite, SiteCollector } from './sites';
import { mapEntries, mapGet, isMap, isSeq, isScalar, parseYaml, parseYamlLibrary, seqItems, scalar, type YNode } from './yamlDocuments';
import { remembering } from '../common/memo';

/*
 * Helm charts: images in values files (maps of registry/repository/tag/digest and strings), defaults
 * in values.schema.json, Chart.yaml annotations and dependencies, and what the analysis needs to read
 * templates as Helm renders them: their actions, if/else branches, defines and `.Values` paths.
 * Nothing here looks anything up in the catalog.
 */

const MAX_DEPTH = 24;

/** A values key that holds an image: `image`, or a camelCase name ending in Image (initImage, sidecarImage). */
export const isImageKey = (key: string): boolean => key === 'image' || /[a-z0-9]Image$/.test(key);

type Scalar = { value: string; start: number; end: number };

/** A plain scalar as written (tag: 1.10 is the tag "1.10", not the number 1.1); quoted ones as their value. */
function literal(c: SiteCollector, node: YNode, doc: Document.Parsed): Scalar | undefined {
  const s = scalar(node, doc);
  if (!s) return undefined;
  const quoted = isScalar(node) && (node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE');
  return quoted ? s : { ...s, value: c.text.slice(s.start, s.end) };
}

const usable = (s: Scalar | undefined): s is Scalar => !!s && s.value.trim() !== '' && !s.value.includes('{{');

/** The literal global registry override of a values tree (`global.imageRegistry`), if set. */
function globalRegistry(c: SiteCollector, doc: Document.Parsed, root: YNode): Scalar | undefined {
  const g = mapGet(root, 'global');
  const r = literal(c, mapGet(g, 'imageRegistry'), doc) ?? literal(c, mapGet(mapGet(g, 'image'), 'registry'), doc);
  return usable(r) ? r : undefined;
}

/** An image map's parts; `global` overrides its registry as Bitnami's and most charts' helpers do. */
function imageMap(c: SiteCollector, doc: Document.Parsed, node: YNode, context: string, global: Scalar | undefined): void {
  const repository = literal(c, mapGet(node, 'repository'), doc) ?? literal(c, mapGet(node, 'name'), doc);
  if (!usable(repository)) return;
  const registry = literal(c, mapGet(node, 'registry'), doc);
  const tag = literal(c, mapGet(node, 'tag'), doc);
  const digest = literal(c, mapGet(node, 'digest'), doc);
  const parts: ImagePartsSite = { repository };
  if (global) { parts.registry = global; parts.registryFromGlobal = true; } else if (usable(registry)) parts.registry = registry;
  if (usable(tag)) parts.tag = tag;
  if (usable(digest)) parts.digest = digest;
  c.imageParts(composeImage(parts), repository.start, repository.end, context, parts);
}

/** registry/repository:tag@digest from a values image map. */
export function composeImage(p: { registry?: { value: string }; repository: { value: string }; tag?: { value: string }; digest?: { value: string } }): string {
  const reg = p.registry?.value.trim().replace(/\/+$/, '');
  return `${reg ? `${reg}/` : ''}${p.repository.value.trim()}${p.tag ? `:${p.tag.value.trim()}` : ''}${p.digest ? `@${p.digest.value.trim()}` : ''}`;
}

/** values.yaml (and values-*.yaml): every image map and image string, with the literal global registry applied. */
export function extractHelmValues(c: SiteCollector, doc: Document.Parsed): void {
  valuesTreeImages(c, doc, doc.contents as YNode, '');
}

/** The images of a tree of Helm values (a values file, or values inlined in a Flux HelmRelease or an Argo CD Application). */
export function valuesTreeImages(c: SiteCollector, doc: Document.Parsed, root: YNode, prefix: string): void {
  const global = globalRegistry(c, doc, root);
  const walk = (node: YNode, path: string, depth: number): void => {
    if (depth > MAX_DEPTH) return;
    if (isSeq(node)) { seqItems(node).forEach((v, i) => walk(v, `${path}[${i}]`, depth + 1)); return; }
    for (const [key, value] of mapEntries(node)) {
      const where = path ? `${path}.${key}` : key;
      if (isImageKey(key)) {
        if (isMap(value) && (mapGet(value, 'repository') || mapGet(value, 'name'))) { imageMap(c, doc, value, where, global); continue; }
        const s = literal(c, value, doc);
        if (usable(s) && typeof (value as { value?: unknown }).value === 'string') c.image(s.value, s.start, s.end, where);
        if (!isMap(value)) continue;
      }
      if (isMap(value) || isSeq(value)) walk(value, where, depth + 1);
    }
  };
  walk(root, prefix, 0);
}

/** Whether a values document is a JSON schema (values.schema.json): `properties` with `$schema` or `type`. */
export function isJsonSchema(doc: Document.Parsed): boolean {
  const root = doc.contents as YNode;
  return isMap(mapGet(root, 'properties')) && (mapGet(root, '$schema') !== undefined || mapGet(root, 'type') !== undefined);
}

/** values.schema.json: `default`s of image properties (a string, an object, or registry/repository/tag properties with defaults). */
export function extractHelmSchema(c: SiteCollector, doc: Document.Parsed): void {
  const walk = (node: YNode, path: string, depth: number): void => {
    if (depth > MAX_DEPTH || !isMap(node)) return;
    for (const [name, prop] of mapEntries(mapGet(node, 'properties'))) {
      const where = path ? `${path}.${name}` : name;
      if (isImageKey(name)) {
        const d = mapGet(prop, 'default');
        const s = literal(c, d, doc);
        if (usable(s) && typeof (d as { value?: unknown }).value === 'string') c.image(s.value, s.start, s.end, `${where}.default`);
        else if (isMap(d)) imageMap(c, doc, d, `${where}.default`, undefined);
        else {
          const props = mapGet(prop, 'properties');
          const def = (k: string) => mapGet(mapGet(props, k), 'default');
          const repo = literal(c, def('repository'), doc);
          if (usable(repo)) {
            const parts: ImagePartsSite = { repository: repo };
            const reg = literal(c, def('registry'), doc);
            const tag = literal(c, def('tag'), doc);
            if (usable(reg)) parts.registry = reg;
            if (usable(tag)) parts.tag = tag;
            c.imageParts(composeImage(parts), repo.start, repo.end, `${where}.properties.repository.default`, parts);
          }
        }
      }
      walk(prop, where, depth + 1);
    }
  };
  walk(doc.contents as YNode, '', 0);
}

/**
 * Chart.yaml: the images of the `artifacthub.io/images` annotation (a YAML list inside a string) and
 * the chart's dependencies (linked to the catalog by name).
 */
export function extractChart(c: SiteCollector, doc: Document.Parsed): void {
  const root = doc.contents as YNode;
  const ann = mapGet(mapGet(root, 'annotations'), 'artifacthub.io/images');
  const range = (ann as { range?: number[] } | null | undefined)?.range;
  if (isScalar(ann) && range) {
    const raw = c.text.slice(range[0], range[1]);
    const re = /(^|[\s{,-])image:[ \t]*["']?([^\s"',}]+)/g;
    for (let m = re.exec(raw); m; m = re.exec(raw)) {
      const start = range[0] + m.index + m[0].length - m[2].length;
      c.image(m[2], start, start + m[2].length, 'annotations.artifacthub.io/images');
    }
  }
  seqItems(mapGet(root, 'dependencies')).forEach((dep, i) => {
    const name = scalar(mapGet(dep, 'name'), doc);
    const repo = scalar(mapGet(dep, 'repository'), doc);
    if (name) c.dependency(name.value, repo?.value ?? '', name.start, name.end, `dependencies[${i}]`);
  });
}

// ---- Templates ---------------------------------------------------------------------------------

/** One `{{ … }}` action: its offsets and its words (trim markers and comments removed). */
export interface Action { start: number; end: number; body: string }

export function templateActions(text: string): Action[] {
  const out: Action[] = [];
  let i = text.indexOf('{{');
  while (i >= 0) {
    let j = i + 2;
    // Find the closing }} outside string literals.
    let q: string | null = null;
    for (; j < text.length - 1; j++) {
      const ch = text[j];
      if (q) { if (ch === '\\' && q === '"') j++; else if (ch === q) q = null; continue; }
      if (ch === '"' || ch === '`') q = ch;
      else if (ch === '}' && text[j + 1] === '}') break;
    }
    if (j >= text.length - 1) break;
    const body = text.slice(i + 2, j).replace(/^-\s/, '').replace(/\s-$/, '').trim();
    out.push({ start: i, end: j + 2, body: body.startsWith('/*') ? '' : body });
    i = text.indexOf('{{', j + 2);
  }
  return out;
}

/** One branch of an if/else chain: the condition (null: else) and the text it renders. */
export interface Branch { cond: string | null; bodyStart: number; bodyEnd: number }
/** An if/else if/else chain. */
export interface Chain { branches: Branch[]; start: number; end: number }

/** The if chains of a template, in any nesting (with, range and define blocks are passed through). */
export function ifChains(text: string, actions = templateActions(text)): Chain[] {
  const out: Chain[] = [];
  const stack: ({ chain: Chain } | null)[] = [];
  for (const a of actions) {
    const w = /^(\w+)/.exec(a.body)?.[1];
    if (w === 'if') {
      stack.push({ chain: { branches: [{ cond: a.body.slice(2).trim(), bodyStart: a.end, bodyEnd: -1 }], start: a.start, end: -1 } });
    } else if (w === 'range' || w === 'with' || w === 'define' || w === 'block') {
      stack.push(null);
    } else if (w === 'else') {
      const top = stack[stack.length - 1];
      if (!top) continue;
      const br = top.chain.branches;
      br[br.length - 1].bodyEnd = a.start;
      const rest = a.body.slice(4).trim();
      br.push({ cond: rest.startsWith('if ') ? rest.slice(3).trim() : rest.startsWith('with') ? '?' : null, bodyStart: a.end, bodyEnd: -1 });
    } else if (w === 'end') {
      const top = stack.pop();
      if (!top) continue;
      const br = top.chain.branches;
      br[br.length - 1].bodyEnd = a.start;
      top.chain.end = a.end;
      out.push(top.chain);
    }
  }
  return out;
}

/**
 * The defines of a template text by name: the offsets of their bodies. Every template of a chart
 * reads the same helpers: the last few are kept, by text. Callers only read the map.
 */
export const defines: (text: string) => Map<string, { start: number; end: number }> = remembering(8, (text: string) => {
  const out = new Map<string, { start: number; end: number }>();
  const actions = templateActions(text);
  const stack: (string | null)[] = [];
  const starts: number[] = [];
  for (const a of actions) {
    const w = /^(\w+)/.exec(a.body)?.[1];
    if (w === 'define' || w === 'block') {
      stack.push(/^\w+\s+"([^"]+)"/.exec(a.body)?.[1] ?? null);
      starts.push(a.end);
    } else if (w === 'if' || w === 'range' || w === 'with') { stack.push(null); starts.push(a.end); }
    else if (w === 'end') {
      const name = stack.pop();
      const s = starts.pop();
      if (name && s !== undefined && !out.has(name)) out.set(name, { start: s, end: a.start });
    }
  }
  return out;
});

/**
 * The literal values a piece of template text can render as: each branch of its if chains whose text
 * is a literal (no action), with the conditions that lead to it. Returns null when the text is not
 * made only of literal branches (it reads values, calls functions…).
 */
export function literalBranches(text: string, from: number, to: number): { value: string; start: number; end: number; conds: { cond: string | null; earlier: (string | null)[] }[] }[] | null {
  const actions = templateActions(text).filter((a) => a.start >= from && a.end <= to);
  const chains = ifChains(text, actions);
  const out: { value: string; start: number; end: number; conds: { cond: string | null; earlier: (string | null)[] }[] }[] = [];
  // Text outside every action must be literal: each maximal run of it is a candidate.
  let pos = from;
  const runs: { start: number; end: number }[] = [];
  for (const a of actions) { if (a.start > pos) runs.push({ start: pos, end: a.start }); pos = a.end; }
  if (to > pos) runs.push({ start: pos, end: to });
  for (const a of actions) {
    const w = /^(\w+)/.exec(a.body)?.[1];
    if (a.body && w !== 'if' && w !== 'else' && w !== 'end') return null;
  }
  for (const r of runs) {
    const raw = text.slice(r.start, r.end);
    const value = raw.trim();
    if (!value) continue;
    if (!/^[A-Za-z0-9./-]+$/.test(value)) return null;
    const start = r.start + raw.indexOf(value);
    const conds: { cond: string | null; earlier: (string | null)[] }[] = [];
    for (const ch of chains) {
      const k = ch.branches.findIndex((b) => b.bodyStart <= start && start < b.bodyEnd);
      if (k >= 0) conds.push({ cond: ch.branches[k].cond, earlier: ch.branches.slice(0, k).map((b) => b.cond) });
    }
    out.push({ value, start, end: start + value.length, conds });
  }
  return out;
}

/**
 * A template `image:` value built from plain `.Values` paths — `{{ .Values.image.repository }}:{{
 * .Values.image.tag | default .Chart.AppVersion }}`, or a helper given the image map
 * (`include "common.images.image" (dict "imageRoot" .Values.image …)`): the value's offsets and, in
 * order, the literal text and the paths it is made of.
 */
export interface ValuesImage {
  start: number;
  end: number;
  /** Pieces: a literal, a values path (with the fallback `default` gives it), or a whole image map. */
  pieces: ({ text: string } | { path: string[]; fallback?: 'appVersion' } | { map: string[] })[];
}

const VALUES_PATH = /^\$?\.Values((?:\.[A-Za-z_][\w-]*)+)$/;

export function valuesImages(text: string): ValuesImage[] {
  const out: ValuesImage[] = [];
  const re = /^([ \t]*(?:-[ \t]+)?)image:[ \t]*(.*?)[ \t]*$/gm;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    let value = m[2];
    if (!value.includes('{{') || value.startsWith('#')) continue;
    const after = m.index + m[1].length + 'image:'.length;
    let start = after + /^[ \t]*/.exec(text.slice(after, after + 64))![0].length;
    if ((value.startsWith('"') && value.endsWith('"')) || (value.startsWith("'") && value.endsWith("'"))) { value = value.slice(1, -1); start++; }
    const actions = templateActions(value);
    const pieces: ValuesImage['pieces'] = [];
    let pos = 0;
    let ok = actions.length > 0;
    for (const a of actions) {
      if (a.start > pos) pieces.push({ text: value.slice(pos, a.start) });
      pos = a.end;
      const helper = /^include\s+"[^"]*image[^"]*"\s+\(dict\s+"imageRoot"\s+(\$?\.Values(?:\.[A-Za-z_][\w-]*)+)/i.exec(a.body);
      if (helper) { pieces.push({ map: VALUES_PATH.exec(helper[1])![1].slice(1).split('.') }); continue; }
      const steps = a.body.split('|').map((s) => s.trim());
      const p = VALUES_PATH.exec(steps[0]);
      if (!p) { ok = false; break; }
      let fallback: 'appVersion' | undefined;
      for (const s of steps.slice(1)) {
        if (/^default\s+\$?\.Chart\.AppVersion$/.test(s)) fallback = 'appVersion';
        else if (s !== 'quote' && s !== 'toString' && s !== 'trim') { ok = false; break; }
      }
      if (!ok) break;
      pieces.push({ path: p[1].slice(1).split('.'), fallback });
    }
    if (!ok) continue;
    if (pos < value.length) pieces.push({ text: value.slice(pos) });
    if (pieces.some((p) => 'text' in p && /[\s"']/.test(p.text))) continue;
    out.push({ start, end: start + value.length, pieces });
  }
  return out;
}

/** A values file parsed for the template links: the node at a path of keys. */
export function valuesAt(values: Document.Parsed, path: string[]): YNode {
  let n = values.contents as YNode;
  for (const k of path) n = mapGet(n, k);
  return n;
}

/** The yaml library's parse of a values file (small; read once per template analysis). */
/** `fast`: the fast YAML path first (false: the library only, the reference it is tested against). */
export function parseValues(text: string, fast = true): Document.Parsed | null {
  // Every analysis of every template of a chart reads the same values.yaml (each keystroke in a
  // template too): the last few are kept, by text. Callers only read the document.
  return fast ? fastValues(text) : libraryValues(text);
}
const fastValues = remembering(8, (text: string): Document.Parsed | null => { try { return parseYaml(text); } catch { return null; } });
const libraryValues = remembering(8, (text: string): Document.Parsed | null => { try { return parseYamlLibrary(text); } catch { return null; } });
