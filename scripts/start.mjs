// `npm start`: builds and packages the extension, installs the real editor if it is missing
// (code-server = VS Code 1.100.3 in the browser), installs the VSIX into it and opens a copy of the
// bundled sample workspace with its README showing. Prints the URL to open, last, once the editor
// answers on it; Ctrl+C stops it. The build, install and editor output goes to a log file (its path
// is printed when something fails).
// Runs beside `npm test`: its own port (PORT, else 8080 when free, else any free port), its own
// folders (.cache/editor, or ATLAS_START_STATE), and on Ctrl+C or SIGTERM it stops its own editor's
// processes only (code-server runs in a process group of its own). --no-package: use the VSIX built.
// The sample is copied outside any Git repository (the checkout is one), so VS Code's Git does not
// offer to open the parent repository.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync, readFileSync, cpSync, existsSync, openSync, appendFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import http from 'node:http';
import net from 'node:net';
import { START_SETTINGS, insideGitRepository, sampleWorkspaceDir } from './firstRun.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const state = process.env.ATLAS_START_STATE ?? join(root, '.cache', 'editor');
mkdirSync(state, { recursive: true });
const log = join(state, 'start.log');
writeFileSync(log, `npm start ${new Date().toISOString()}\n`);
const fail = (msg) => { console.error(`start: ${msg}\nThe full output is in ${log}`); process.exit(1); };
const host = process.env.HOST ?? '127.0.0.1';
/** Resolves with the port once listening on it works, or null when it is taken (0: any free port). */
const tryPort = (p) => new Promise((res) => {
  const srv = net.createServer().once('error', () => res(null)).listen(p, host, () => { const got = srv.address().port; srv.close(() => res(got)); });
});
let port;
if (process.env.PORT) {
  port = await tryPort(Number(process.env.PORT));
  if (port === null) { console.error(`start: port ${process.env.PORT} on ${host} is in use; choose another (PORT=… npm start) or leave PORT unset to pick a free one`); process.exit(1); }
} else {
  port = (await tryPort(8080)) ?? (await tryPort(0));
  if (port !== 8080) console.log(`start: port 8080 is in use (another editor, or npm test); using ${port}`);
}
/** Runs a step with its output in the log; on failure, says which step and where the output is. */
const run = (what, cmd, args) => {
  appendFileSync(log, `\n$ ${cmd} ${args.join(' ')}\n`);
  const fd = openSync(log, 'a');
  const r = spawnSync(cmd, args, { cwd: root, stdio: ['ignore', fd, fd] });
  if (r.status !== 0) fail(`${what} failed (exit ${r.status ?? r.signal})`);
};

if (!process.argv.includes('--no-package')) { console.log('start: building the extension…'); run('building and packaging the extension', 'npm', ['run', 'package', '--silent']); }
const editorDir = process.env.ATLAS_EDITOR_DIR ?? join(root, '.cache', 'vscode-web');
const codeServer = join(editorDir, 'code-server', 'bin', 'code-server');
if (!existsSync(codeServer)) console.log('start: installing VS Code (code-server), a few minutes the first time…');
run('installing the editor (scripts/install-editor.sh)', 'bash', [join(root, 'scripts/install-editor.sh'), 'code-server']);
const ext = join(state, 'extensions');
const user = join(state, 'user-data');
mkdirSync(join(user, 'User'), { recursive: true });
writeFileSync(join(user, 'User', 'settings.json'), JSON.stringify(START_SETTINGS, null, 2));
run('installing the extension into the editor', codeServer, ['--install-extension', join(root, `container-atlas-${pkg.version}.vsix`), '--force', '--extensions-dir', ext, '--user-data-dir', user]);
const workspace = sampleWorkspaceDir(state);
if (!existsSync(workspace)) cpSync(join(root, 'samples', 'workspace'), workspace, { recursive: true });
if (insideGitRepository(workspace)) fail(`the sample workspace ${workspace} is inside a Git repository; set ATLAS_START_STATE to a folder outside one`);
const url = `http://${host}:${port}/?folder=${encodeURIComponent(workspace)}`;
appendFileSync(log, `\n$ code-server on ${host}:${port}\n`);
const serverLog = openSync(log, 'a');
const child = spawn(codeServer, ['--auth', 'none', '--bind-addr', `${host}:${port}`, '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--extensions-dir', ext, '--user-data-dir', user, workspace], { stdio: ['ignore', serverLog, serverLog], detached: true });
// Stop this editor's process group (code-server, its extension host, the language server), nothing else.
let stopping = false;
const stop = () => { stopping = true; try { process.kill(-child.pid, 'SIGTERM'); } catch { /* gone */ } };
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, stop);
process.on('exit', stop);
let ready = false;
child.on('exit', (code) => { if (!ready && !stopping) fail(`code-server exited (${code}) before it answered`); process.exit(code ?? 0); });
// The URL is printed once the editor answers on it, as the last line.
const started = Date.now();
const probe = () => http.get(`http://${host}:${port}/healthz`, (res) => {
  res.resume();
  ready = true;
  console.log(`\nContainer Atlas is running in VS Code (code-server) on a copy of the sample workspace (Ctrl+C stops it). Open in a browser:\n\n    ${url}\n`);
}).on('error', () => {
  if (Date.now() - started > 120_000) { stop(); fail(`code-server did not answer on ${host}:${port} within 2 minutes`); }
  setTimeout(probe, 200);
});
probe();
