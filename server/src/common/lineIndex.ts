import type { Position, Range } from './model';

/**
 * Converts offsets in a text to LSP positions (0-based line, UTF-16 character) and back. Lines end
 * at \n, \r\n or a lone \r, as in LSP and VS Code; a position never points into a line break.
 */
export class LineIndex {
  private readonly starts: number[];
  /** `lineBase`: the line number of the text's first line (a YAML document inside a larger file). */
  constructor(private readonly text: string, private readonly lineBase = 0) {
    const starts = [0];
    if (text.indexOf('\r') < 0) {
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    } else {
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
        if (c === 10 || c === 13) starts.push(i + 1);
      }
    }
    this.starts = starts;
  }
  /** Offset of the end of a line's content (before its line break). */
  private lineEnd(line: number): number {
    if (line + 1 >= this.starts.length) return this.text.length;
    const next = this.starts[line + 1];
    return next - (next >= 2 && this.text.charCodeAt(next - 1) === 10 && this.text.charCodeAt(next - 2) === 13 ? 2 : 1);
  }
  get lineCount(): number { return this.starts.length; }
  position(offset: number): Position {
    offset = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + this.lineBase, character: offset - this.starts[lo] };
  }
  range(start: number, end: number): Range { return { start: this.position(start), end: this.position(end) }; }
  offset(pos: Position): number {
    const rel = pos.line - this.lineBase;
    if (rel >= this.starts.length) return this.text.length;
    const line = Math.max(0, rel);
    return Math.min(this.starts[line] + Math.max(0, pos.character), this.lineEnd(line));
  }
  lineStart(line: number): number { return this.starts[Math.min(Math.max(line, 0), this.starts.length - 1)]; }
  lineText(line: number): string {
    const l = Math.min(Math.max(line, 0), this.starts.length - 1);
    return this.text.slice(this.starts[l], this.lineEnd(l));
  }
}

/** Orders things that have a range by where they start. */
export function byStart(a: { range: Range }, b: { range: Range }): number {
  return a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character;
}

export function shiftRange(r: Range, lines: number): Range {
  return lines ? { start: { line: r.start.line + lines, character: r.start.character }, end: { line: r.end.line + lines, character: r.end.character } } : r;
}

export function containsPosition(r: Range, p: Position): boolean {
  if (p.line < r.start.line || p.line > r.end.line) return false;
  if (p.line === r.start.line && p.character < r.start.character) return false;
  if (p.line === r.end.line && p.character > r.end.character) return false;
  return true;
}
