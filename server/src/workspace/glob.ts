/** Glob patterns (gitignore-style: **, *, ?, [abc], leading / anchors, trailing / for folders) as regular expressions over relative paths. */
export function globToRegExp(glob: string): RegExp {
  let g = glob.trim();
  let anchored = g.startsWith('/');
  if (anchored) g = g.slice(1);
  const dirOnly = g.endsWith('/');
  if (dirOnly) g = g.slice(0, -1);
  if (g.includes('/')) anchored = true;
  let re = '';
  for (let i = 0; i < g.length; i++) {
    const c = g[i];
    if (c === '*') {
      if (g[i + 1] === '*') {
        i++;
        if (g[i + 1] === '/') { i++; re += '(?:.*/)?'; } else re += '.*';
      } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const close = g.indexOf(']', i);
      if (close < 0) re += '\\[';
      else { re += g.slice(i, close + 1).replace(/\\/g, '\\\\'); i = close; }
    } else re += c.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  return new RegExp(`${anchored ? '^' : '(?:^|/)'}${re}${dirOnly ? '(?:/|$)' : '(?:/.*)?$'}`);
}

export interface IgnoreRule { re: RegExp; negate: boolean; base: string }

/** Parses a .gitignore's lines; base is the folder (relative, with trailing /) it lives in. */
export function parseIgnoreFile(text: string, base: string): IgnoreRule[] {
  const rules: IgnoreRule[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/\s+$/, '');
    if (!line || line.startsWith('#')) continue;
    const negate = line.startsWith('!');
    rules.push({ re: globToRegExp(negate ? line.slice(1) : line), negate, base });
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
