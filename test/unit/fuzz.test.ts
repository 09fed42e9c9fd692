/**
 * Property-based and fuzz tests of the whole analysis (every parser runs under analyze()):
 * generated Dockerfiles, Compose files, Kubernetes manifests, Helm templates, Quadlet units,
 * workflows, devcontainers, token soup and byte-level mutations of the real fixtures.
 *
 *   - no exception escapes analyze(), hover() or codeActions();
 *   - every reference, finding and edit range lies inside the document (LSP lines: \n, \r\n and \r end a line);
 *   - analysing the same text twice gives the same result;
 *   - analysing with an AnalysisCache after random edits equals a fresh analysis of the final text.
 *
 * CI runs a fixed seed and a small budget. `npm run fuzz` (scripts/fuzz.mjs) sets FUZZ_SEED (random),
 * FUZZ_RUNS / FUZZ_SECONDS and FUZZ_SAVE=1: a failing input is then shrunk and written to
 * test/fixtures/regressions/, which this file always replays.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { anyInput, edit, REGRESSIONS_DIR, type Edit } from '../fuzz/arbitraries';
import { checkIncremental, checkInput, lspLineLengths } from '../fuzz/properties';
import { strict as assert } from 'node:assert';
import { parseImageReference, formatImageReference } from '../../server/src/syntax/imageReference';
import { scanShell, shellTokens } from '../../server/src/syntax/shell';
import { expandVariables } from '../../server/src/syntax/dockerfile';

/** The shell tokenizer as first written, with regular expressions: the reference the table-driven one is checked against. */
function regexShellTokens(text: string, base = 0): { text: string; start: number; end: number }[] {
  const out: { text: string; start: number; end: number }[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i];
    if (c === '\\' && (text[i + 1] === '\n' || (text[i + 1] === '\r' && text[i + 2] === '\n'))) { i += text[i + 1] === '\r' ? 3 : 2; continue; }
    if (c === ' ' || c === '\t' || c === '\r') { i++; continue; }
    if (c === '#' && (i === 0 || /\s/.test(text[i - 1]))) { while (i < n && text[i] !== '\n') i++; continue; }
    const two = text.slice(i, i + 2);
    if (two === '&&' || two === '||' || two === '$(') { out.push({ text: two, start: base + i, end: base + i + 2 }); i += 2; continue; }
    if ('\n;|()`&{}'.includes(c)) { out.push({ text: c, start: base + i, end: base + i + 1 }); i++; continue; }
    const start = i;
    let word = '';
    while (i < n) {
      const ch = text[i];
      if (ch === '\\' && (text[i + 1] === '\n' || text[i + 1] === '\r')) break;
      if (/[\s;&|()`{}]/.test(ch) && !(ch === '{' || ch === '}')) break;
      if ((ch === '{' || ch === '}') && word === '') break;
      if (ch === '$' && text[i + 1] === '(') break;
      if (ch === '"' || ch === "'") { const close = text.indexOf(ch, i + 1); const end = close < 0 ? n : close; word += text.slice(i + 1, end); i = end + 1; continue; }
      if (ch === '\\' && i + 1 < n) { word += text[i + 1]; i += 2; continue; }
      word += ch;
      i++;
    }
    if (i > start) out.push({ text: word, start: base + start, end: base + Math.min(i, n) });
    else i++;
  }
  return out;
}
import { blankJsonComments } from '../../server/src/syntax/otherFormats';
import { maskTemplates, splitYamlDocuments } from '../../server/src/syntax/yamlDocuments';
import { compileGlob } from '../../server/src/io/glob';
import { imageRef } from '../fuzz/arbitraries';

/** The regular expression globs compiled to before compileGlob (the reference for what a glob means). */
function referenceGlob(glob: string): RegExp {
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
      if (g[i + 1] === '*') { i++; if (g[i + 1] === '/') { i++; re += '(?:.*/)?'; } else re += '.*'; } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const close = g.indexOf(']', i);
      if (close < 0) re += '\\[';
      else { re += g.slice(i, close + 1).replace(/\\/g, '\\\\'); i = close; }
    } else re += c.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  return new RegExp(`${anchored ? '^' : '(?:^|/)'}${re}${dirOnly ? '(?:/|$)' : '(?:/.*)?$'}`);
}

const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : 20261123;
const RUNS = process.env.FUZZ_RUNS ? Number(process.env.FUZZ_RUNS) : undefined;
const SECONDS = process.env.FUZZ_SECONDS ? Number(process.env.FUZZ_SECONDS) : undefined;
const SAVE = process.env.FUZZ_SAVE === '1';

let casesRun = 0;

/** Runs a property with the CI budget (or the fuzz budget), saving a shrunk counterexample when FUZZ_SAVE=1. */
function property<T>(name: string, arb: fc.Arbitrary<T>, check: (v: T) => void, ciRuns: number, save: (v: T) => { path: string; text: string; edits?: Edit[] }): void {
  const params: fc.Parameters<[T]> = { seed: SEED, numRuns: RUNS ?? ciRuns };
  if (SECONDS) Object.assign(params, { numRuns: RUNS ?? 1_000_000_000, interruptAfterTimeLimit: SECONDS * 1000, markInterruptAsFailure: false });
  const details = fc.check(fc.property(arb, (v) => { check(v); }), params);
  casesRun += details.numRuns;
  if (!details.failed) return;
  let where = '';
  if (SAVE && details.counterexample) {
    const c = save(details.counterexample[0]);
    const body = JSON.stringify({ property: name, seed: details.seed, found: new Date().toISOString().slice(0, 10), error: String(details.errorInstance).split('\n')[0].slice(0, 300), ...c }, null, 2);
    mkdirSync(REGRESSIONS_DIR, { recursive: true });
    const file = join(REGRESSIONS_DIR, `${name.replace(/\W+/g, '-')}-${createHash('sha256').update(body).digest('hex').slice(0, 10)}.json`);
    writeFileSync(file, body + '\n');
    where = `\nSaved as a regression fixture: ${file}`;
  }
  throw new Error(`${fc.defaultReportMessage(details)}${where}`);
}

describe('fuzz: the analysis never crashes, keeps ranges inside the document, is deterministic and incremental', function () {
  this.timeout(SECONDS ? SECONDS * 4000 + 60_000 : 60_000);

  after(() => {
    console.log(`      fuzz: ${casesRun} cases run (seed ${SEED}${RUNS ? `, runs ${RUNS}` : ''}${SECONDS ? `, ${SECONDS} s per property` : ''})`);
  });

  it('replays the saved regression inputs', () => {
    const files = existsSync(REGRESSIONS_DIR) ? readdirSync(REGRESSIONS_DIR).filter((f) => f.endsWith('.json')) : [];
    for (const f of files) {
      const r = JSON.parse(readFileSync(join(REGRESSIONS_DIR, f), 'utf8')) as { path: string; text: string; edits?: Edit[] };
      try {
        checkInput({ path: r.path, text: r.text });
        if (r.edits) checkIncremental({ path: r.path, text: r.text }, r.edits);
      } catch (err) { throw new Error(`regression ${f}: ${(err as Error).message}`); }
      casesRun++;
    }
  });

  it('generated and mutated files: no exception, ranges inside, same result twice', () => {
    property('analyze', anyInput(), checkInput, 3000, (v) => v);
  });

  it('every parser on its own: image references, shell, variables, JSON comments, Helm masking, document split, globs', () => {
    const text = fc.oneof(fc.string({ maxLength: 200 }), fc.string({ unit: 'binary', maxLength: 200 }), anyInput().map((i) => i.text.slice(0, 2000)));
    property('parsers', fc.tuple(text, imageRef), ([t, img]) => {
      for (const raw of [t.slice(0, 600), img]) {
        const r = parseImageReference(raw);
        if (r) {
          assert.equal(r.raw, raw);
          // A parsed reference formats back to one that parses to the same parts.
          const again = parseImageReference(formatImageReference(r.key, r.tag, r.digest));
          assert.ok(again && again.key === r.key && again.tag === r.tag && again.digest === r.digest, `${raw} round-trips`);
        }
      }
      assert.deepEqual(shellTokens(t, 7), regexShellTokens(t, 7), 'the shell tokenizer splits words as its regular-expression form does');
      for (const w of shellTokens(t, 7)) assert.ok(w.start >= 7 && w.end <= t.length + 7 && w.start <= w.end, 'shell word offsets inside the text');
      scanShell(t);
      expandVariables(t, new Map([['A', '${A}'], ['B', t.slice(0, 10)], ['C', null]]));
      const blanked = blankJsonComments(t);
      assert.equal(blanked.length, t.length, 'JSON comment blanking keeps offsets');
      assert.deepEqual(lspLineLengths(blanked).length, lspLineLengths(t).length, 'and lines');
      const masked = maskTemplates(t);
      assert.equal(masked.length, t.length, 'Helm masking keeps offsets');
      for (let i = 0; i < t.length; i++) if (t[i] === '\n' || t[i] === '\r') assert.equal(masked[i], t[i], 'and line breaks');
      let at = 0;
      for (const c of splitYamlDocuments(t)) {
        const i = t.indexOf(c.text, at);
        assert.ok(i >= at, 'chunks are the text, in order');
        assert.equal(c.startLine, lspLineLengths(t.slice(0, i)).length - 1, `chunk start line (LSP lines) of ${JSON.stringify(c.text.slice(0, 20))}`);
        at = i + c.text.length;
      }
    }, 1500, ([t, img]) => ({ path: 'parsers', text: t, image: img } as never));
  });

  it('globs match what the regular expressions matched, without their worst cases', () => {
    const seg = fc.array(fc.constantFrom('a', 'b', '.', '-', '*', '**', '?', '[ab]', '[a-c]', '\\', '+', '('), { minLength: 1, maxLength: 4 }).map((x) => x.join(''));
    const glob = fc.tuple(fc.boolean(), fc.array(seg, { minLength: 1, maxLength: 4 }), fc.boolean()).map(([lead, segs, trail]) => `${lead ? '/' : ''}${segs.join('/')}${trail ? '/' : ''}`);
    const path = fc.array(fc.array(fc.constantFrom('a', 'b', 'c', '.', '-', '\\', '+', '('), { minLength: 1, maxLength: 5 }).map((x) => x.join('')), { minLength: 1, maxLength: 5 }).map((x) => x.join('/'));
    property('globs', fc.tuple(glob, fc.array(path, { minLength: 1, maxLength: 5 })), ([g, paths]) => {
      const mine = compileGlob(g);
      const ref = referenceGlob(g);
      for (const p of paths) for (const q of [p, `${p}/`]) assert.equal(mine.test(q), ref.test(q), `${g} on ${q}`);
    }, 3000, ([g, paths]) => ({ path: 'glob', text: g, paths } as never));
  });

  it('incremental analysis after random edits equals a fresh analysis', () => {
    property('incremental', fc.tuple(anyInput(), fc.array(edit, { minLength: 1, maxLength: 6 })), ([input, edits]) => checkIncremental(input, edits), 2000,
      ([input, edits]) => ({ ...input, edits }));
  });
});
