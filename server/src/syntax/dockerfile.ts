import type { Instruction, Run, Copy, From, Arg } from 'dockerfile-ast';
import type * as DockerfileAst from 'dockerfile-ast';

let library: typeof DockerfileAst | undefined;
/** dockerfile-ast, loaded on first use: the fast scanner handles most files, so the server starts without it. */
function dockerfileAst(): typeof DockerfileAst {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (library ??= require('dockerfile-ast') as typeof DockerfileAst);
}
import type { SiteCollector } from './sites';
import type { Range } from '../common/model';
import { argumentsOf, flagOptions, flagsOf, scanDockerfile, type ScannedDockerfile, type ScannedInstruction } from './dockerfileFast';

/** Expands $VAR, ${VAR}, ${VAR:-default}, ${VAR-default}, ${VAR:+alt} with the given values. */
export function expandVariables(text: string, vars: Map<string, string | null>): string {
  return text.replace(/\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+])([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g, (m, braced, op, word, plain) => {
    const name = braced ?? plain;
    const value = vars.get(name);
    const set = value !== undefined && value !== null;
    const nonEmpty = set && value !== '';
    switch (op) {
      case ':-': return nonEmpty ? value! : expandVariables(word, vars);
      case '-': return set ? value! : expandVariables(word, vars);
      case ':+': return nonEmpty ? expandVariables(word, vars) : '';
      case '+': return set ? expandVariables(word, vars) : '';
      default: return set ? value! : m;
    }
  });
}

/**
 * Finds what a Dockerfile references: base images (FROM, with ARG defaults substituted; stage names
 * and scratch are not images), COPY --from and RUN --mount=from images, the # syntax= frontend image,
 * tools invoked or installed in RUN/CMD/ENTRYPOINT, and the deprecated MAINTAINER instruction.
 */
export function extractDockerfile(c: SiteCollector, fast = true): void {
  const scanned = fast ? scanDockerfile(c.text) : null;
  if (scanned) extractScanned(c, scanned);
  else extractWithLibrary(c);
}


/** A simple `ARG NAME` or `ARG NAME=value` (no quotes, escapes, variables or comments): read without the library. */
const SIMPLE_ARG = /^[ \t]+([A-Za-z_][A-Za-z0-9_]*)(?:=([^\s"'`\\#$]*))?[ \t]*$/;

/** The ARGs before the first FROM, as dockerfile-ast's getInitialARGs() gives their names and defaults. */
function initialArgs(text: string, s: ScannedDockerfile): Map<string, string | null> {
  const args = new Map<string, string | null>();
  let firstFrom = text.length;
  const simple: [string, string | null][] = [];
  let complex = false;
  for (const ins of s.instructions) {
    if (ins.keyword === 'FROM') { firstFrom = ins.start; break; }
    if (ins.keyword !== 'ARG') continue;
    const m = SIMPLE_ARG.exec(text.slice(ins.keywordEnd, ins.end));
    if (m) simple.push([m[1], m[2] ?? null]);
    else complex = true;
  }
  if (complex) {
    // Quotes, escapes, continuations: the library's property rules, on the text before the first
    // FROM only (instructions end before the next one starts, so they parse the same).
    for (const a of dockerfileAst().DockerfileParser.parse(text.slice(0, firstFrom)).getInitialARGs() as Arg[]) {
      const p = a.getProperty();
      if (p) args.set(p.getName(), p.getValue());
    }
  } else {
    for (const [k, v] of simple) args.set(k, v);
  }
  return args;
}

/** extractWithLibrary on the fast scanner's output: the same references, in the same order. */
function extractScanned(c: SiteCollector, s: ScannedDockerfile): void {
  const text = c.text;
  // The library's ranges are positions: an offset inside a \r\n comes back as the offset of its \r.
  const norm = (x: number) => (x > 0 && text.charCodeAt(x) === 10 && text.charCodeAt(x - 1) === 13 ? x - 1 : x);
  for (const d of s.directives) {
    if (d.name.toLowerCase() === 'syntax') c.image(d.value, norm(d.valueStart), norm(d.valueEnd), '# syntax=');
  }
  let globalArgs: Map<string, string | null> | null = null;
  const stages = new Set<string>();
  const args = (ins: ScannedInstruction) => argumentsOf(text, s.escape, ins.keywordEnd, ins.end);

  for (const ins of s.instructions) {
    const keyword = ins.keyword;
    if (keyword === 'FROM') {
      const all = args(ins);
      const rest = all.slice(flagsOf(text, all, keyword).length);
      if (rest.length) {
        const image = rest[0];
        const written = image.value;
        if (written) {
          let resolved = written;
          if (written.includes('$')) resolved = expandVariables(written, (globalArgs ??= initialArgs(text, s)));
          const lower = resolved.toLowerCase();
          if (lower !== 'scratch' && !stages.has(lower) && !resolved.includes('$')) c.image(written, norm(image.start), norm(image.end), 'FROM', resolved);
        }
        if (rest.length > 2 && rest[1].value.toUpperCase() === 'AS') {
          const stage = text.slice(norm(rest[2].start), norm(rest[2].end));
          if (stage) stages.add(stage.toLowerCase());
        }
      }
    } else if (keyword === 'COPY') {
      const flags = flagsOf(text, args(ins), keyword);
      const flag = flags.length === 1 && flags[0].name === 'from' ? flags[0] : null;
      const value = flag?.value;
      if (flag && value && !/^\d+$/.test(value) && !stages.has(value.toLowerCase())) c.image(value, norm(flag.valueStart), norm(flag.valueEnd), 'COPY --from');
    } else if (keyword === 'RUN' || keyword === 'CMD' || keyword === 'ENTRYPOINT') {
      let all = args(ins);
      if (keyword === 'RUN') {
        const flags = flagsOf(text, all, keyword);
        for (const flag of flags) {
          if (flag.name !== 'mount') continue;
          for (const o of flagOptions(flag)) {
            const v = o.value;
            if (o.name === 'from' && v && !stages.has(v.toLowerCase()) && !/^\d+$/.test(v)) c.image(v, norm(o.valueStart), norm(o.valueEnd), 'RUN --mount=from');
          }
        }
        if (flags.length) all = all.slice(flags.length);
      }
      if (all.length) {
        const start = norm(all[0].start);
        let shellText = text.slice(start, norm(all[all.length - 1].end));
        if (shellText.startsWith('[')) shellText = shellText.replace(/[[\],]/g, ' ');
        c.shell(shellText, start, keyword);
      }
    } else if (keyword === 'MAINTAINER') {
      const all = args(ins);
      const start = norm(ins.start);
      const end = norm(ins.end);
      const who = all.length ? text.slice(norm(all[0].start), norm(all[all.length - 1].end)).trim() : '';
      const label = `LABEL org.opencontainers.image.authors=${JSON.stringify(who)}`;
      c.deprecatedSyntax(start, end, 'Use LABEL org.opencontainers.image.authors: MAINTAINER is deprecated', {
        text: label,
        title: `Replace MAINTAINER with ${label}`,
        edits: [{ range: c.range(start, end), newText: label }],
      });
    }
  }
}

/** The reference path: dockerfile-ast's parse (also the fallback for input the scanner declines). */
function extractWithLibrary(c: SiteCollector): void {
  const df = dockerfileAst().DockerfileParser.parse(c.text);
  const off = (r: Range) => c.lines.offset(r.start);
  const end = (r: Range) => c.lines.offset(r.end);

  for (const d of df.getDirectives()) {
    if (d.getName().toLowerCase() === 'syntax') {
      const r = d.getValueRange();
      c.image(d.getValue(), off(r), end(r), '# syntax=');
    }
  }

  const globalArgs = new Map<string, string | null>();
  for (const a of df.getInitialARGs() as Arg[]) {
    const p = a.getProperty();
    if (p) globalArgs.set(p.getName(), p.getValue());
  }
  const stages = new Set<string>();

  for (const ins of df.getInstructions() as Instruction[]) {
    const keyword = ins.getKeyword();
    if (keyword === 'FROM') {
      const from = ins as From;
      const range = from.getImageRange();
      const written = from.getImage();
      if (range && written) {
        const resolved = written.includes('$') ? expandVariables(written, globalArgs) : written;
        const lower = resolved.toLowerCase();
        if (lower !== 'scratch' && !stages.has(lower) && !resolved.includes('$')) c.image(written, off(range), end(range), 'FROM', resolved);
      }
      const stage = from.getBuildStage();
      if (stage) stages.add(stage.toLowerCase());
    } else if (keyword === 'COPY' || keyword === 'ADD') {
      const flag = keyword === 'COPY' ? (ins as Copy).getFromFlag() : null;
      const value = flag?.getValue();
      const vr = flag?.getValueRange();
      if (value && vr && !/^\d+$/.test(value) && !stages.has(value.toLowerCase())) c.image(value, off(vr), end(vr), 'COPY --from');
    } else if (keyword === 'RUN' || keyword === 'CMD' || keyword === 'ENTRYPOINT') {
      if (keyword === 'RUN') {
        for (const flag of (ins as Run).getFlags()) {
          if (flag.getName() !== 'mount') continue;
          for (const o of flag.getOptions()) {
            const v = o.getValue();
            const vr = o.getValueRange();
            if (o.getName() === 'from' && v && vr && !stages.has(v.toLowerCase()) && !/^\d+$/.test(v)) c.image(v, off(vr), end(vr), 'RUN --mount=from');
          }
        }
      }
      const args = ins.getArguments();
      if (args.length) {
        const first = args[0].getRange();
        const last = args[args.length - 1].getRange();
        const start = off(first);
        let text = c.text.slice(start, end(last));
        if (text.startsWith('[')) text = text.replace(/[[\],]/g, ' ');
        c.shell(text, start, keyword);
      }
    } else if (keyword === 'MAINTAINER') {
      const r = ins.getRange();
      const argsRange = ins.getArgumentsRange();
      const who = argsRange ? c.text.slice(off(argsRange), end(argsRange)).trim() : '';
      const label = `LABEL org.opencontainers.image.authors=${JSON.stringify(who)}`;
      c.deprecatedSyntax(off(r), end(r), 'Use LABEL org.opencontainers.image.authors: MAINTAINER is deprecated', {
        text: label,
        title: `Replace MAINTAINER with ${label}`,
        edits: [{ range: r, newText: label }],
      });
    }
  }
}
