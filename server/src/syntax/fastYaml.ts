import { Alias, Document, isAlias, Pair, Scalar, YAMLMap, YAMLSeq, type Node } from 'yaml';

/**
 * A fast path for the YAML the analysis reads most: block mappings and sequences of single-line
 * scalars (plain, single-quoted, double-quoted without escapes) and single-line flow sequences of
 * scalars, as Kubernetes manifests and Compose files are written. It builds the same nodes the
 * `yaml` library builds (YAMLMap, YAMLSeq, Pair, Scalar with the core schema's values, ranges and
 * scalar types) at several times its speed. Anchors on values (`&name`) and aliases as values
 * (`*name`) are read; anything else outside that subset — tags, aliases as keys, a second anchor on
 * one node, block scalars, multi-line scalars, flow mappings, escapes, tabs, CR, directives, complex keys,
 * anything the library would report as an error — makes it return null, and the caller uses the
 * library. test/unit/fastYaml.test.ts checks it against the library over generated and real files.
 *
 * `skip` names mapping keys whose values the caller never reads: a block value of such a key (on the
 * lines below it) is passed over by indentation without building its nodes, and the key gets a null
 * value (a document with an alias and a '&' in a skipped block goes to the library). Only the analysis passes it; its results are checked against the
 * library path's.
 */
export function fastParseDocument(text: string, skip?: SkipPredicate): Document.Parsed | null {
  if (text.indexOf('\t') >= 0 || text.indexOf('\r') >= 0 || text.charCodeAt(0) === 0xfeff) return null;
  try {
    const p = new FastParser(text, skip);
    const contents = p.document();
    if (contents === FAIL) return null;
    const doc = Object.create(DOC_PROTO) as Document.Parsed;
    doc.contents = contents as Document.Parsed['contents'];
    doc.errors = [];
    doc.warnings = [];
    return doc;
  } catch (err) {
    if (err === FAIL) return null;
    throw err;
  }
}

/** Whether the value of `key`, in the mapping reached through the mapping keys `path`, can be left unparsed. */
export type SkipPredicate = (path: readonly string[], key: string) => boolean;

const FAIL = Symbol('fast-yaml-fallback');
const fail = (): never => { throw FAIL; };

const SP = 32, HASH = 35, COLON = 58, DASH = 45, NL = 10;

/** The core schema of the `yaml` library (YAML 1.2), for plain scalars: same tests, same order, same values. */
export function resolvePlain(s: string): unknown {
  const c = s.charCodeAt(0);
  // Fast exit: the core schema's non-string forms start with a digit, sign, dot, ~, n/N, t/T, f/F, or are empty.
  if (!(s.length === 0 || (c >= 48 && c <= 57) || c === 43 || c === 45 || c === 46 || c === 126 || c === 110 || c === 78 || c === 116 || c === 84 || c === 102 || c === 70)) return s;
  if (/^(?:~|[Nn]ull|NULL)?$/.test(s)) return null;
  if (/^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/.test(s)) return s[0] === 't' || s[0] === 'T';
  if (/^0o[0-7]+$/.test(s)) return parseInt(s.substring(2), 8);
  if (/^[-+]?[0-9]+$/.test(s)) return parseInt(s, 10);
  if (/^0x[0-9a-fA-F]+$/.test(s)) return parseInt(s.substring(2), 16);
  if (/^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/.test(s)) return s.slice(-3).toLowerCase() === 'nan' ? NaN : s[0] === '-' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  if (/^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/.test(s)) return parseFloat(s);
  if (/^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/.test(s)) return parseFloat(s);
  return s;
}

/*
 * The nodes are instances of the library's classes (instanceof, methods and isMap/isSeq/isScalar/
 * isPair all work), built without their constructors' per-node Object.defineProperty: the node
 * type symbol the library's type guards read sits on a prototype shared by all nodes of a kind.
 */
const NODE_TYPE = Symbol.for('yaml.node.type');
function nodeProto<T extends object>(base: T, type: string): T {
  const proto = Object.create(base) as T;
  Object.defineProperty(proto, NODE_TYPE, { value: Symbol.for(type) });
  return proto;
}
const SCALAR_PROTO = nodeProto(Scalar.prototype, 'yaml.scalar');
const MAP_PROTO = nodeProto(YAMLMap.prototype, 'yaml.map');
const SEQ_PROTO = nodeProto(YAMLSeq.prototype, 'yaml.seq');
const PAIR_PROTO = nodeProto(Pair.prototype, 'yaml.pair');
const ALIAS_PROTO = nodeProto(Alias.prototype, 'yaml.alias');
const DOC_PROTO = nodeProto(Document.prototype, 'yaml.document');

function scalarNode(value: unknown, start: number, end: number, type: Scalar.Type): Scalar {
  const s = Object.create(SCALAR_PROTO) as Scalar;
  s.value = value;
  s.range = [start, end, end];
  s.type = type;
  return s;
}
function newMap(): YAMLMap {
  const m = Object.create(MAP_PROTO) as YAMLMap;
  m.items = [];
  return m;
}
function newSeq(): YAMLSeq {
  const m = Object.create(SEQ_PROTO) as YAMLSeq;
  m.items = [];
  return m;
}
function newPair(key: Node, value: Node): Pair {
  const p = Object.create(PAIR_PROTO) as Pair;
  p.key = key;
  p.value = value;
  return p;
}

/** Characters that may not start a plain scalar (c-indicator), except those handled on their own. */
function badPlainStart(text: string, pos: number): boolean {
  const c = text.charCodeAt(pos);
  switch (c) {
    case 44: /* , */ case 91: /* [ */ case 93: /* ] */ case 123: /* { */ case 125: /* } */
    case HASH: case 38: /* & */ case 42: /* * */ case 33: /* ! */ case 124: /* | */ case 62: /* > */
    case 39: case 34: case 37: /* % */ case 64: /* @ */ case 96: /* ` */
      return true;
    case DASH: case 63: /* ? */ case COLON: {
      const n = text.charCodeAt(pos + 1);
      return Number.isNaN(n) || n === SP || n === NL;
    }
    default:
      return false;
  }
}

class FastParser {
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];
  /** Column of the first non-space character; -1 for blank and comment-only lines. */
  private readonly indents: number[] = [];
  private li = 0;
  private readonly n: number;

  /** A '&' at or after the last skipped block's start (-1: none left); see skipBlock. */
  private nextAmp = 0;
  /** A skipped block held a '&' (maybe an anchor, maybe text), and the document has an alias: see document(). */
  private skippedAmp = false;
  private sawAlias = false;
  /** Keys of the mappings the parser is inside (sequences add none). */
  private readonly path: string[] = [];

  constructor(private readonly text: string, private readonly skip?: SkipPredicate) {
    let pos = 0;
    const len = text.length;
    while (pos <= len) {
      let nl = text.indexOf('\n', pos);
      if (nl < 0) nl = len;
      let i = pos;
      while (i < nl && text.charCodeAt(i) === SP) i++;
      this.starts.push(pos);
      this.ends.push(nl);
      this.indents.push(i === nl || text.charCodeAt(i) === HASH ? -1 : i - pos);
      if (nl === len) break;
      pos = nl + 1;
    }
    this.n = this.starts.length;
  }

  private skipBlank(): void {
    while (this.li < this.n && this.indents[this.li] < 0) this.li++;
  }

  document(): Node | null | typeof FAIL {
    this.skipBlank();
    if (this.li >= this.n) return null;
    const first = this.indents[this.li];
    const pos = this.starts[this.li] + first;
    const c = this.text.charCodeAt(pos);
    if (c === 37 /* % */) return FAIL;
    const root = this.node(this.li, first, -1);
    this.skipBlank();
    if (this.li < this.n) fail();
    // An alias might name an anchor inside a skipped block (the library would resolve it): leave the
    // document to the library. A CRD's schema with `&&` in a CEL rule and no alias stays on this path.
    if (this.skippedAmp && this.sawAlias) fail();
    return root;
  }

  /** The node whose content starts at column `col` of line `li`; `parent` is the column of the enclosing collection. */
  private node(li: number, col: number, parent: number): Node {
    const pos = this.starts[li] + col;
    if (this.dashAt(li, col)) return this.seq(li, col);
    if (this.keyEnd(pos, this.ends[li]) >= 0) return this.map(li, col);
    this.li = li;
    return this.inlineValue(pos, this.ends[li], parent);
  }

  /**
   * Whether a mapping key starts at pos: returns the offset of its ':' (followed by a space or the
   * end of the line), or -1 when the line holds no key. Fails on keys the fast path does not handle.
   */
  private keyEnd(pos: number, end: number): number {
    const t = this.text;
    const c = t.charCodeAt(pos);
    if (c === 34 || c === 39) {
      const close = this.quotedEnd(pos, end);
      let i = close;
      while (i < end && t.charCodeAt(i) === SP) i++;
      if (i < end && t.charCodeAt(i) === COLON && (i + 1 >= end || t.charCodeAt(i + 1) === SP)) return i;
      return -1;
    }
    if (badPlainStart(t, pos)) {
      if (c === 91 || c === 123 || c === DASH || c === 124 || c === 62) return -1; // flow collections, "-x" scalars and block scalars: values, not keys
      fail();
    }
    for (let i = pos; i < end; i++) {
      const ch = t.charCodeAt(i);
      if (ch === COLON) {
        if (i + 1 >= end || t.charCodeAt(i + 1) === SP) {
          if (i - pos > 1000) fail();
          return i;
        }
      } else if (ch === HASH && t.charCodeAt(i - 1) === SP) return -1;
    }
    return -1;
  }

  /** The offset just after the closing quote of a quoted scalar on this line; fails on escapes or no closing quote. */
  private quotedEnd(pos: number, end: number): number {
    const t = this.text;
    const q = t.charCodeAt(pos);
    for (let i = pos + 1; i < end; i++) {
      const ch = t.charCodeAt(i);
      if (ch === 92 /* \ */ && q === 34) fail();
      if (ch === q) {
        if (q === 39 && t.charCodeAt(i + 1) === 39) { i++; continue; }
        return i + 1;
      }
    }
    return fail();
  }

  private quoted(pos: number, end: number): { node: Scalar; end: number } {
    const close = this.quotedEnd(pos, end);
    const inner = this.text.slice(pos + 1, close - 1);
    const single = this.text.charCodeAt(pos) === 39;
    const value = single && inner.includes("''") ? inner.replace(/''/g, "'") : inner;
    return { node: scalarNode(value, pos, close, single ? 'QUOTE_SINGLE' : 'QUOTE_DOUBLE'), end: close };
  }

  /** The end of an anchor or alias name starting after the & or * at pos; it must be followed by a space or the line's end. */
  private nameAt(pos: number, end: number): number {
    const t = this.text;
    let i = pos + 1;
    while (i < end) {
      const ch = t.charCodeAt(i);
      if (ch === SP) break;
      if (ch === 44 || ch === 91 || ch === 93 || ch === 123 || ch === 125) fail();
      i++;
    }
    if (i === pos + 1) fail();
    return i;
  }

  /**
   * An optional anchor (&name) at pos: its name (undefined: none); where the value after it starts
   * is left in afterAnchor. A comment must be separated from the anchor by a space.
   */
  private anchorAt(pos: number, end: number): string | undefined {
    const t = this.text;
    this.afterAnchor = pos;
    if (pos >= end || t.charCodeAt(pos) !== 38 /* & */) return undefined;
    const e = this.nameAt(pos, end);
    let next = e;
    while (next < end && t.charCodeAt(next) === SP) next++;
    if (next < end && t.charCodeAt(next) === HASH && t.charCodeAt(next - 1) !== SP) fail();
    this.afterAnchor = next;
    return t.slice(pos + 1, e);
  }
  /** Where the text after the last anchorAt's anchor (and its spaces) starts; no object per key. */
  private afterAnchor = 0;

  /** Gives a node the anchor written before it; a node with an anchor of its own, or an alias, is left to the library. */
  private attachAnchor(node: Node, anchor: string): void {
    if ((node as { anchor?: string }).anchor !== undefined || isAlias(node)) fail();
    (node as { anchor?: string }).anchor = anchor;
  }

  /** Whether line li has a block sequence entry (a dash followed by a space or the line's end) at column col. */
  private dashAt(li: number, col: number): boolean {
    const p = this.starts[li] + col;
    return this.text.charCodeAt(p) === DASH && (p + 1 >= this.ends[li] || this.text.charCodeAt(p + 1) === SP);
  }

  /** After a value: only spaces and a comment may follow on the line. */
  private restIsEmpty(pos: number, end: number): boolean {
    const t = this.text;
    while (pos < end && t.charCodeAt(pos) === SP) pos++;
    if (pos >= end) return true;
    return t.charCodeAt(pos) === HASH && t.charCodeAt(pos - 1) === SP;
  }

  /** A key (plain or quoted) at pos, ending before the ':' at colon. */
  private key(pos: number, colon: number): Scalar {
    const t = this.text;
    const c = t.charCodeAt(pos);
    if (c === 34 || c === 39) return this.quoted(pos, colon).node;
    let e = colon;
    while (e > pos && t.charCodeAt(e - 1) === SP) e--;
    const raw = t.slice(pos, e);
    return scalarNode(resolvePlain(raw), pos, e, 'PLAIN');
  }

  /**
   * A value written on the rest of line this.li from pos (a scalar or a flow sequence); checks
   * that the next content line is not more indented than `parent` (that would be a multi-line
   * scalar or an error) and moves past the line.
   */
  private inlineValue(pos: number, end: number, parent: number): Node {
    const t = this.text;
    const c = t.charCodeAt(pos);
    let node: Node;
    let after: number;
    if (c === 34 || c === 39) {
      const q = this.quoted(pos, end);
      node = q.node;
      after = q.end;
    } else if (c === 91 /* [ */) {
      const f = this.flowSeq(pos, end);
      node = f.node;
      after = f.end;
    } else if (c === 42 /* * */) {
      const a = this.nameAt(pos, end);
      const alias = Object.create(ALIAS_PROTO) as Alias;
      alias.source = t.slice(pos + 1, a);
      alias.range = [pos, a, a];
      this.sawAlias = true;
      node = alias;
      after = a;
    } else if (c === 123 /* { */ && t.charCodeAt(pos + 1) === 125) {
      const m = newMap();
      m.flow = true;
      m.range = [pos, pos + 2, pos + 2];
      node = m;
      after = pos + 2;
    } else if (c === 124 /* | */ || c === 62 /* > */) {
      return this.blockScalar(pos, end, parent, c === 62);
    } else {
      if (badPlainStart(t, pos)) fail();
      let e = end;
      for (let i = pos; i < end; i++) {
        const ch = t.charCodeAt(i);
        if (ch === HASH && t.charCodeAt(i - 1) === SP) { e = i; break; }
        if (ch === COLON && (i + 1 >= end || t.charCodeAt(i + 1) === SP)) fail();
      }
      while (e > pos && t.charCodeAt(e - 1) === SP) e--;
      node = scalarNode(resolvePlain(t.slice(pos, e)), pos, e, 'PLAIN');
      after = e;
    }
    if (!this.restIsEmpty(after, end)) fail();
    this.li++;
    // A more indented line after a scalar continues it (multi-line plain scalar) or is an error.
    let k = this.li;
    while (k < this.n && this.indents[k] < 0) k++;
    if (k < this.n && this.indents[k] > parent) fail();
    return node;
  }

  /**
   * A block scalar (`|`, `|-`, `>`, `>-`) whose header is at pos on line this.li, a value of a
   * collection at column `parent`. Only the plain cases: no indentation indicator, no keep chomping
   * (`+`), no leading empty lines, no spaces-only lines longer than the indentation, no more-indented
   * lines in a folded scalar, not ended by a comment or by the end of the text; anything else goes
   * to the library. Moves past its last content line.
   */
  private blockScalar(pos: number, end: number, parent: number, folded: boolean): Scalar {
    const t = this.text;
    let h = pos + 1;
    const strip = t.charCodeAt(h) === DASH;
    if (strip) h++;
    const hc = t.charCodeAt(h);
    if (h < end && hc !== SP) fail();
    if (!this.restIsEmpty(h, end)) fail();
    const isBlank = (k: number) => {
      for (let i = this.starts[k]; i < this.ends[k]; i++) if (t.charCodeAt(i) !== SP) return false;
      return true;
    };
    let k = this.li + 1;
    // Leading empty lines go to the library.
    if (k >= this.n || isBlank(k)) fail();
    let indent = 0;
    while (t.charCodeAt(this.starts[k] + indent) === SP) indent++;
    if (indent <= parent) fail();
    const lines: string[] = [];
    let lastContent = -1, contentLines = 0;
    for (; k < this.n; k++) {
      const s = this.starts[k], e = this.ends[k];
      if (isBlank(k)) {
        if (e - s > indent) fail();
        lines.push('');
        continue;
      }
      let i = 0;
      while (t.charCodeAt(s + i) === SP) i++;
      if (i < indent) {
        // The first less indented line ends the scalar: it must belong to an enclosing collection.
        if (i > parent || t.charCodeAt(s + i) === HASH) fail();
        break;
      }
      if (folded && i > indent) fail();
      lines.push(t.slice(s + indent, e));
      lastContent = k;
      contentLines = lines.length;
    }
    if (lastContent < 0 || this.ends[lastContent] >= t.length) fail();
    lines.length = contentLines; // trailing empty lines are chomped
    let value: string;
    if (folded) {
      value = '';
      let blanks = -1;
      for (const l of lines) {
        if (l === '') { blanks++; continue; }
        if (blanks < 0) value += l;
        else value += (blanks === 0 ? ' ' : '\n'.repeat(blanks)) + l;
        blanks = 0;
      }
    } else value = lines.join('\n');
    if (!strip) value += '\n';
    const rangeEnd = this.ends[lastContent] + 1;
    this.li = lastContent + 1;
    return scalarNode(value, pos, rangeEnd, folded ? 'BLOCK_FOLDED' : 'BLOCK_LITERAL');
  }

  /** A one-line flow sequence of scalars: [a, "b", 'c']. */
  private flowSeq(pos: number, end: number): { node: YAMLSeq; end: number } {
    const t = this.text;
    const seq = newSeq();
    seq.flow = true;
    let i = pos + 1;
    const skip = () => { while (i < end && t.charCodeAt(i) === SP) i++; };
    skip();
    if (t.charCodeAt(i) === 93) {
      seq.range = [pos, i + 1, i + 1];
      return { node: seq, end: i + 1 };
    }
    for (;;) {
      skip();
      if (i >= end) fail();
      const c = t.charCodeAt(i);
      if (c === 34 || c === 39) {
        const q = this.quoted(i, end);
        seq.items.push(q.node);
        i = q.end;
      } else {
        if (badPlainStart(t, i)) fail();
        const s = i;
        while (i < end) {
          const ch = t.charCodeAt(i);
          if (ch === 44 || ch === 93) break;
          if (ch === 91 || ch === 123 || ch === 125) fail();
          if (ch === COLON || (ch === HASH && t.charCodeAt(i - 1) === SP)) fail();
          i++;
        }
        let e = i;
        while (e > s && t.charCodeAt(e - 1) === SP) e--;
        if (e === s) fail();
        seq.items.push(scalarNode(resolvePlain(t.slice(s, e)), s, e, 'PLAIN'));
      }
      skip();
      const d = t.charCodeAt(i);
      if (d === 44) {
        i++;
        skip();
        if (t.charCodeAt(i) === 93) fail(); // trailing comma: leave it to the library
        continue;
      }
      if (d === 93) {
        seq.range = [pos, i + 1, i + 1];
        return { node: seq, end: i + 1 };
      }
      return fail();
    }
  }

  /** An empty value (key: with nothing after it, or a bare -): a null scalar, as the library makes it. */
  private empty(at: number): Scalar {
    return scalarNode(null, at, at, 'PLAIN');
  }

  /** A block mapping whose keys are at column col; the first key is on line li. */
  private map(li: number, col: number): YAMLMap {
    const t = this.text;
    const map = newMap();
    const mapStart = this.starts[li] + col;
    this.li = li;
    for (;;) {
      const lineStart = this.starts[this.li];
      const end = this.ends[this.li];
      const pos = lineStart + col;
      const colon = this.keyEnd(pos, end);
      if (colon < 0) fail();
      const key = this.key(pos, colon);
      let v = colon + 1;
      while (v < end && t.charCodeAt(v) === SP) v++;
      let value: Node;
      const anchor = this.anchorAt(v, end);
      v = this.afterAnchor;
      if (v >= end || (t.charCodeAt(v) === HASH)) {
        // The value is on the following lines (or empty).
        this.li++;
        this.skipBlank();
        if (anchor === undefined && this.skip && this.li < this.n && this.skipBlock(col, key)) {
          value = this.empty(v >= end ? end : v);
        } else if (this.li < this.n && this.indents[this.li] > col) {
          this.path.push(String(key.value));
          value = this.node(this.li, this.indents[this.li], col);
          this.path.pop();
        } else if (this.li < this.n && this.indents[this.li] === col && this.dashAt(this.li, col)) {
          this.path.push(String(key.value));
          value = this.seq(this.li, col);
          this.path.pop();
        } else {
          value = this.empty(v >= end ? end : v);
        }
      } else {
        value = this.valueOnLine(v, end, col);
      }
      if (anchor !== undefined) this.attachAnchor(value, anchor);
      map.items.push(newPair(key, value));
      this.skipBlank();
      if (this.li >= this.n) break;
      const ind = this.indents[this.li];
      if (ind < col) break;
      if (ind > col) fail();
      if (this.dashAt(this.li, col)) fail();
    }
    const last = map.items[map.items.length - 1].value as Node | null;
    const mapEnd = last?.range?.[1] ?? mapStart;
    map.range = [mapStart, mapEnd, mapEnd];
    return map;
  }

  /**
   * If the caller skips this key's value and it is a block (lines more indented than the key, or a
   * sequence at the key's column): moves past it and returns true (a '&' in it is noted: see document()). `this.li` is
   * the first content line after the key.
   */
  private skipBlock(col: number, key: Scalar): boolean {
    if (!this.skip!(this.path, String(key.value))) return false;
    const t = this.text;
    let li = this.li;
    const seqAtCol = this.indents[li] === col && this.dashAt(li, col);
    if (!seqAtCol && !(this.indents[li] > col)) return false;
    let last = li;
    for (; li < this.n; li++) {
      const ind = this.indents[li];
      if (ind < 0) continue;
      if (ind > col || (seqAtCol && ind === col && this.dashAt(li, col))) { last = li; continue; }
      break;
    }
    const from = this.starts[this.li];
    const to = this.ends[last];
    // The next '&' at or after `from` (blocks come in text order: one pass over the text in all).
    if (this.nextAmp >= 0 && this.nextAmp < from) this.nextAmp = t.indexOf('&', from);
    if (this.nextAmp >= 0 && this.nextAmp < to) this.skippedAmp = true;
    this.li = last + 1;
    return true;
  }

  /** A value that starts on the key's line: scalars and flow sequences only (no compact nested collections). */
  private valueOnLine(pos: number, end: number, col: number): Node {
    const c = this.text.charCodeAt(pos);
    if (c === DASH && (pos + 1 >= end || this.text.charCodeAt(pos + 1) === SP)) fail();
    return this.inlineValue(pos, end, col);
  }

  /** A block sequence whose dashes are at column col; the first is on line li. */
  private seq(li: number, col: number): YAMLSeq {
    const t = this.text;
    const seq = newSeq();
    const seqStart = this.starts[li] + col;
    this.li = li;
    for (;;) {
      const lineStart = this.starts[this.li];
      const end = this.ends[this.li];
      const dash = lineStart + col;
      let p = dash + 1;
      while (p < end && t.charCodeAt(p) === SP) p++;
      let item: Node;
      const anchor = this.anchorAt(p, end);
      p = this.afterAnchor;
      if (p >= end || t.charCodeAt(p) === HASH) {
        if (p < end && t.charCodeAt(p - 1) !== SP) fail();
        this.li++;
        this.skipBlank();
        if (this.li < this.n && this.indents[this.li] > col) item = this.node(this.li, this.indents[this.li], col);
        else item = this.empty(p >= end ? end : p);
      } else if (anchor !== undefined) {
        // An anchored value on the dash's line: scalars, flow sequences (a compact mapping would be ambiguous).
        item = this.valueOnLine(p, end, col);
      } else {
        item = this.node(this.li, p - lineStart, col);
      }
      if (anchor !== undefined) this.attachAnchor(item, anchor);
      seq.items.push(item);
      this.skipBlank();
      if (this.li >= this.n) break;
      const ind = this.indents[this.li];
      if (ind < col) break;
      if (ind > col) fail();
      if (!this.dashAt(this.li, col)) break;
    }
    const last = seq.items[seq.items.length - 1] as Node | null;
    const seqEnd = last?.range?.[1] ?? seqStart;
    seq.range = [seqStart, seqEnd, seqEnd];
    return seq;
  }
}
