// Profiles the language server on one input: node bench/profile.mjs FILE [languageId] [edits]
// Writes a V8 CPU profile (node --cpu-prof) into bench/work/prof/ and prints the top functions by self
// time while the server worked on the open (didOpen sent -> diagnostics received), then on the edits.
// (The profile's clock and this process's hrtime are both the monotonic clock.)
import { readFileSync, readdirSync, mkdirSync, rmSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BenchClient, now } from './lsp.mjs';
import { SERVER_EXEC_ARGV, serverEnvironment } from './serverEnvironment.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const [file, languageId = 'yaml', editsArg = '20'] = process.argv.slice(2);
const dir = join(root, 'bench', 'work', 'prof');
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });
const c = new BenchClient({ name: 'ours', command: process.execPath, args: [...(process.env.PROFILE_NODE_ARGS ? process.env.PROFILE_NODE_ARGS.split(' ') : SERVER_EXEC_ARGV), '--cpu-prof', `--cpu-prof-dir=${dir}`, join(root, 'dist', 'server.js'), '--stdio'], settings: { containerAtlas: {} }, env: serverEnvironment(process.env) });
await c.initialize();
await new Promise((r) => setTimeout(r, 1000)); // as bench/run.mjs: the file opens in a running server
const text = readFileSync(file, 'utf8');
const openStart = now();
const o = await c.open(resolve(file), languageId, text);
const openEnd = now();
console.log(`open ${o.ms.toFixed(1)} ms, ${o.diagnostics} diagnostics`);
const lines = text.split('\n');
const line = lines.length >> 1;
const edits = [];
for (let i = 0; i < Number(editsArg); i++) edits.push(await c.editChar(o.uri, line, lines[line].length, i % 2 ? null : 'x'));
const editsEnd = now();
if (edits.length) console.log(`edits: ${edits.map((e) => e.toFixed(1)).join(' ')}`);
await c.close();
await new Promise((r) => setTimeout(r, 500));
const prof = JSON.parse(readFileSync(join(dir, readdirSync(dir)[0]), 'utf8'));
/** Self time per function (ms) of the samples taken between `from` and `to` (ms, monotonic). */
function top(from, to, n) {
  const self = new Map();
  let t = prof.startTime;
  prof.samples.forEach((id, i) => {
    t += prof.timeDeltas[i] ?? 0;
    if (t / 1000 < from || t / 1000 > to) return;
    const node = byId.get(id);
    const k = `${node.callFrame.functionName || '(anon)'} ${node.callFrame.url.split('/').slice(-2).join('/')}:${node.callFrame.lineNumber}`;
    self.set(k, (self.get(k) ?? 0) + (prof.timeDeltas[i + 1] ?? 0) / 1000);
  });
  for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, n)) console.log(v.toFixed(1).padStart(8), k);
}
const byId = new Map(prof.nodes.map((x) => [x.id, x]));
console.log(`-- open (${(openEnd - openStart).toFixed(0)} ms)`);
top(openStart, openEnd, 30);
if (edits.length) { console.log(`-- edits (${(editsEnd - openEnd).toFixed(0)} ms)`); top(openEnd, editsEnd, 20); }
