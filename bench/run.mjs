// The benchmark suite (issue #7): Container Atlas against the language servers users have today,
// measured in the same run, over stdio LSP as an editor speaks it.
//
//   npm run bench                      # full suite: writes bench/RESULTS.md and bench/latency.svg
//   node bench/run.mjs --quick         # CI smoke: small inputs, 1 run, 200-file workspace; asserts no speed
//   node bench/run.mjs --runs 3 --no-package --no-peers
//
// Inputs are generated deterministically (fixed seed) into bench/work/ (gitignored). Every figure is
// the median over --runs fresh server processes (default 5). Nothing here fails on speed: the suite
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

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const flag = (f) => argv.includes(f);
const opt = (f, d) => { const i = argv.indexOf(f); return i >= 0 ? argv[i + 1] : d; };
const quick = flag('--quick');
const RUNS = Number(opt('--runs', quick ? 1 : 5));
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
log('inputs ready');

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

for (const f of files) {
  const servers = PEERS ? ['ours', f.peer] : ['ours'];
  for (const sk of servers) {
    for (let run = 0; run < RUNS; run++) {
      await measureFile(f, sk, sk === 'ours' ? EDITS_OURS : EDITS_PEER, sk === 'ours' ? HOVER_CAP_OURS : HOVER_CAP_PEER);
    }
    const r = rec(f.name, sk);
    log(`${f.name} ${SERVERS[sk].name}: open ${median(r.open).toFixed(1)} ms, edit ${median(r.edit).toFixed(1)} ms, hover p99 ${pct(r.hover, 99).toFixed(2)} ms, RSS ${median(r.rss).toFixed(0)} MB`);
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
  const m = /(\d+) files? scanned, (\d+) references?, (\d+) findings?/.exec(out);
  if (m) { cli.files = Number(m[1]); cli.references = Number(m[2]); cli.findings = Number(m[3]); }
}
const cliWall = median(cli.wall);
log(`CLI scan: ${cli.files} files in ${cliWall.toFixed(0)} ms`);

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
const kb = (b) => (b >= 1048576 ? `${(b / 1048576).toFixed(1)} MB` : `${Math.round(b / 1024)} KB`);
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
if (!quick) {
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
console.log('\n' + L.join('\n'));
const failedRuns = rows.filter((r) => !Number.isFinite(r.open[0])).length;
process.exit(failedRuns ? 1 : 0);
