import { fastParseDocument } from './fastYaml';
import { parseDocument, visit, isMap, isSeq, isScalar, isAlias, isPair, type Alias, type Document, type Node, type YAMLMap, type Scalar, type Pair } from 'yaml';

/** One YAML document of a multi-document stream, as its own text. */
export interface YamlChunk {
  text: string;
  /** Line of the file on which the chunk's text starts. */
  startLine: number;
}

/**
 * Splits a YAML stream at its document markers (--- and ...) without parsing it, so that each
 * document can be parsed, analysed and cached on its own: an edit re-parses only its document.
 */
export function splitYamlDocuments(text: string): YamlChunk[] {
  const chunks: YamlChunk[] = [];
  let line = 0;
  let chunkStart = 0;
  let chunkLine = 0;
  let pos = 0;
  const n = text.length;
  // Next \r at or after pos: lone ones are searched once each, not once per line (a keystroke in a
  // 10 MB manifest splits it again).
  let cr = text.indexOf('\r');
  while (pos <= n) {
    const nl = text.indexOf('\n', pos);
    const lineEnd = nl < 0 ? n : nl;
    // A lone \r ends a line too (LSP lines): count them so that startLine stays right.
    let breaks = 1;
    while (cr >= 0 && cr < lineEnd - 1) { breaks++; cr = text.indexOf('\r', cr + 1); }
    const c = text.charCodeAt(pos);
    if (breaks === 1 && (c === 45 || c === 46) && (text.startsWith('---', pos) || text.startsWith('...', pos))) {
      const rest = text.slice(pos + 3, Math.min(lineEnd, pos + 4));
      if (rest === '' || rest === ' ' || rest === '\t' || rest === '\r') {
        if (pos > chunkStart) chunks.push({ text: text.slice(chunkStart, pos), startLine: chunkLine });
        chunkStart = nl < 0 ? n : nl + 1;
        chunkLine = line + 1;
      }
    }
    if (nl < 0) break;
    pos = nl + 1;
    if (cr >= 0 && cr < pos) cr = text.indexOf('\r', pos);
    line += breaks;
  }
  if (chunkStart < n) chunks.push({ text: text.slice(chunkStart), startLine: chunkLine });
  return chunks;
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

export interface ParsedYaml {
  doc: Document.Parsed;
  /** The original text: value texts are taken from it, so masked template text is never reported. */
  source: string;
}

/** Whether parseYaml tries the fast path first (tests turn it off to compare with the library). */
export const yamlParsing = { fast: true };

export function parseYaml(text: string): ParsedYaml {
  const masked = maskTemplates(text);
  // The fast path handles the common block-style subset; it returns null for anything else.
  const doc = (yamlParsing.fast ? fastParseDocument(masked) : null) ?? parseYamlLibrary(masked);
  return { doc, source: text };
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

export { isMap, isSeq, isScalar, isAlias };
