import { DockerfileParser, type Instruction, type Run, type Copy, type From, type Arg } from 'dockerfile-ast';
import type { Collector } from '../analysis/collector';
import type { Range } from '../analysis/model';

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
export function extractDockerfile(c: Collector): void {
  const df = DockerfileParser.parse(c.text);
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
      c.deprecatedSyntax(off(r), end(r), 'MAINTAINER is deprecated; record the author with LABEL org.opencontainers.image.authors.', {
        text: label,
        edits: [{ range: r, newText: label }],
      });
    }
  }
}
