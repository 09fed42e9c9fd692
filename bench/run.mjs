// The benchmark suite (issue #7): Container Atlas against the language servers users have today,
// measured in the same run, over stdio LSP as an editor speaks it.
//
//   npm run bench                      # full suite: writes bench/RESULTS.md and bench/latency.svg
//   node bench/run.mjs --quick         # CI smoke: small inputs, 1 run, 200-file workspace; asserts no speed
//   node bench/run.mjs --runs 3 --no-package --no-peers
//   node bench/run.mjs --realworld DIR --realworld-large DIR   # real files (default: ../shared/realworld* if present)
//   node bench/run.mjs --no-realworld                          # generated inputs only
//
// Inputs are generated deterministically (fixed seed) into bench/work/ (gitignored); real files are
// read from the folders given at run time and never copied into the repository. Every figure is the
// median over --runs fresh server processes (default 3). Nothing here fails on speed: the suite
// exits non-zero only when a measurement could not be taken.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync, mkdirSync, readdirSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join, resolve, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BenchClient, now, rssMB } from './lsp.mjs';
import { SERVER_EXEC_ARGV, serverEnvironment } from './serverEnvironment.mjs';
import { generateAll } from './generate.mjs';
import { latencyChart } from './chart.mjs';
import { generateShapes } from './generate.mjs';
import { realworldDirs, realworldInputs, describe, measureShape, cliCorpus } from './shapes.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const flag = (f) => argv.includes(f);
const opt = (f, d) => { const i = argv.indexOf(f); return i >= 0 ? argv[i + 1] : d; };
const quick = flag('--quick');
const RUNS = Number(opt('--runs', quick ? 1 : 3));
const PEERS = !flag('--no-peers');
const PACKAGE = !quick && !flag('--no-package');
const EDITS_OURS = quick ? 2 : 6;
const EDITS_PEER = quick ? 2 : 2;
const HOVER_CAP_OURS = quick ? 200 : 2000;
const HOVER_CAP_PEER = quick ? 20 : 150;
/** Time every server gets between `initialized` and the first didOpen (and before idle RSS is read). */
const SETTLE_MS = quick ? 200 : 1000;
const workDir = join(root, 'bench', 'work', quick ? 'quick' : 'full');
const outMd = quick ? join(root, 'bench', 'work', 'RESULTS-quick.md') : join(root, 'bench', 'RESULTS.md');
const outSvg = quick ? join(root, 'bench', 'work', 'latency-quick.svg') : join(root, 'bench', 'latency.svg');
const started = Date.now();
const log = (...a) => console.log(`[${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s]`, ...a);

const median = (xs) => {
  const v = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (!v.length) return NaN;
  const m = v.length >> 1;
  return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
};
const pct = (xs, p) => {
  const v = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (!v.length) return NaN;
  return v[Math.min(v.length - 1, Math.ceil((p / 100) * v.length) - 1)];
};

// ------------------------------------------------------------------ build ---
let vsix = null;
if (PACKAGE) {
  log('npm run package (production build + VSIX)');
  const r = spawnSync('npm', ['run', 'package', '--silent'], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) { console.error(r.stdout, r.stderr); process.exit(1); }
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const file = join(root, `container-atlas-${pkg.version}.vsix`);
  vsix = { file: relative(root, file), bytes: statSync(file).size };
} else if (!existsSync(join(root, 'dist', 'server.js')) || !existsSync(join(root, 'dist', 'cli.js'))) {
  log('node scripts/build.mjs');
  const r = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(1);
}

// ----------------------------------------------------------------- inputs ---
log(`generating inputs into ${relative(root, workDir)}`);
const inputs = generateAll(workDir, { quick });
// Real files only when asked for, or found beside the repository; the quick smoke run uses them only when given.
const rwDirs = quick && !opt('--realworld', null) && !opt('--realworld-large', null) ? { realworld: null, large: null } : realworldDirs(root, opt, flag);
const shapeInputs = [...realworldInputs(rwDirs, join(workDir, 'realworld')), ...generateShapes(workDir, { quick })];
log('inputs ready' + (rwDirs.realworld || rwDirs.large ? ` (real files from ${[rwDirs.large, rwDirs.realworld].filter(Boolean).join(', ')})` : ' (generated only: no real-world folders)'));

const mod = (...p) => join(root, 'node_modules', ...p);
const SERVERS = {
  // Started with the environment and Node flags the extension gives it (client/src/serverEnvironment.ts).
  ours: { name: 'Container Atlas', command: process.execPath, args: [...SERVER_EXEC_ARGV, join(root, 'dist', 'server.js'), '--stdio'], settings: { containerAtlas: {} }, env: serverEnvironment(process.env) },
  yaml: {
    name: 'yaml-language-server', pkg: 'yaml-language-server', command: process.execPath, args: [mod('yaml-language-server', 'bin', 'yaml-language-server'), '--stdio'],
    // Offline: no schema store download, no schemas; validation, hover and completion on (the defaults a user has).
    settings: { yaml: { schemaStore: { enable: false, url: '' }, schemas: {}, validate: true, hover: true, completion: true, format: { enable: false }, kubernetesCRDStore: { enable: false } }, http: { proxyStrictSSL: false } },
  },
  dockerfile: { name: 'dockerfile-language-server-nodejs', pkg: 'dockerfile-language-server-nodejs', command: process.execPath, args: [mod('dockerfile-language-server-nodejs', 'bin', 'docker-langserver'), '--stdio'], settings: { docker: { languageserver: { diagnostics: {} } } } },
  compose: { name: '@microsoft/compose-language-service', pkg: '@microsoft/compose-language-service', command: process.execPath, args: [mod('@microsoft', 'compose-language-service', 'bin', 'docker-compose-langserver'), '--stdio'], settings: {} },
};
for (const s of Object.values(SERVERS)) {
  if (s.pkg) s.version = JSON.parse(readFileSync(mod(...s.pkg.split('/'), 'package.json'), 'utf8')).version;
}

const files = Object.entries(inputs).filter(([k]) => k !== 'workspace').map(([name, v]) => ({
  name, ...v, text: readFileSync(v.path, 'utf8'),
  peer: v.kind === 'kubernetes' ? 'yaml' : v.kind === 'dockerfile' ? 'dockerfile' : 'compose',
}));

/** Positions of the image on every image line (k8s/compose `image:`, Dockerfile FROM / COPY --from). */
function imagePositions(text, kind) {
  const out = [];
  const lines = text.split('\n');
  lines.forEach((l, i) => {
    let m;
    if (kind === 'dockerfile') {
      if ((m = /^(FROM\s+(?:--platform=\S+\s+)?)(\S+)/.exec(l))) out.push({ line: i, character: m[1].length + 1 });
      else if ((m = /^(COPY\s+--from=)(\S+)/.exec(l))) out.push({ line: i, character: m[1].length + 1 });
    } else if ((m = /^(\s*(?:-\s+)?image:\s*"?)([^\s"]+)/.exec(l))) out.push({ line: i, character: m[1].length + 1 });
  });
  return out;
}
const sample = (xs, cap) => (xs.length <= cap ? xs : Array.from({ length: cap }, (_, i) => xs[Math.floor((i * xs.length) / cap)]));

/** Where the one-character edits go: a line in the middle of the file whose end is plain text. */
function editLine(text, kind) {
  const lines = text.split('\n');
  const re = kind === 'dockerfile' ? /^(EXPOSE|USER|WORKDIR) / : kind === 'compose' ? /^\s+LOG_LEVEL: / : /^\s+name: /;
  for (let d = 0; d < lines.length; d++) {
    for (const i of [(lines.length >> 1) + d, (lines.length >> 1) - d]) {
      if (i >= 0 && i < lines.length && re.test(lines[i])) return { line: i, character: lines[i].length };
    }
  }
  return { line: 0, character: 0 };
}

// -------------------------------------------------------------- LSP runs ---
const results = {};
const rec = (file, server) => (results[`${file}|${server}`] ??= { open: [], edit: [], hover: [], hoverAnswered: 0, hoverAsked: 0, rss: [], init: [], diagnostics: [], sync: null, errors: [] });

async function measureFile(f, serverKey, edits, hoverCap) {
  const s = SERVERS[serverKey];
  const r = rec(f.name, serverKey);
  const c = new BenchClient(s);
  try {
    await c.initialize();
    r.init.push(c.initializedAt - c.spawnedAt);
    r.sync = c.syncKind === 2 ? 'incremental' : 'full';
    // The file is opened in a running editor: give every server the same second to finish starting.
    await new Promise((res) => setTimeout(res, SETTLE_MS));
    const o = await c.open(f.path, f.languageId, f.text);
    r.open.push(o.ms);
    r.diagnostics.push(o.diagnostics);
    r.rss.push(rssMB(c.pid));
    const hovers = sample(imagePositions(f.text, f.kind), hoverCap);
    for (const p of hovers) {
      const h = await c.hover(o.uri, p.line, p.character);
      r.hover.push(h.ms);
      r.hoverAsked++;
      if (h.answered) r.hoverAnswered++;
    }
    const at = editLine(f.text, f.kind);
    for (let i = 0; i < edits; i++) r.edit.push(await c.editChar(o.uri, at.line, at.character, i % 2 === 0 ? 'x' : null));
  } catch (err) {
    r.errors.push(String(err?.message ?? err).split('\n')[0]);
    log(`  ${s.name}: ${String(err?.message ?? err).split('\n')[0]}`);
  } finally {
    await c.close();
  }
}

const SHAPES_ONLY = flag('--shapes-only'); // issue #17's section alone, for working on it (no targets of #7)
for (const f of SHAPES_ONLY ? [] : files) {
  const servers = PEERS ? ['ours', f.peer] : ['ours'];
  for (const sk of servers) {
    for (let run = 0; run < RUNS; run++) {
      await measureFile(f, sk, sk === 'ours' ? EDITS_OURS : EDITS_PEER, sk === 'ours' ? HOVER_CAP_OURS : HOVER_CAP_PEER);
    }
    const r = rec(f.name, sk);
    log(`${f.name} ${SERVERS[sk].name}: open ${median(r.open).toFixed(1)} ms, edit ${median(r.edit).toFixed(1)} ms, hover p99 ${pct(r.hover, 99).toFixed(2)} ms, RSS ${median(r.rss).toFixed(0)} MB`);
  }
}

// ------------------------------------------- real-world inputs and shapes ---
// Issue #17: cold open, hovers from the first request, edits at several places, warm open.
const SHAPE_HOVER_WINDOW_MS = quick ? 200 : 1000;
const shapes = shapeInputs.map((x) => describe(x, join(root, 'dist', 'cli.js')));
const shapeRes = {};
const srec = (name, server) => (shapeRes[`${name}|${server}`] ??= { cold: [], warm: [], edit: [], editAt: {}, hover: [], hoverAnswered: 0, hoverAsked: 0, rss: [], diagnostics: [], sync: null, places: [], errors: [] });
for (const f of shapes) {
  for (const sk of PEERS ? ['ours', f.peer] : ['ours']) {
    const r = srec(f.name, sk);
    for (let run = 0; run < RUNS; run++) {
      await measureShape(f, SERVERS[sk], r, { ours: sk === 'ours', settleMs: SETTLE_MS, hoverWindowMs: SHAPE_HOVER_WINDOW_MS, hoverCap: sk === 'ours' ? 2000 : 100, editsPerPlace: sk === 'ours' ? 2 : 1 });
    }
    for (const e of r.errors) log(`  ${e}`);
    log(`${f.name} ${SERVERS[sk].name}: cold ${median(r.cold).toFixed(1)} ms, warm ${median(r.warm).toFixed(1)} ms, edit ${median(r.edit).toFixed(1)} / worst ${Math.max(...r.edit).toFixed(1)} ms, hover p99 ${pct(r.hover, 99).toFixed(2)} ms (${r.hover.length})`);
  }
}

// ------------------------------------------------------- Node flags, cold ---
// The flags the extension starts the server with against none: the cold path (didOpen right after
// initialize, on the largest input) and idle RSS, measured together.
const flagsCmp = [];
if (!quick) {
  const largest = [...shapes].sort((a, b) => b.bytes - a.bytes)[0];
  const variants = [{ label: `extension flags (${SERVER_EXEC_ARGV.join(' ')})`, args: SERVER_EXEC_ARGV }, { label: 'no Node flags', args: [] }];
  for (const v of variants) {
    const server = { ...SERVERS.ours, args: [...v.args, join(root, 'dist', 'server.js'), '--stdio'] };
    const x = { label: v.label, input: largest.name, init: [], cold: [], idle: [] };
    for (let i = 0; i < RUNS; i++) {
      let c = new BenchClient(server);
      try { await c.initialize(); x.init.push(c.initializedAt - c.spawnedAt); x.cold.push((await c.open(largest.path, largest.languageId, largest.text)).ms); } finally { await c.close(); }
      c = new BenchClient(server);
      try { await c.initialize(); await new Promise((r) => setTimeout(r, SETTLE_MS)); x.idle.push(rssMB(c.pid)); } finally { await c.close(); }
    }
    flagsCmp.push(x);
    log(`flags ${v.label}: init ${median(x.init).toFixed(0)} ms, cold open of ${largest.name} ${median(x.cold).toFixed(0)} ms, idle RSS ${median(x.idle).toFixed(1)} MB`);
  }
}

// ------------------------------------------------ start-up and idle memory ---
const startup = { init: [], idle: [] };
const peerStartup = {};
async function measureStart(serverKey, into) {
  const c = new BenchClient(SERVERS[serverKey]);
  try {
    await c.initialize();
    into.init.push(c.initializedAt - c.spawnedAt);
    await new Promise((r) => setTimeout(r, SETTLE_MS));
    into.idle.push(rssMB(c.pid));
  } finally { await c.close(); }
}
for (let i = 0; i < RUNS; i++) await measureStart('ours', startup);
if (PEERS) for (const k of ['yaml', 'dockerfile', 'compose']) { peerStartup[k] = { init: [], idle: [] }; for (let i = 0; i < RUNS; i++) await measureStart(k, peerStartup[k]); }
log(`start -> initialize ${median(startup.init).toFixed(1)} ms, idle RSS ${median(startup.idle).toFixed(1)} MB`);

// -------------------------------------------------------------------- CLI ---
const cli = { wall: [], files: 0, bytes: inputs.workspace.bytes };
for (let i = 0; i < RUNS; i++) {
  const t0 = now();
  const out = await new Promise((resolveP, reject) => {
    const p = spawn(process.execPath, [join(root, 'dist', 'cli.js'), 'scan', '--no-color', '--fail-on', 'none', inputs.workspace.path], { stdio: ['ignore', 'pipe', 'pipe'] });
    let tail = '';
    p.stdout.on('data', (d) => { tail = (tail + d).slice(-4000); });
    p.on('error', reject);
    p.on('close', (code) => (code === 0 ? resolveP(tail) : reject(new Error(`cli exit ${code}`))));
  });
  cli.wall.push(now() - t0);
  const m = /(\d+) files? scanned \((\d+) analysed[^)]*\), (\d+) references?, (\d+) findings?/.exec(out);
  if (m) { cli.files = Number(m[2]); cli.references = Number(m[3]); cli.findings = Number(m[4]); }
}
const cliWall = median(cli.wall);
log(`CLI scan: ${cli.files} files in ${cliWall.toFixed(0)} ms`);
const cliReal = rwDirs.realworld ? await cliCorpus(join(root, 'dist', 'cli.js'), rwDirs.realworld, RUNS, median) : null;
if (cliReal) log(`CLI scan of ${cliReal.dir}: ${cliReal.corpusFiles} files, ${(cliReal.corpusBytes / 1048576).toFixed(1)} MB in ${cliReal.wall.toFixed(0)} ms`);

// ------------------------------------------------------------- activation ---
// Extension activation in the real editor: the client logs how long activate() took ("activated in
// N ms") in its output channel; the e2e harness starts code-server with the packaged VSIX, opens a
// Dockerfile (which activates the extension) and reads that line. Skipped with --quick / --no-editor.
const activation = { ms: NaN, runs: [], why: '' };
if (!quick && !flag('--no-editor') && PACKAGE) {
  try {
    const { startEditor } = await import('../test/e2e/harness.mjs');
    const { sampleWorkspace, VSIX } = await import('../test/e2e/workspace.mjs');
    for (let i = 0; i < Math.min(RUNS, 3); i++) {
      const editor = await startEditor({ vsix: VSIX, workspace: sampleWorkspace(), outDir: join(workDir, 'editor') });
      try {
        await editor.openFile('Dockerfile');
        const end = Date.now() + 60000;
        let ms;
        while (ms === undefined && Date.now() < end) {
          for (const f of editor.logFiles().filter((x) => x.includes('Container Atlas'))) {
            const m = /activated in ([\d.]+) ms/.exec(readFileSync(f, 'utf8'));
            if (m) ms = Number(m[1]);
          }
          if (ms === undefined) await new Promise((r) => setTimeout(r, 200));
        }
        if (ms !== undefined) activation.runs.push(ms);
      } finally { await editor.close(); }
    }
    activation.ms = median(activation.runs);
    log(`extension activation: ${activation.runs.map((x) => x.toFixed(1)).join(', ')} ms`);
  } catch (err) {
    activation.why = `not measured: the real editor could not be started (${err?.message ?? err})`;
  }
} else activation.why = 'not measured in this mode (--quick, --no-editor or --no-package)';

// ----------------------------------------------------------------- report ---
const fmtMs = (x) => (Number.isFinite(x) ? (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2)) : 'n/a');
const fmtMB = (x) => (Number.isFinite(x) ? x.toFixed(1) : 'n/a');
const ratio = (a, b) => (Number.isFinite(a) && Number.isFinite(b) && a > 0 ? `${(b / a).toFixed(1)}× faster (ours/theirs ${(a / b).toFixed(3)})` : 'n/a');
const kb = (b) => (b >= 1048576 ? `${(b / 1048576).toFixed(1)} MB` : b >= 1024 ? `${Math.round(b / 1024)} KB` : `${b} bytes`);
const verdict = (value, limit, minRatio, peerValue) => {
  if (!Number.isFinite(value)) return 'not measured';
  let ok = value <= limit;
  if (minRatio && PEERS) ok = ok && Number.isFinite(peerValue) && peerValue / value >= minRatio;
  return ok ? 'met' : '**not met**';
};

const rows = [];
const targets = [];
const F = (name) => files.find((f) => f.name === name);
for (const f of files) {
  const o = rec(f.name, 'ours');
  const p = PEERS ? rec(f.name, f.peer) : null;
  const peerName = PEERS ? `${SERVERS[f.peer].name} ${SERVERS[f.peer].version}` : '';
  rows.push({
    file: `${f.name} (${kb(f.bytes)}, ${f.lines.toLocaleString('en')} lines${f.documents ? `, ${f.documents.toLocaleString('en')} documents` : ''})`,
    peer: peerName,
    open: [median(o.open), p && median(p.open)], edit: [median(o.edit), p && median(p.edit)],
    h50: [pct(o.hover, 50), p && pct(p.hover, 50)], h99: [pct(o.hover, 99), p && pct(p.hover, 99)],
    rss: [median(o.rss), p && median(p.rss)],
    answered: [`${o.hoverAnswered / RUNS}/${o.hoverAsked / RUNS}`, p ? `${p.hoverAnswered / RUNS}/${p.hoverAsked / RUNS}` : ''],
    diags: [median(o.diagnostics), p && median(p.diagnostics)],
    sync: [o.sync, p?.sync], errors: [...o.errors, ...(p?.errors ?? [])],
  });
}
const row = (name) => rows.find((r) => r.file.startsWith(name));
if (!quick && !SHAPES_ONLY) {
  const k1 = row('k8s-1mb.yaml'), k10 = row('k8s-10mb.yaml'), df = row('Dockerfile.300kb'), cp = row('compose-500kb.yaml');
  const t = (what, value, unit, limit, minRatio, peerValue) => targets.push({ what, value: `${unit === 'MB' ? fmtMB(value) : fmtMs(value)} ${unit}`, target: `≤ ${limit} ${unit}${minRatio ? ` and ≥ ${minRatio}× faster than the peer` : ''}`, peer: peerValue == null ? '' : `${fmtMs(peerValue)} ${unit} (${Number.isFinite(peerValue / value) ? (peerValue / value).toFixed(1) : 'n/a'}×)`, verdict: verdict(value, limit, minRatio, peerValue) });
  t('1 MB manifest: open → diagnostics', k1.open[0], 'ms', 150, 10, k1.open[1]);
  t('1 MB manifest: edit → diagnostics', k1.edit[0], 'ms', 20, 50, k1.edit[1]);
  t('1 MB manifest: hover p99', k1.h99[0], 'ms', 5, 0, k1.h99[1]);
  t('10 MB manifest: open → diagnostics', k10.open[0], 'ms', 1500, 0, k10.open[1]);
  t('10 MB manifest: edit → diagnostics', k10.edit[0], 'ms', 30, 0, k10.edit[1]);
  targets.push({ what: '10 MB manifest: RSS after open', value: `${fmtMB(k10.rss[0])} MB`, target: '≤ 250 MB', peer: PEERS ? `${fmtMB(k10.rss[1])} MB` : '', verdict: verdict(k10.rss[0], 250) });
  t('300 KB Dockerfile: open → diagnostics', df.open[0], 'ms', 60, 0, df.open[1]);
  t('300 KB Dockerfile: hover p99', df.h99[0], 'ms', 5, 25, df.h99[1]);
  t('500 KB Compose file: open → diagnostics', cp.open[0], 'ms', 100, 10, cp.open[1]);
  t('server start → initialize result', median(startup.init), 'ms', 150, 0, null);
  if (Number.isFinite(activation.ms)) t('extension activation (real editor)', activation.ms, 'ms', 50, 0, null);
  else targets.push({ what: 'extension activation (real editor)', value: 'not measured', target: '≤ 50 ms', peer: '', verdict: 'not measured' });
  targets.push({ what: 'server RSS idle, catalog loaded', value: `${fmtMB(median(startup.idle))} MB`, target: '≤ 60 MB', peer: '', verdict: verdict(median(startup.idle), 60) });
  targets.push({ what: 'VSIX size', value: vsix ? kb(vsix.bytes) : 'not measured', target: '≤ 2 MB', peer: '', verdict: vsix ? verdict(vsix.bytes / 1048576, 2) : 'not measured' });
  targets.push({ what: `CLI scan, ${cli.files.toLocaleString('en')}-file workspace`, value: `${fmtMs(cliWall)} ms`, target: '≤ 5,000 ms', peer: '', verdict: verdict(cliWall, 5000) });
}

const cpu = cpus()[0]?.model ?? 'unknown';
const date = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
const cmd = `node bench/run.mjs${argv.length ? ' ' + argv.join(' ') : ''}`;
const L = [];
L.push(`# Benchmark results${quick ? ' (quick smoke run: small inputs, not the figures of issue #7)' : ''}`, '');
L.push(`- date: ${date}`);
L.push(`- machine: ${cpus().length} cores (nproc), ${cpu}, ${(totalmem() / 1073741824).toFixed(1)} GB RAM, ${process.platform} ${process.arch}`);
L.push(`- node ${process.version}; Container Atlas ${JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version} (${PACKAGE ? 'production bundle from `npm run package`' : 'dist/ as built'})`);
L.push(`- peers: ${Object.values(SERVERS).filter((s) => s.pkg).map((s) => `${s.pkg} ${s.version}`).join(', ')} (npm dev dependencies; yaml-language-server offline: schema store disabled, no schemas)`);
L.push(`- command: \`${cmd}\` (\`npm run bench\`); total ${((Date.now() - started) / 1000).toFixed(0)} s`);
L.push(`- method: every figure is the median over ${RUNS} run${RUNS > 1 ? 's' : ''}, each with a fresh server process spoken to over stdio as an editor does: spawn with \`--stdio\`, \`initialize\`, \`didOpen\` → first \`publishDiagnostics\`; hover on the image of every image line (\`image:\`, \`FROM\`, \`COPY --from\`; at most ${HOVER_CAP_OURS} lines for us and ${HOVER_CAP_PEER} for a peer, evenly spaced) one after the other; then ${EDITS_OURS} (peers: ${EDITS_PEER}) one-character edits in the middle of the file (insert, delete, …) each → next \`publishDiagnostics\`, sent as each server advertises (incremental or full sync). RSS is VmRSS from /proc after the first diagnostics. Ratios are theirs ÷ ours (how many times faster we are), from the same run.`);
L.push('');
if (targets.length) {
  L.push('## Targets (issue #7)', '', '| target | Container Atlas | limit | peer (× slower than us) | |', '|---|---|---|---|---|');
  for (const t of targets) L.push(`| ${t.what} | ${t.value} | ${t.target} | ${t.peer} | ${t.verdict} |`);
  L.push('');
}
L.push('## Editor measurements, ours vs the peer for the file type', '');
L.push('| file | server | sync | open → diagnostics | edit → diagnostics | hover p50 / p99 | hovers answered | diagnostics | RSS after open |', '|---|---|---|---|---|---|---|---|---|');
for (const r of rows) {
  L.push(`| ${r.file} | Container Atlas | ${r.sync[0]} | ${fmtMs(r.open[0])} ms | ${fmtMs(r.edit[0])} ms | ${fmtMs(r.h50[0])} / ${fmtMs(r.h99[0])} ms | ${r.answered[0]} | ${r.diags[0]} | ${fmtMB(r.rss[0])} MB |`);
  if (PEERS) {
    L.push(`| | ${r.peer} | ${r.sync[1]} | ${fmtMs(r.open[1])} ms | ${fmtMs(r.edit[1])} ms | ${fmtMs(r.h50[1])} / ${fmtMs(r.h99[1])} ms | ${r.answered[1]} | ${r.diags[1]} | ${fmtMB(r.rss[1])} MB |`);
    L.push(`| | **ratio** | | ${ratio(r.open[0], r.open[1])} | ${ratio(r.edit[0], r.edit[1])} | p99 ${ratio(r.h99[0], r.h99[1])} | | | |`);
  }
}
L.push('');
L.push('## Start-up, memory, CLI, package', '', '| figure | value |', '|---|---|');
L.push(`| Container Atlas: server start → \`initialize\` result | ${fmtMs(median(startup.init))} ms |`);
L.push(`| Container Atlas: RSS idle with the catalog loaded (1 s after \`initialized\`) | ${fmtMB(median(startup.idle))} MB |`);
for (const [k, v] of Object.entries(peerStartup)) L.push(`| ${SERVERS[k].name}: start → \`initialize\` result / idle RSS | ${fmtMs(median(v.init))} ms / ${fmtMB(median(v.idle))} MB |`);
L.push(`| extension activation in the real editor (activate() duration, logged by the client; code-server 4.100.3) | ${Number.isFinite(activation.ms) ? `${activation.ms.toFixed(1)} ms (median of ${activation.runs.length})` : activation.why} |`);
L.push(`| VSIX size | ${vsix ? `${kb(vsix.bytes)} (${vsix.bytes.toLocaleString('en')} bytes, ${vsix.file})` : 'not measured in this mode (no `npm run package`)'} |`);
const mb = cli.bytes / 1048576;
L.push(`| CLI \`scan\` of the generated workspace (${inputs.workspace.files.toLocaleString('en')} files, ${mb.toFixed(1)} MB; ${cli.files.toLocaleString('en')} analysed, ${cli.references?.toLocaleString('en')} references, ${cli.findings?.toLocaleString('en')} findings) | ${fmtMs(cliWall)} ms wall, ${(cli.files / (cliWall / 1000)).toFixed(0)} files/s, ${(mb / (cliWall / 1000)).toFixed(1)} MB/s |`);
L.push('');
// Issue #17: real files and shapes.
const shapeRows = [];
const shapeTargets = [];
let cliRealLine = '';
{
  const lim = (f) => Math.max(15, 150 * (f.bytes / 1048576));
  const mark = (ok) => (ok ? 'met' : '**not met**');
  const ratioOf = (o, p) => (Number.isFinite(o) && Number.isFinite(p) && o > 0 ? p / o : NaN);
  const rx = (x) => (Number.isFinite(x) ? `${x.toFixed(1)}×` : 'n/a');
  L.push('## Real files and input shapes (issue #17)', '');
  L.push(rwDirs.realworld || rwDirs.large
    ? `Real files read at run time from ${[rwDirs.large, rwDirs.realworld].filter(Boolean).map((d) => `\`${relative(root, d)}\``).join(' and ')} (\`--realworld-large DIR\`, \`--realworld DIR\`; not in the repository), and generated shapes.`
    : 'Ran on **generated inputs only**: no real-world folder was given (`--realworld DIR`, `--realworld-large DIR`) or found beside the repository (`../shared/realworld*`).');
  L.push('', `Method: *cold* is a fresh server given \`didOpen\` right after \`initialize\` (as when VS Code restores an editor), to the first diagnostics; then hovers (images, \`apiVersion\`, \`kind\`, \`FROM\`) one after the other from the first request after those diagnostics, with no settle, for ${SHAPE_HOVER_WINDOW_MS} ms (p50 / p99 over all runs); then one-character edits at the places listed (for us an insert and its delete at each, for a peer the insert), each to the next diagnostics: median and worst over all runs. *Warm* is another fresh server that had ${SETTLE_MS} ms after \`initialized\` before the open. Findings are all of them (\`container-atlas scan\`); the editor gets at most 1,000 per file. Peer: yaml-language-server for YAML, dockerfile-language-server-nodejs for Dockerfiles.`, '');
  L.push('| input | shape | server | cold open | warm open | edit median / worst | hover p50 / p99, first second | RSS after warm open |', '|---|---|---|---|---|---|---|---|');
  for (const f of shapes) {
    const o = srec(f.name, 'ours');
    const p = PEERS ? srec(f.name, f.peer) : null;
    const shape = `${kb(f.bytes)}, ${f.lines.toLocaleString('en')} lines, ${f.documents.toLocaleString('en')} document${f.documents === 1 ? '' : 's'}, largest ${kb(f.largest)}, ${Number.isFinite(f.findings) ? f.findings.toLocaleString('en') : 'n/a'} findings (${f.kind}); ${f.note}`;
    const cells = (r) => `${fmtMs(median(r.cold))} ms | ${fmtMs(median(r.warm))} ms | ${fmtMs(median(r.edit))} / ${fmtMs(r.edit.length ? Math.max(...r.edit) : NaN)} ms | ${r.hover.length ? `${fmtMs(pct(r.hover, 50))} / ${fmtMs(pct(r.hover, 99))} ms (${r.hover.length})` : 'no hover targets'} | ${fmtMB(median(r.rss))} MB`;
    L.push(`| ${f.name} | ${shape} | Container Atlas | ${cells(o)} |`);
    if (p) {
      L.push(`| | | ${SERVERS[f.peer].name} | ${cells(p)} |`);
      L.push(`| | | **ratio** | ${rx(ratioOf(median(o.cold), median(p.cold)))} | ${rx(ratioOf(median(o.warm), median(p.warm)))} | ${rx(ratioOf(median(o.edit), median(p.edit)))} | | |`);
    }
    const editPeer = p ? median(p.edit) : NaN;
    const real = f.note.startsWith('real');
    const row = { name: f.name, bytes: f.bytes, real, shape: `${kb(f.bytes)}, ${f.documents.toLocaleString('en')} doc${f.documents === 1 ? '' : 's'}, largest ${kb(f.largest)}, ${Number.isFinite(f.findings) ? f.findings.toLocaleString('en') : 'n/a'} findings, ${real ? 'real' : 'generated'}` };
    if (real && f.bytes >= 1048576 * 0.95 && f.bytes <= 2 * 1048576) {
      row.cold = { v: median(o.cold), r: ratioOf(median(o.cold), p && median(p.cold)), limit: '≤ 300 ms, ≥ 5×' };
      row.cold.ok = row.cold.v <= 300 && (!PEERS || row.cold.r >= 5);
    }
    row.warm = { v: median(o.warm), r: ratioOf(median(o.warm), p && median(p.warm)), limit: `≤ ${fmtMs(lim(f))} ms, ≥ 10×` };
    row.warm.ok = row.warm.v <= lim(f) && (!PEERS || row.warm.r >= 10);
    row.edit = { v: median(o.edit), worst: o.edit.length ? Math.max(...o.edit) : NaN, r: ratioOf(median(o.edit), editPeer) };
    row.edit.ok = row.edit.v <= 20 && row.edit.worst <= 50 && (!PEERS || row.edit.r >= 50);
    row.hover = { v: pct(o.hover, 99) };
    row.hover.ok = !o.hover.length || row.hover.v <= 5;
    shapeRows.push(row);
  }
  L.push('', 'Edit places: ' + shapes.map((f) => `${f.name}: ${srec(f.name, 'ours').places.join(', ')}`).join('; ') + '.', '');
  L.push('### Targets (issue #17)', '', 'Cold open applies to the real manifests of 1–2 MB; warm open\'s limit is 150 ms per MB (at least 15 ms: below 100 KB a round trip is not per MB). Ratios are the peer\'s time ÷ ours, same run.', '');
  const T = shapeTargets;
  T.push('| input | shape | cold open ≤ 300 ms, ≥ 5× | warm open ≤ 150 ms/MB, ≥ 10× | edit ≤ 20 ms median, ≤ 50 ms worst, ≥ 50× | hover p99 ≤ 5 ms, first second |', '|---|---|---|---|---|---|');
  for (const r of shapeRows) {
    T.push(`| ${r.name} | ${r.shape} | ${r.cold ? `${fmtMs(r.cold.v)} ms, ${rx(r.cold.r)}: ${mark(r.cold.ok)}` : '—'} | ${fmtMs(r.warm.v)} ms (limit ${r.warm.limit.split(',')[0].slice(2)}), ${rx(r.warm.r)}: ${mark(r.warm.ok)} | ${fmtMs(r.edit.v)} / ${fmtMs(r.edit.worst)} ms, ${rx(r.edit.r)}: ${mark(r.edit.ok)} | ${fmtMs(r.hover.v)} ms: ${mark(r.hover.ok)} |`);
  }
  L.push(...T, '');
  if (cliReal) {
    const mbs = cliReal.corpusBytes / 1048576 / (cliReal.wall / 1000);
    cliRealLine = `CLI \`scan\` of the real corpus \`${relative(root, cliReal.dir)}\` (${cliReal.corpusFiles.toLocaleString('en')} files, ${(cliReal.corpusBytes / 1048576).toFixed(1)} MB; ${cliReal.analysed.toLocaleString('en')} container files analysed, ${(cliReal.analysedBytes / 1048576).toFixed(1)} MB, ${cliReal.findings.toLocaleString('en')} findings): ${fmtMs(cliReal.wall)} ms wall (runs ${cliReal.runs.map((x) => x.toFixed(0)).join(', ')}), **${mbs.toFixed(1)} MB/s** of the corpus; target ≥ 25 MB/s: ${mark(mbs >= 25)}.`;
  } else cliRealLine = 'CLI over a real corpus: not measured (no `--realworld DIR`).';
  L.push(cliRealLine, '');
  if (flagsCmp.length) {
    L.push('### Node flags: cold path and idle RSS together', '', `| flags | start → \`initialize\` result | cold open of ${flagsCmp[0].input} | idle RSS (${SETTLE_MS} ms after \`initialized\`) |`, '|---|---|---|---|');
    for (const x of flagsCmp) L.push(`| ${x.label} | ${fmtMs(median(x.init))} ms | ${fmtMs(median(x.cold))} ms | ${fmtMB(median(x.idle))} MB |`);
    L.push('');
  }
  const serrs = Object.values(shapeRes).flatMap((r) => r.errors);
  if (serrs.length) L.push('Errors in this section:', '', ...serrs.map((e) => `- ${e}`), '');
}
const errs = rows.flatMap((r) => r.errors);
if (errs.length) { L.push('## Errors during the run', '', ...errs.map((e) => `- ${e}`), ''); }
L.push(`Chart: [latency.svg](${quick ? 'latency-quick.svg' : 'latency.svg'}) (open → diagnostics and edit → diagnostics against file size, log scales).`, '');
mkdirSync(dirname(outMd), { recursive: true });
writeFileSync(outMd, L.join('\n'));

const series = [{ key: 'ours', name: 'Container Atlas' }, ...(PEERS ? [{ key: 'yaml', name: SERVERS.yaml.name }, { key: 'dockerfile', name: SERVERS.dockerfile.name }, { key: 'compose', name: SERVERS.compose.name }] : [])];
const points = (metric) => series.map((s) => ({
  name: s.name,
  points: files.filter((f) => s.key === 'ours' || f.peer === s.key).map((f) => ({ x: f.bytes, y: median(rec(f.name, s.key)[metric]), label: f.name })).filter((p) => Number.isFinite(p.y)),
}));
writeFileSync(outSvg, latencyChart([{ title: 'open → first diagnostics', series: points('open') }, { title: 'one-character edit → diagnostics', series: points('edit') }], `Container Atlas vs peers, medians of ${RUNS} run(s), ${date.slice(0, 10)}, ${cpus().length} cores, node ${process.version}`));
log(`wrote ${relative(root, outMd)} and ${relative(root, outSvg)}`);

// The README quotes the targets from this run, between its bench markers (a full run only).
if (!quick && !SHAPES_ONLY && !flag('--no-readme')) {
  const readme = join(root, 'README.md');
  const text = readFileSync(readme, 'utf8');
  const begin = '<!-- bench:begin (written by npm run bench from bench/RESULTS.md) -->';
  const end = '<!-- bench:end -->';
  const i = text.indexOf(begin);
  const j = text.indexOf(end);
  if (i >= 0 && j > i) {
    const R = [begin, '', `Measured by \`${cmd}\` on ${date} (${cpus().length} cores, node ${process.version}, medians of ${RUNS} fresh server processes${rwDirs.realworld || rwDirs.large ? '' : '; **generated inputs only**: no real-world folders'}).`, ''];
    R.push('**Generated inputs (issue #7)**', '', '| target | Container Atlas | limit | peer (× slower than us) | |', '|---|---|---|---|---|');
    for (const t of targets) R.push(`| ${t.what} | ${t.value} | ${t.target} | ${t.peer} | ${t.verdict} |`);
    R.push('', '**Real files and input shapes (issue #17)**: cold open = `didOpen` right after `initialize`; hovers from the first request after the diagnostics, no settle; edits at the start, middle, inside the largest document and at the end. Ratios: peer ÷ ours.', '', ...shapeTargets, '', cliRealLine, '', end);
    writeFileSync(readme, text.slice(0, i) + R.join('\n') + text.slice(j + end.length));
    log('updated the README\'s performance tables');
  } else log('README has no bench markers: not updated');
}
console.log('\n' + L.join('\n'));
const failedRuns = rows.filter((r) => !Number.isFinite(r.open[0])).length + shapes.filter((f) => !Number.isFinite(median(srec(f.name, 'ours').warm))).length;
process.exit(failedRuns ? 1 : 0);
