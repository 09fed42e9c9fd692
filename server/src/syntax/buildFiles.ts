import type { SiteCollector } from './sites';

/**
 * Build definitions that are not YAML: Docker Bake files (HCL or JSON) and Tiltfiles (Starlark).
 * Both are read as text, with patterns for the few shapes that name images; nothing is evaluated, so
 * strings with `${…}` interpolation are left out.
 */

/** A double-quoted string literal, as HCL and JSON write them: [value, start of the value, end]. */
function quoted(text: string, from: number, to: number): [string, number, number][] {
  const out: [string, number, number][] = [];
  const re = /"((?:[^"\\\n]|\\.)*)"/g;
  re.lastIndex = from;
  for (let m = re.exec(text); m && m.index < to; m = re.exec(text)) out.push([m[1], m.index + 1, m.index + 1 + m[1].length]);
  return out;
}

const literal = (s: string) => !!s && !s.includes('${') && !s.includes('\\');

/**
 * docker-bake.hcl / docker-bake.json (https://docs.docker.com/build/bake/reference/): the `tags` of
 * each target (the images it builds and pushes), and `docker-image://` contexts (images it builds
 * from) wherever they are written.
 */
export function extractBake(c: SiteCollector): void {
  const text = c.text;
  const tags = /(?:"tags"\s*:|\btags\s*=)\s*\[/g;
  for (let m = tags.exec(text); m; m = tags.exec(text)) {
    const close = text.indexOf(']', m.index + m[0].length);
    if (close < 0) break;
    for (const [v, s, e] of quoted(text, m.index + m[0].length, close)) if (literal(v)) c.image(v, s, e, 'tags');
  }
  const prefix = 'docker-image://';
  for (const [v, s, e] of quoted(text, 0, text.length)) {
    if (v.startsWith(prefix) && literal(v.slice(prefix.length))) c.image(v.slice(prefix.length), s + prefix.length, e, 'contexts');
  }
}

/**
 * Tiltfile (https://docs.tilt.dev/api.html): the image of `docker_build('ref', …)` and
 * `custom_build('ref', …)`, the first argument, as a literal string.
 */
export function extractTiltfile(c: SiteCollector): void {
  const re = /\b(docker_build|custom_build)\(\s*(?:ref\s*=\s*)?(['"])([^'"\n]+)\2/g;
  for (let m = re.exec(c.text); m; m = re.exec(c.text)) {
    const start = m.index + m[0].length - 1 - m[3].length;
    const line = c.text.lastIndexOf('\n', m.index) + 1;
    if (/^\s*#/.test(c.text.slice(line, m.index))) continue;
    if (literal(m[3])) c.image(m[3], start, start + m[3].length, m[1]);
  }
}
