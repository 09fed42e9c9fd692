/** A compiled glob: test() says whether a relative path (with / separators) matches. */
export interface GlobMatcher { test(path: string): boolean }

type Token =
  | { t: 'char'; c: string }
  | { t: 'one' }                                   // ?  : one character but /
  | { t: 'class'; negate: boolean; ranges: [number, number][] }
  | { t: 'star' }                                  // *  : any run without /
  | { t: 'any' }                                   // ** : anything
  | { t: 'dirs' }                                  // **/: nothing, or (the next state) …
  | { t: 'dirsInner' };                            //      anything ending in /

/**
 * Glob patterns (gitignore-style: **, *, ?, [abc], [!a-z], leading / anchors, trailing / for folders)
 * matched by simulating the pattern as an automaton: time linear in the path for a given pattern, so
 * a hostile .gitignore or exclude setting (`*a*a*a*a*a*b`) cannot make the scan hang, as a
 * backtracking regular expression could; and no pattern is invalid (`[z-a]` matches nothing).
 * The pattern matches a path when it matches the whole path or a leading part of it that ends at a
 * /; unanchored patterns (no / but at the end) may also start after any /.
 */
export function compileGlob(glob: string): GlobMatcher {
  let g = glob.trim();
  let anchored = g.startsWith('/');
  if (anchored) g = g.slice(1);
  if (g.endsWith('/')) g = g.slice(0, -1);
  if (g.includes('/')) anchored = true;
  const tokens: Token[] = [];
  for (let i = 0; i < g.length; i++) {
    const c = g[i];
    if (c === '*') {
      if (g[i + 1] === '*') {
        i++;
        if (g[i + 1] === '/') { i++; tokens.push({ t: 'dirs' }, { t: 'dirsInner' }); } else tokens.push({ t: 'any' });
      } else if (tokens[tokens.length - 1]?.t !== 'star') tokens.push({ t: 'star' });
    } else if (c === '?') tokens.push({ t: 'one' });
    else if (c === '[' && g.indexOf(']', i) > i) {
      const close = g.indexOf(']', i);
      let body = g.slice(i + 1, close);
      const negate = body.startsWith('!') || body.startsWith('^');
      if (negate) body = body.slice(1);
      const ranges: [number, number][] = [];
      for (let k = 0; k < body.length; k++) {
        if (body[k + 1] === '-' && k + 2 < body.length) { ranges.push([body.charCodeAt(k), body.charCodeAt(k + 2)]); k += 2; } else ranges.push([body.charCodeAt(k), body.charCodeAt(k)]);
      }
      tokens.push({ t: 'class', negate, ranges });
      i = close;
    } else tokens.push({ t: 'char', c });
  }
  const m = tokens.length;
  // Every match contains the pattern's longest literal run: most paths are rejected by includes().
  let required = '';
  for (let i = 0, run = ''; i <= m; i++) {
    const tk = tokens[i];
    if (tk?.t === 'char') run += tk.c;
    else { if (run.length > required.length) required = run; run = ''; }
  }
  let states = new Uint8Array(m + 1);
  let next = new Uint8Array(m + 1);
  // Adds state i and every state reachable from it without consuming a character.
  const add = (set: Uint8Array, i: number): void => {
    while (i <= m && !set[i]) {
      set[i] = 1;
      if (i === m) return;
      const t = tokens[i].t;
      if (t === 'dirs') { add(set, i + 1); i += 2; } else if (t === 'star' || t === 'any') i++; else return;
    }
  };
  return {
    test(path: string): boolean {
      if (required && !path.includes(required)) return false;
      states.fill(0);
      add(states, 0);
      for (let p = 0; ; p++) {
        if (states[m] && (p === path.length || path.charCodeAt(p) === 47)) return true;
        if (p === path.length) return false;
        const ch = path[p];
        const code = path.charCodeAt(p);
        next.fill(0);
        let alive = false;
        for (let i = 0; i < m; i++) {
          if (!states[i]) continue;
          const tk = tokens[i];
          switch (tk.t) {
            case 'char': if (tk.c === ch) { add(next, i + 1); alive = true; } break;
            case 'one': if (code !== 47) { add(next, i + 1); alive = true; } break;
            case 'class': if (tk.ranges.some(([lo, hi]) => code >= lo && code <= hi) !== tk.negate) { add(next, i + 1); alive = true; } break;
            case 'star': if (code !== 47) { add(next, i); alive = true; } break;
            case 'any': add(next, i); alive = true; break;
            case 'dirs': break;
            case 'dirsInner': add(next, i); if (code === 47) add(next, i + 1); alive = true; break;
          }
        }
        if (!anchored && code === 47) { add(next, 0); alive = true; }
        if (!alive && anchored) return false;
        [states, next] = [next, states];
      }
    },
  };
}

export interface IgnoreRule { re: GlobMatcher; negate: boolean; base: string }

/** Parses a .gitignore's lines; base is the folder (relative, with trailing /) it lives in. */
export function parseIgnoreFile(text: string, base: string): IgnoreRule[] {
  const rules: IgnoreRule[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/\s+$/, '');
    if (!line || line.startsWith('#')) continue;
    const negate = line.startsWith('!');
    rules.push({ re: compileGlob(negate ? line.slice(1) : line), negate, base });
  }
  return rules;
}

/** Whether a relative path (with / separators; folders end in /) is ignored by the rules, last match winning. */
export function isIgnored(rel: string, rules: IgnoreRule[]): boolean {
  let ignored = false;
  for (const r of rules) {
    if (r.base && !rel.startsWith(r.base)) continue;
    const sub = rel.slice(r.base.length).replace(/\/$/, '');
    if (r.re.test(sub) || r.re.test(rel.slice(r.base.length))) ignored = !r.negate;
  }
  return ignored;
}
