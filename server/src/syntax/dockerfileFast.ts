/**
 * A linear-time scanner of exactly what extractDockerfile reads from a Dockerfile: the parser
 * directives, the instructions (keyword, where it starts, where its keyword ends, where it ends),
 * the whitespace-separated arguments of an instruction, flags (--from=, --mount=…) and their options.
 *
 * It follows dockerfile-ast (the reference, see test/unit/dockerfileFast.test.ts) step by step, on
 * offsets instead of LSP positions, so that its results are the library's: line continuations with the
 * escape character (also with whitespace after it), comment lines inside continuations, heredoc
 * bodies of RUN/COPY/ADD skipped as the library skips them, a BOM, CRLF and lone CR. It does not
 * build the library's objects and converts no offset to a position, which is where the library's
 * time goes. For what it does not follow with confidence (heredocs in ONBUILD triggers), it returns
 * null and the caller uses dockerfile-ast.
 */

export interface ScannedDirective {
  name: string;
  value: string;
  valueStart: number;
  valueEnd: number;
}

export interface ScannedInstruction {
  /** The keyword as written, upper-cased (with an escape character when one was written inside it, as the library keeps it). */
  keyword: string;
  start: number;
  /** End of the keyword (the library's instruction range end): arguments are read from here. */
  keywordEnd: number;
  /** End of the instruction (its line break, or the end of its last heredoc). */
  end: number;
}

export interface ScannedDockerfile {
  escape: string;
  directives: ScannedDirective[];
  instructions: ScannedInstruction[];
}

/** One whitespace-separated argument: its value (escapes resolved, as the library gives it) and its offsets. */
export interface ScannedArgument {
  value: string;
  start: number;
  end: number;
}

export interface ScannedFlag {
  name: string;
  value: string | null;
  valueStart: number;
  valueEnd: number;
}

export interface ScannedFlagOption {
  name: string;
  value: string | null;
  valueStart: number;
  valueEnd: number;
}

const SP = 32, TAB = 9, CR = 13, LF = 10, HASH = 35;

/** Parser directives at the top of the file (dockerfile-ast's getParserDirectives, on offsets). */
function directivesOf(text: string): { directives: ScannedDirective[]; } {
  const directives: ScannedDirective[] = [];
  const n = text.length;
  const first = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  directiveCheck: for (let i = first; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === SP || c === TAB) continue;
    if (c !== HASH) break;
    let directiveStart = -1;
    let directiveEnd = -1;
    for (let j = i + 1; j < n; j++) {
      const d = text.charCodeAt(j);
      if (d === SP || d === TAB) {
        if (directiveStart !== -1 && directiveEnd === -1) directiveEnd = j;
      } else if (d === CR || d === LF) {
        break directiveCheck;
      } else if (d === 61 /* = */) {
        let valueStart = -1;
        let valueEnd = -1;
        if (directiveEnd === -1) directiveEnd = j;
        let lineEnd = n;
        for (let k = j + 1; k < n; k++) {
          const e = text.charCodeAt(k);
          if (e === CR || e === LF) {
            if (valueStart !== -1 && valueEnd === -1) valueEnd = k;
            lineEnd = k;
            break;
          } else if (e === TAB || e === SP) {
            if (valueStart !== -1 && valueEnd === -1) valueEnd = k;
          } else if (valueStart === -1) {
            valueStart = k;
          }
        }
        if (directiveStart === -1) break directiveCheck;
        if (valueStart === -1) { valueStart = j + 1; valueEnd = lineEnd; } else if (valueEnd === -1) valueEnd = n;
        directives.push({ name: text.slice(directiveStart, directiveEnd), value: text.slice(valueStart, valueEnd), valueStart, valueEnd });
        i = text.charCodeAt(valueEnd) === CR ? valueEnd + 1 : valueEnd;
        continue directiveCheck;
      } else if (directiveStart === -1) {
        directiveStart = j;
      }
    }
    break;
  }
  return { directives };
}

/** Offset of the start of line `line` (lines end at \n, \r\n or a lone \r), or the text's length. */
function lineStartOffset(text: string, line: number): number {
  let pos = 0;
  for (let l = 0; l < line; l++) {
    let i = pos;
    const n = text.length;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === LF || c === CR) break;
      i++;
    }
    if (i >= n) return n;
    pos = text.charCodeAt(i) === CR && text.charCodeAt(i + 1) === LF ? i + 2 : i + 1;
  }
  return pos;
}

/** Thrown for input the scanner does not follow with confidence; scanDockerfile returns null then. */
class Unsupported extends Error {}

/**
 * Scans a Dockerfile as dockerfile-ast's parser does. Returns null for input it does not handle
 * with confidence (heredocs in ONBUILD triggers); the caller then parses with the library.
 */
export function scanDockerfile(text: string): ScannedDockerfile | null {
  try {
    return scan(text);
  } catch {
    // Unsupported input, or a fault of the scanner: the library decides (the scan is pure, nothing was reported yet).
    return null;
  }
}

function scan(text: string): ScannedDockerfile {
  const { directives } = directivesOf(text);
  let escape = '\\';
  for (const d of directives) {
    if (d.name.toLowerCase() === 'escape' && (d.value === '\\' || d.value === '`')) { escape = d.value; break; }
  }
  let offset = 0;
  if (directives.length > 0) offset = lineStartOffset(text, directives.length);
  else if (text.charCodeAt(0) === 0xfeff) offset = 1;
  const scanner = new Scanner(text, escape);
  scanner.run(offset);
  return { escape, directives, instructions: scanner.instructions };
}

/**
 * The parser's loops (dockerfile-ast's Parser: parse, processInstruction, processArguments,
 * processHeredocs, parseHeredoc, processComment). Methods, not closures made per call, so that the
 * engine keeps their optimised code from one file to the next.
 */
class Scanner {
  readonly instructions: ScannedInstruction[] = [];
  private readonly n: number;
  private readonly E: number;
  /** The next '<' at or after the instruction being read (-1: none): searched once per '<', not once per instruction. */
  private nextLt: number;

  constructor(private readonly text: string, private readonly escape: string) {
    this.n = text.length;
    this.E = escape.charCodeAt(0);
    this.nextLt = text.indexOf('<');
  }

  run(offset: number): void {
    const text = this.text;
    const n = this.n;
    for (let i = offset; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c === SP || c === TAB || c === CR || c === LF) continue;
      if (c === HASH) i = this.commentEnd(i);
      else i = this.processInstruction(i);
    }
  }

  private add(instruction: string, start: number, keywordEnd: number, end: number): void {
    this.instructions.push({ keyword: instruction.toUpperCase(), start, keywordEnd, end });
  }

  /** The end of a comment starting at `start`: its line break, or the end of the text. */
  private commentEnd(start: number): number {
    const text = this.text;
    const n = this.n;
    for (let i = start + 1; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c === CR || c === LF) return i;
    }
    return n;
  }

  private parseHeredoc(name: string, from: number, tabbed: boolean): number {
    const text = this.text;
    const n = this.n;
    let startWord = -1;
    let lineStart = true;
    for (let i = from; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c === SP) lineStart = false;
      else if (c === TAB) { if (!tabbed) lineStart = false; }
      else if (c === CR || c === LF) {
        if (startWord !== -1 && i - startWord === name.length && text.startsWith(name, startWord)) return i;
        startWord = -1;
        lineStart = true;
      } else if (lineStart) { startWord = i; lineStart = false; }
    }
    return n;
  }

  private processHeredocs(keyword: string, keywordEnd: number, lineEnd: number, at: number): number {
    if (keyword !== 'ADD' && keyword !== 'COPY' && keyword !== 'RUN' && keyword !== 'ONBUILD') return at;
    // No '<' in the arguments: no argument starts with << (an escaped '<' is still a '<' in the text).
    if (this.nextLt !== -1 && this.nextLt < keywordEnd) this.nextLt = this.text.indexOf('<', keywordEnd);
    if (this.nextLt === -1 || this.nextLt >= lineEnd) return at;
    // ONBUILD's trigger instruction is another parse: leave it to the library.
    if (keyword === 'ONBUILD') throw new Unsupported('heredoc in ONBUILD');
    const all = argumentsOf(this.text, this.escape, keywordEnd, lineEnd);
    const args = all.slice(countFlags(this.text, all, keyword));
    const names: string[] = [];
    let tabbed = false;
    for (const a of args) {
      const v = a.value;
      if (v.startsWith('<<') && v.length > 2) {
        if (v.startsWith('<<-')) tabbed = true;
        const name = heredocName(v);
        if (name !== null) names.push(name);
      }
    }
    for (const name of names) at = this.parseHeredoc(name, at, tabbed);
    return at;
  }

  private processArguments(instruction: string, keywordEnd: number, at: number): number {
    const text = this.text;
    const n = this.n;
    const E = this.E;
    let escaped = false;
    argumentsCheck: for (let i = at + 1; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c === CR || c === LF) {
        if (escaped) continue;
        return this.processHeredocs(instruction.toUpperCase(), keywordEnd, i, i);
      } else if (c === E) {
        const next = text.charCodeAt(i + 1);
        if (next === LF || next === CR) {
          escaped = true;
          i++;
        } else if (next === SP || next === TAB) {
          for (let j = i + 2; j < n; j++) {
            const d = text.charCodeAt(j);
            if (d === SP || d === TAB) continue;
            if (d === CR || d === LF) escaped = true;
            i = j;
            continue argumentsCheck;
          }
          return n;
        }
      } else if (c === HASH) {
        if (escaped) i = this.commentEnd(i);
      } else if (c !== SP && c !== TAB) {
        escaped = false;
      }
    }
    return n;
  }

  private processInstruction(start: number): number {
    const text = this.text;
    const n = this.n;
    const E = this.E;
    let instruction = text[start];
    let instructionEnd = -1;
    let escapedInstruction = false;
    instructionCheck: for (let i = start + 1; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c === E) {
        escapedInstruction = true;
        const next = text.charCodeAt(i + 1);
        if (next === CR || next === LF) {
          if (instructionEnd === -1) instructionEnd = i;
          i++;
        } else if (next === SP || next === TAB) {
          for (let j = i + 2; j < n; j++) {
            const d = text.charCodeAt(j);
            if (d === SP || d === TAB) continue;
            if (d === CR || d === LF) { i = j; continue instructionCheck; }
            instructionEnd = i + 1;
            instruction += this.escape;
            i = j - 2;
            continue instructionCheck;
          }
          instructionEnd = i + 1;
          instruction += this.escape;
          break instructionCheck;
        } else {
          instructionEnd = i + 1;
          instruction += this.escape;
          escapedInstruction = false;
        }
      } else if (c === SP || c === TAB) {
        if (escapedInstruction) {
          for (let j = i + 1; j < n; j++) {
            const d = text.charCodeAt(j);
            if (d === SP || d === TAB) continue;
            if (d === CR || d === LF) { i = j; continue instructionCheck; }
            break;
          }
          escapedInstruction = false;
        }
        if (instructionEnd === -1) instructionEnd = i;
        const end = this.processArguments(instruction, instructionEnd, i);
        this.add(instruction, start, instructionEnd, end);
        return end;
      } else if (c === CR || c === LF) {
        if (escapedInstruction) continue;
        this.add(instruction, start, i, i);
        return i;
      } else if (c === HASH && escapedInstruction) {
        continue;
      } else {
        instructionEnd = i + 1;
        instruction += text[i];
        escapedInstruction = false;
      }
    }
    if (instructionEnd === -1) instructionEnd = n;
    this.add(instruction, start, instructionEnd, n);
    return n;
  }
}

/** dockerfile-ast's Util.parseHeredocName. */
function heredocName(value: string): string | null {
  value = value.substring(2);
  if (value.charAt(0) === '-') value = value.substring(1);
  if (value.charAt(0) === '"') {
    if (value.charAt(value.length - 1) !== '"') return null;
    value = value.substring(1, value.length - 1);
  }
  if (value.charAt(0) === "'") {
    if (value.charAt(value.length - 1) !== "'") return null;
    value = value.substring(1, value.length - 1);
  }
  if (value.charAt(0) === '<') return null;
  return value;
}

/**
 * The arguments of an instruction whose keyword ends at `from` and which ends at `end`, split as
 * dockerfile-ast's Instruction.getRawArguments splits them (values with escapes resolved, comment
 * lines inside continuations skipped, ranges ending before a trailing escaped line break).
 */
export function argumentsOf(text: string, escape: string, from: number, end: number): ScannedArgument[] {
  const E = escape.charCodeAt(0);
  const args: ScannedArgument[] = [];
  let start = false;
  let comment = false;
  let found = -1;
  let escapedWhitespaceDetected = false;
  let escaping = false;
  let escapeMarker = -1;
  // The value so far: text[valStart, valEnd) while it is a plain slice of the text, else `built`.
  // (No closures here: this runs once per instruction and must stay optimised.)
  let valStart = -1;
  let valEnd = -1;
  let built: string | null = null;
  for (let i = from; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === SP || c === TAB || c === CR || c === LF) {
      if (escaping) {
        escapedWhitespaceDetected = true;
        if (c === CR || c === LF) {
          escapedWhitespaceDetected = false;
          if (comment) { comment = false; start = true; }
        }
        continue;
      } else if (found !== -1) {
        args.push(argument(text, built, valStart, valEnd, found, from, escapeMarker === -1 ? i : escapeMarker));
        valStart = -1; valEnd = -1; built = null; found = -1;
        escapeMarker = -1;
      }
    } else if (c === E) {
      const next = i + 1 < end ? text.charCodeAt(i + 1) : -1;
      if (next === SP || next === TAB) {
        for (let j = i + 2; j < end; j++) {
          const d = text.charCodeAt(j);
          if (d === SP || d === TAB) continue;
          if (d === CR || d === LF) {
            if (d === CR) j++;
            comment = false;
            escaping = true;
            start = true;
            if (found !== -1) escapeMarker = i;
            i = j;
            break;
          }
          escapeMarker = i;
          if (found === -1) i = j - 1;
          break;
        }
      } else if (next === CR) {
        comment = false;
        escaping = true;
        start = true;
        if (found !== -1 && escapeMarker === -1) escapeMarker = i;
        i += 2;
      } else if (next === LF) {
        comment = false;
        escaping = true;
        start = true;
        if (found !== -1 && escapeMarker === -1) escapeMarker = i;
        i++;
      } else {
        if (escapedWhitespaceDetected && escapeMarker !== -1) {
          args.push(argument(text, built, valStart, valEnd, found, from, escapeMarker));
          valStart = -1; valEnd = -1; built = null; found = -1;
        }
        escapeMarker = -1;
        escapedWhitespaceDetected = false;
        escaping = false;
        if (next === -1) break;
        // The library keeps the escape character before a $ (it is not a variable), drops it elsewhere.
        const add = next === 36 /* $ */ ? escape + '$' : text[i + 1];
        built = (built !== null ? built : valStart === -1 ? '' : text.slice(valStart, valEnd)) + add;
        if (found === -1) found = i;
        i++;
      }
    } else if (!comment) {
      if (start && c === HASH) {
        comment = true;
      } else {
        if (escapedWhitespaceDetected && escapeMarker !== -1) {
          args.push(argument(text, built, valStart, valEnd, found, from, escapeMarker));
          valStart = -1; valEnd = -1; built = null; found = -1;
        }
        escapedWhitespaceDetected = false;
        escaping = false;
        escapeMarker = -1;
        if (built !== null) built += text[i];
        else if (valStart === -1) { valStart = i; valEnd = i + 1; }
        else if (i === valEnd) valEnd++;
        else built = text.slice(valStart, valEnd) + text[i];
        if (found === -1) found = i;
      }
      start = false;
    }
  }
  if (found !== -1) args.push(argument(text, built, valStart, valEnd, found, from, escapeMarker === -1 ? end : escapeMarker));
  return args;
}

function argument(text: string, built: string | null, valStart: number, valEnd: number, found: number, from: number, end: number): ScannedArgument {
  // (The library can close an argument it has not started: it then starts one before `from`.)
  return { value: built !== null ? built : valStart === -1 ? '' : text.slice(valStart, valEnd), start: found === -1 ? from - 1 : found, end };
}

/**
 * How many flags the library finds at the front of these arguments (ModifiableInstruction.getFlags):
 * FROM, COPY, ADD and RUN look while the arguments contain "--"; CMD and ENTRYPOINT have none.
 */
export function countFlags(text: string, args: ScannedArgument[], keyword: string): number {
  return flagsOf(text, args, keyword).length;
}

/** The flags of an instruction, as ModifiableInstruction.getFlags finds them. */
export function flagsOf(text: string, args: ScannedArgument[], keyword: string): ScannedFlag[] {
  const flags: ScannedFlag[] = [];
  if (keyword !== 'FROM' && keyword !== 'COPY' && keyword !== 'ADD' && keyword !== 'RUN') return flags;
  for (const a of args) {
    const value = a.value;
    if (value.indexOf('--') === -1) break;
    if (value.indexOf('--') !== 0) continue;
    const raw = text.slice(a.start, a.end);
    const nameIndex = value.indexOf('=');
    const index = raw.indexOf('=');
    if (index === -1) flags.push({ name: value.substring(2), value: null, valueStart: -1, valueEnd: -1 });
    else if (index === value.length - 1) flags.push({ name: value.substring(2, index), value: '', valueStart: a.end, valueEnd: a.end });
    else flags.push({ name: value.substring(2, nameIndex), value: value.substring(nameIndex + 1), valueStart: a.start + index + 1, valueEnd: a.end });
  }
  return flags;
}

/** The options of a flag's value (type=bind,from=img,…), as dockerfile-ast's Flag splits them. */
export function flagOptions(flag: ScannedFlag): ScannedFlagOption[] {
  const options: ScannedFlagOption[] = [];
  const value = flag.value;
  if (value === null) return options;
  const offset = flag.valueStart;
  let nameStart = -1;
  let valueStart = -1;
  let hasOptions = false;
  const option = (valueEnd: number): ScannedFlagOption =>
    valueStart === -1
      ? { name: value.substring(nameStart, valueEnd), value: null, valueStart: -1, valueEnd: -1 }
      : { name: value.substring(nameStart, valueStart - 1), value: value.substring(valueStart, valueEnd), valueStart: offset + valueStart, valueEnd: offset + valueEnd };
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === 61 /* = */) {
      hasOptions = true;
      if (valueStart === -1) valueStart = i + 1;
    } else if (c === 44 /* , */) {
      options.push(option(i));
      nameStart = -1;
      valueStart = -1;
    } else if (nameStart === -1) {
      nameStart = i;
    }
  }
  if (hasOptions && nameStart !== -1) options.push(option(value.length));
  return options;
}
