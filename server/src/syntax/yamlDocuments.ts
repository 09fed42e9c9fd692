import { fastParseDocument, type SkipPredicate } from './fastYaml';
import * as yaml from 'yaml';
import { parseDocument, visit, type Alias, type Document, type Node, type YAMLMap, type Scalar, type Pair } from 'yaml';

// The library's type guards, read once: the bundle reaches a CommonJS package's exports through a
// getter on every access, and these run for every node of every document.
export const isMap = yaml.isMap;
export const isSeq = yaml.isSeq;
export const isScalar = yaml.isScalar;
export const isAlias = yaml.isAlias;
export const isPair = yaml.isPair;

/** One YAML document of a multi-document stream, as its own text. */
export interface YamlChunk {
  text: string;
  /** Line of the file on which the chunk's text starts. */
  startLine: number;
  /** Offset in the file at which the chunk's text starts. */
  start: number;
}

/**
 * Splits a YAML stream at its document markers (--- and ...) without parsing it, so that each
 * document can be parsed, analysed and cached on its own: an edit re-parses only its document.
 */
export function splitYamlDocuments(text: string): YamlChunk[] {
  return splitRange(text, 0, text.length, 0).chunks;
}

/**
 * The split of text[from, to), which starts a line (numbered firstLine). `closed`: the range ends
 * with a document marker line (or is empty), so a document starts right after it; `endLine`: the
 * line at `to`.
 */
function splitRange(text: string, from: number, to: number, firstLine: number): { chunks: YamlChunk[]; closed: boolean; endLine: number } {
  const chunks: YamlChunk[] = [];
  let line = firstLine;
  let chunkStart = from;
  let chunkLine = firstLine;
  let pos = from;
  const n = to;
  // Next \r at or after pos: lone ones are searched once each, not once per line (a keystroke in a
  // 10 MB manifest splits it again).
  let cr = text.indexOf('\r', from);
  while (pos < n) {
    let nl = text.indexOf('\n', pos);
    if (nl >= n) nl = -1;
    const lineEnd = nl < 0 ? n : nl;
    // A lone \r ends a line too (LSP lines): count them so that startLine stays right.
    let breaks = 1;
    while (cr >= 0 && cr < lineEnd - 1) { breaks++; cr = text.indexOf('\r', cr + 1); }
    const c = text.charCodeAt(pos);
    if (breaks === 1 && (c === 45 || c === 46) && (text.startsWith('---', pos) || text.startsWith('...', pos))) {
      const rest = text.slice(pos + 3, Math.min(lineEnd, pos + 4));
      if (rest === '' || rest === ' ' || rest === '\t' || rest === '\r') {
        if (pos > chunkStart) chunks.push({ text: text.slice(chunkStart, pos), startLine: chunkLine, start: chunkStart });
        chunkStart = nl < 0 ? n : nl + 1;
        chunkLine = line + 1;
      }
    }
    if (nl < 0) break;
    pos = nl + 1;
    if (cr >= 0 && cr < pos) cr = text.indexOf('\r', pos);
    line += breaks;
  }
  const closed = chunkStart >= n;
  if (!closed) chunks.push({ text: text.slice(chunkStart, n), startLine: chunkLine, start: chunkStart });
  return { chunks, closed, endLine: line };
}

/** Where a text changed since an earlier version: [start, oldEnd) of the earlier text is now [start, newEnd). */
export interface TextChange { start: number; oldEnd: number; newEnd: number }

/**
 * The split of `text` from the split of `prevText` (its earlier version) and where it changed: the
 * documents before and after the change are reused (those after it moved by the change's length
 * and lines) and only the changed region is split again. Gives exactly splitYamlDocuments(text),
 * without reading the 10 MB around a keystroke.
 */
export function resplitYamlDocuments(prevText: string, prev: YamlChunk[], text: string, change: TextChange): YamlChunk[] {
  const delta = text.length - prevText.length;
  // A change at or before the first document's start (leading markers) is split in full.
  if (!prev.length || change.newEnd - change.oldEnd !== delta || change.start <= prev[0].start) return splitYamlDocuments(text);
  const last = prev.length - 1;
  const segEnd = (k: number) => (k < last ? prev[k + 1].start : prevText.length);
  // Documents (each with the marker lines after it) that end before the change are unchanged; the
  // last document is always split again (text appended to its last line belongs to it).
  let a = 0;
  while (a < last && segEnd(a) <= change.start) a++;
  const regionStart = prev[a].start;
  // Documents that start after the change are unchanged, moved by delta.
  let b = a + 1;
  while (b < prev.length && prev[b].start < change.oldEnd) b++;
  for (;;) {
    // The region must end at a line start of the new text (the edit may have removed the line break).
    while (b < prev.length && text.charCodeAt(prev[b].start + delta - 1) !== 10) b++;
    const regionEnd = b < prev.length ? prev[b].start + delta : text.length;
    const r = splitRange(text, regionStart, regionEnd, prev[a].startLine);
    // If the region does not end with a marker line, the next document is part of it.
    if (r.closed || b >= prev.length) {
      const out = prev.slice(0, a);
      for (const c of r.chunks) out.push(c);
      const lineShift = b < prev.length ? r.endLine - prev[b].startLine : 0;
      for (let k = b; k < prev.length; k++) {
        const c = prev[k];
        out.push(lineShift === 0 && delta === 0 ? c : { text: c.text, startLine: c.startLine + lineShift, start: c.start + delta });
      }
      return out;
    }
    b++;
  }
}

/**
 * Helm templates: {{ … }} actions are masked with the same number of characters (newlines kept), so
 * that what is plain YAML still parses at the same offsets; lines holding only actions become blank.
 */
export function maskTemplates(text: string): string {
  if (!text.includes('{{')) return text;
  const masked = text.replace(/\{\{[\s\S]*?\}\}/g, (m) => m.replace(/[^\n]/g, '\u0001'));
  return masked
    .split('\n')
    .map((line) => (/^[\s\u0001-]*\u0001[\s\u0001]*$/.test(line) ? line.replace(/[^\r]/g, ' ') : line.replace(/\u0001/g, 'x')))
    .join('\n');
}


/**
 * One YAML document. `skip`: keys whose values the caller does not read (the fast path passes over
 * them; see fastYaml.ts). `fast`: try the fast path first (false: the yaml library only, the
 * reference the fast path is tested against). `template`: the text is a Helm template, whose actions
 * are masked first (maskTemplates).
 */
export function parseYaml(text: string, skip?: SkipPredicate, fast = true, template = false): Document.Parsed {
  // Only Helm templates are masked: in plain YAML `{{` is text (a Grafana legend, a Go template in a ConfigMap).
  const masked = template ? maskTemplates(text) : text;
  // The fast path handles the common block-style subset; it returns null for anything else.
  return (fast ? fastParseDocument(masked, skip) : null) ?? parseYamlLibrary(masked);
}

/** The `yaml` library's parse, with the options the analysis uses (the reference for the fast path). */
export function parseYamlLibrary(text: string): Document.Parsed {
  return parseDocument(text, { keepSourceTokens: false, prettyErrors: false, uniqueKeys: false, strict: false, stringKeys: false });
}

export type YNode = Node | null | undefined;

export function mapGet(node: YNode, key: string): YNode {
  if (!isMap(node)) return undefined;
  for (const p of node.items) if (isScalar(p.key) && String(p.key.value) === key) return p.value as YNode;
  return undefined;
}

export function mapPair(node: YNode, key: string): Pair<Scalar, YNode> | undefined {
  if (!isMap(node)) return undefined;
  for (const p of node.items) if (isScalar(p.key) && String(p.key.value) === key) return p as Pair<Scalar, YNode>;
  return undefined;
}

export function mapEntries(node: YNode): [string, YNode, Pair][] {
  if (!isMap(node)) return [];
  const out: [string, YNode, Pair][] = [];
  for (const p of (node as YAMLMap).items) if (isPair(p) && isScalar(p.key)) out.push([String(p.key.value), p.value as YNode, p]);
  return out;
}

export function seqItems(node: YNode): YNode[] {
  return isSeq(node) ? (node.items as YNode[]) : [];
}

/**
 * The anchors of a document in source order, built once per document: Alias.resolve() walks the whole
 * document on every call, which made a file with thousands of aliases take minutes.
 */
const anchorIndex = new WeakMap<Document.Parsed, Map<string, { start: number; node: Node }[]>>();

/** The node an alias names: the last node with that anchor that starts before the alias. */
function resolveAlias(alias: Alias, doc: Document.Parsed): YNode {
  let index = anchorIndex.get(doc);
  if (!index) {
    const built = new Map<string, { start: number; node: Node }[]>();
    visit(doc, { Node: (_k, n) => {
      if (!isAlias(n) && n.anchor && n.range) {
        const list = built.get(n.anchor) ?? [];
        list.push({ start: n.range[0], node: n });
        built.set(n.anchor, list);
      }
    } });
    for (const list of built.values()) list.sort((a, b) => a.start - b.start);
    anchorIndex.set(doc, built);
    index = built;
  }
  const list = index.get(alias.source);
  const at = alias.range?.[0] ?? Infinity;
  let found: Node | undefined;
  for (const a of list ?? []) { if (a.start < at) found = a.node; else break; }
  return found;
}

/** A scalar's string value with its offsets; aliases are followed to the scalar they name (once). */
export function scalar(node: YNode, doc?: Document.Parsed): { value: string; start: number; end: number } | undefined {
  if (isAlias(node) && doc) {
    try { node = resolveAlias(node, doc); } catch { return undefined; }
  }
  if (!isScalar(node) || !node.range) return undefined;
  const v = node.value;
  if (v === null || v === undefined || typeof v === 'object') return undefined;
  const [start, end] = node.range;
  // The value range of a quoted scalar includes its quotes: report the inside.
  const quoted = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE';
  return { value: String(v), start: quoted ? start + 1 : start, end: quoted ? end - 1 : end };
}

