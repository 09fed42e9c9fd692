// Real-world inputs and the shapes of issue #17, measured as an editor meets them: cold open (didOpen
// right after `initialize`, as when VS Code restores an editor), hovers from the first request after the
// diagnostics (no settle), one-character edits at several places (inside the largest document too),
// and warm open (a server that has been idle for a second). Used by bench/run.mjs.
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import { BenchClient, now, rssMB } from './lsp.mjs';

/** The `--realworld` / `--realworld-large` folders: given, or `../shared/realworld*` beside the repository if present. */
export function realworldDirs(root, opt, flag) {
  const pick = (option, name) => {
    if (flag('--no-realworld')) return null;
    const given = opt(option, null);
    if (given) {
      if (!existsSync(given)) throw new Error(`${option} ${given}: no such folder`);
      return resolve(given);
    }
    const beside = resolve(root, '..', 'shared', name);
    return existsSync(beside) ? beside : null;
  };
  return { realworld: pick('--realworld', 'realworld'), large: pick('--realworld-large', 'realworld-large') };
}

const YAML_RE = /\.ya?ml$/i;

/**
 * Editor inputs from the real-world folders: every YAML file of the large folder, an install bundle
 * made of its biggest CRD and its multi-document bundle (what an Argo CD or kube-prometheus install
 * manifest looks like), and the biggest manifest and Dockerfile of the real-world corpus.
 */
export function realworldInputs(dirs, workDir) {
  const out = [];
  if (dirs.large) {
    const files = readdirSync(dirs.large).filter((f) => YAML_RE.test(f)).map((f) => join(dirs.large, f)).sort();
    for (const path of files) out.push({ name: basename(path), path, languageId: 'yaml', note: `real: ${relative(resolve(dirs.large, '..'), path)}` });
    const sized = files.map((p) => ({ p, b: statSync(p).size, multi: /^---\s*$/m.test(readFileSync(p, 'utf8')) }));
    const crd = sized.filter((x) => !x.multi).sort((a, b) => b.b - a.b)[0];
    const bundle = sized.filter((x) => x.multi).sort((a, b) => b.b - a.b)[0];
    const crd2 = sized.filter((x) => !x.multi && x !== crd).sort((a, b) => b.b - a.b)[0];
    if (crd && bundle) {
      const parts = [crd, bundle, crd2].filter(Boolean);
      const text = parts.map((x) => readFileSync(x.p, 'utf8').replace(/\n*$/, '\n')).join('---\n');
      mkdirSync(workDir, { recursive: true });
      const path = join(workDir, 'install-bundle.yaml');
      writeFileSync(path, text);
      out.push({ name: 'install-bundle.yaml', path, languageId: 'yaml', note: `real, joined: ${parts.map((x) => basename(x.p)).join(' + ')}` });
    }
  }
  if (dirs.realworld) {
    const all = [];
    const walk = (d) => {
      for (const e of readdirSync(d, { withFileTypes: true })) {
        if (e.name === '.git' || e.name === 'node_modules') continue;
        const p = join(d, e.name);
        if (e.isDirectory()) walk(p);
        else if (e.isFile()) all.push(p);
      }
    };
    walk(dirs.realworld);
    const biggest = (re, test = () => true) => all.filter((p) => re.test(basename(p)) && test(p)).map((p) => ({ p, b: statSync(p).size })).sort((a, b) => b.b - a.b)[0]?.p;
    const manifest = biggest(YAML_RE, (p) => !/templates\//.test(p) && /^kind:/m.test(readFileSync(p, 'utf8')) && /^apiVersion:/m.test(readFileSync(p, 'utf8')));
    const dockerfile = biggest(/^(Dockerfile|Containerfile)(\..*)?$/);
    if (manifest) out.push({ name: basename(manifest), path: manifest, languageId: 'yaml', note: `real: biggest manifest of ${relative(resolve(dirs.realworld, '..'), manifest)}` });
    if (dockerfile) out.push({ name: basename(dockerfile), path: dockerfile, languageId: 'dockerfile', note: `real: biggest Dockerfile, ${relative(resolve(dirs.realworld, '..'), dockerfile)}` });
  }
  return out;
}

/** What an input is: size, lines, YAML documents, findings (all of them, from the CLI), largest document. */
export function describe(input, cli) {
  const text = readFileSync(input.path, 'utf8');
  const bytes = Buffer.byteLength(text);
  const lines = text.split('\n').length;
  let documents = 1;
  let largest = bytes;
  if (input.languageId !== 'dockerfile') {
    const starts = [0];
    const re = /^---[ \t]*$/gm;
    let m;
    while ((m = re.exec(text))) starts.push(m.index);
    starts.push(text.length);
    documents = starts.length - 1;
    largest = 0;
    for (let i = 1; i < starts.length; i++) largest = Math.max(largest, starts[i] - starts[i - 1]);
  }
  const r = spawnSync(process.execPath, [cli, 'scan', '--format', 'json', '--fail-on', 'none', input.path], { encoding: 'utf8', maxBuffer: 1 << 28 });
  let findings = NaN;
  let kind = '?';
  try {
    const f = JSON.parse(r.stdout).files[0];
    findings = f?.findings.length ?? 0;
    kind = f?.kind ?? 'not analysed';
  } catch { /* reported as n/a */ }
  const peer = input.languageId === 'dockerfile' ? 'dockerfile' : kind === 'compose' ? 'compose' : 'yaml';
  return { ...input, text, bytes, lines, documents, largest, findings, kind, peer };
}

/** The text's [start, end) line range of its largest YAML document. */
function largestDocumentLines(lines) {
  let best = [0, lines.length];
  let start = 0;
  for (let i = 0; i <= lines.length; i++) {
    if (i === lines.length || /^---[ \t]*$/.test(lines[i])) {
      if (i - start > best[1] - best[0] || (best[0] === 0 && best[1] === lines.length && start > 0)) best = [start, i];
      start = i + 1;
    }
  }
  if (best[1] - best[0] < 1) best = [0, lines.length];
  return best;
}

/**
 * A place for a one-character edit near line `near`: between the last two letters of the last word of
 * a line, the word not being the line's first token (so a Dockerfile instruction or a YAML key keeps
 * its meaning). Insert there, then delete it again, and the text is back as it was.
 */
function editableNear(lines, near, lo = 0, hi = lines.length) {
  for (let d = 0; d < hi - lo; d++) {
    for (const i of [near + d, near - d]) {
      if (i < lo || i >= hi) continue;
      const l = lines[i];
      const m = /^(\s*(?:-\s+)?\S+\s+.*[A-Za-z])([A-Za-z])\W*$/.exec(l);
      if (m && !/^\s*#/.test(l)) return { line: i, character: m[1].length };
    }
  }
  return null;
}

export function editPlaces(text) {
  const lines = text.split('\n');
  const [a, b] = largestDocumentLines(lines);
  const places = [
    ['start of the file', editableNear(lines, Math.min(lines.length - 1, 5))],
    ['middle of the file', editableNear(lines, lines.length >> 1)],
    ['middle of the largest document', editableNear(lines, (a + b) >> 1, a, b)],
    ['end of the file', editableNear(lines, Math.max(0, lines.length - 3))],
  ];
  const seen = new Set();
  return places.filter(([, p]) => p && !seen.has(p.line) && seen.add(p.line)).map(([where, p]) => ({ where, ...p }));
}

/** Hover targets: the image of image lines, apiVersion and kind values, Dockerfile FROM images. */
export function hoverPositions(text, languageId) {
  const out = [];
  text.split('\n').forEach((l, i) => {
    let m;
    if (languageId === 'dockerfile') {
      if ((m = /^(FROM\s+(?:--platform=\S+\s+)?)(\S+)/i.exec(l))) out.push({ line: i, character: m[1].length + 1 });
    } else if ((m = /^(\s*(?:-\s+)?image:\s*"?)([^\s"{]+)/.exec(l)) || (m = /^((?:apiVersion|kind):\s*)(\S+)/.exec(l))) out.push({ line: i, character: m[1].length + 1 });
  });
  return out;
}

/**
 * One measurement run of `input` on `server` (a bench/run.mjs SERVERS entry): a cold process (open,
 * hovers, edits) and a warm one (open after `settleMs`). Adds to `r`.
 */
export async function measureShape(input, server, r, { ours, settleMs, hoverWindowMs, hoverCap, editsPerPlace }) {
  const hovers = hoverPositions(input.text, input.languageId);
  const places = editPlaces(input.text);
  let c = new BenchClient(server);
  try {
    await c.initialize();
    const o = await c.open(input.path, input.languageId, input.text);
    r.cold.push(o.ms);
    r.diagnostics.push(o.diagnostics);
    r.sync = c.syncKind === 2 ? 'incremental' : 'full';
    // Hovers from the first request after the diagnostics, one after the other, for hoverWindowMs.
    const end = now() + hoverWindowMs;
    for (let i = 0; hovers.length && i < hoverCap && now() < end; i++) {
      const p = hovers[Math.floor((i * 7919) % hovers.length)];
      const h = await c.hover(o.uri, p.line, p.character);
      r.hover.push(h.ms);
      if (h.answered) r.hoverAnswered++;
      r.hoverAsked++;
    }
    for (const p of places) {
      const ms = await c.editChar(o.uri, p.line, p.character, 'x');
      r.edit.push(ms);
      (r.editAt[p.where] ??= []).push(ms);
      if (editsPerPlace > 1) {
        const back = await c.editChar(o.uri, p.line, p.character, null);
        r.edit.push(back);
        r.editAt[p.where].push(back);
      }
    }
    r.places = places.map((p) => `${p.where} (line ${p.line + 1})`);
  } catch (err) {
    r.errors.push(`${server.name} on ${input.name} (cold): ${String(err?.message ?? err).split('\n')[0]}`);
  } finally { await c.close(); }
  c = new BenchClient(server);
  try {
    await c.initialize();
    await new Promise((res) => setTimeout(res, settleMs));
    const o = await c.open(input.path, input.languageId, input.text);
    r.warm.push(o.ms);
    r.rss.push(rssMB(c.pid));
  } catch (err) {
    r.errors.push(`${server.name} on ${input.name} (warm): ${String(err?.message ?? err).split('\n')[0]}`);
  } finally { await c.close(); }
  void ours;
}

/** The CLI over a real corpus: wall time (median of `runs`), files analysed and their bytes, all bytes read. */
export async function cliCorpus(cli, dir, runs, median) {
  const json = spawnSync(process.execPath, [cli, 'scan', '--format', 'json', '--fail-on', 'none', dir], { encoding: 'utf8', maxBuffer: 1 << 30 });
  const j = JSON.parse(json.stdout);
  const analysedBytes = j.files.reduce((s, f) => s + statSync(f.path).size, 0);
  let corpusBytes = 0;
  let corpusFiles = 0;
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.name === '.git' || e.name === 'node_modules') continue;
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) { corpusBytes += statSync(p).size; corpusFiles++; }
    }
  };
  walk(dir);
  const wall = [];
  for (let i = 0; i < runs; i++) {
    const t0 = now();
    const r = spawnSync(process.execPath, [cli, 'scan', '--no-color', '--fail-on', 'none', dir], { encoding: 'utf8', maxBuffer: 1 << 28 });
    if (r.status !== 0) throw new Error(`cli scan ${dir}: exit ${r.status}\n${r.stderr}`);
    wall.push(now() - t0);
  }
  return { dir, wall: median(wall), runs: wall, scanned: j.summary?.scanned, analysed: j.files.length, analysedBytes, corpusBytes, corpusFiles, findings: j.files.reduce((s, f) => s + f.findings.length, 0) };
}
