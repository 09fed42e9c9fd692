/**
 * Soak test: a long editing session against dist/server.js over LSP — thousands of opens, edits,
 * hovers, code actions and closes across hundreds of documents. Memory returns near its baseline once
 * everything is closed (RSS from /proc), and hover latency does not drift (median of the last 10%
 * against the first 10%). SOAK_DOCS scales it (CI: 2,000 documents).
 */
import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import { LspClient } from './client';

const DOCS = Number(process.env.SOAK_DOCS ?? 2000);
const OPEN_AT_ONCE = 100;
const EDITS = 4;
const WARMUP = 600;

function procStatus(pid: number): { rss: number; hwm: number } {
  const s = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (k: string) => Number(new RegExp(`^${k}:\\s+(\\d+) kB`, 'm').exec(s)?.[1] ?? NaN);
  return { rss: kb('VmRSS') / 1024, hwm: kb('VmHWM') / 1024 };
}

const median = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };

/** A document of one of the kinds the server handles, different for each i, with a reference on line `line`. */
function documentFor(i: number): { uri: string; languageId: string; text: string; line: number; character: number } {
  switch (i % 4) {
    case 0: return { uri: `file:///soak/${i}/Dockerfile`, languageId: 'dockerfile', line: 1, character: 8, text: `# build ${i}\nFROM boot2docker/boot2docker AS s${i}\nMAINTAINER team-${i}\nRUN pip install docker-compose && docker-machine ls\n${'RUN echo step\n'.repeat(i % 50)}FROM java:8\n` };
    case 1: return { uri: `file:///soak/${i}/compose.yaml`, languageId: 'dockercompose', line: 3, character: 14, text: `version: "3"\nservices:\n  web${i}:\n    image: jwilder/nginx-proxy:1.0\n    links: [db]\n  db:\n    image: postgres:9.6\n${Array.from({ length: i % 30 }, (_, k) => `  s${k}:\n    image: nginx:1.${k}\n`).join('')}` };
    case 2: return { uri: `file:///soak/${i}/deploy.yaml`, languageId: 'yaml', line: 0, character: 16, text: `apiVersion: extensions/v1beta1\nkind: Deployment\nmetadata:\n  name: d${i}\nspec:\n  template:\n    spec:\n      containers:\n        - name: a\n          image: k8s.gcr.io/pause:3.${i % 10}\n${Array.from({ length: i % 8 }, (_, k) => `---\napiVersion: batch/v1beta1\nkind: CronJob\nmetadata:\n  name: c${k}\nspec:\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          containers: [{name: a, image: python:2.7}]\n`).join('')}` };
    default: return { uri: `file:///soak/${i}/app.container`, languageId: 'quadlet', line: 1, character: 8, text: `[Container]\nImage=docker.io/library/java:8\nExec=docker-compose up ${i}\n` };
  }
}

describe('soak: a long session over LSP', function () {
  this.timeout(180_000);
  let client: LspClient;
  before(async () => {
    client = new LspClient({ process: true });
    client.settings = { asOf: '2026-11-22' };
    await client.initialize();
  });
  after(async () => { await client?.close(); });

  it(`${DOCS} documents, ${OPEN_AT_ONCE} open at a time: memory returns to baseline, hover latency does not drift`, async function () {
    if (!existsSync(`/proc/${client.proc!.pid}/status`)) this.skip();
    const pid = client.proc!.pid!;
    let ops = 0;
    const hoverMs: number[] = [];
    const open: string[] = [];
    const close = async (uri: string) => { await client.conn.sendNotification('textDocument/didClose', { textDocument: { uri } }); ops++; };

    const session = async (from: number, to: number, measure: boolean) => {
      for (let i = from; i < to; i++) {
        const d = documentFor(i);
        const published = client.waitDiagnostics(d.uri, (x) => x.length > 0, 30_000);
        await client.open(d.uri, d.languageId, d.text);
        ops++;
        await published;
        open.push(d.uri);
        for (let v = 2; v < 2 + EDITS; v++) {
          // An edit on the last line and one that inserts a line at the top (every range below it moves).
          const changes = v % 2
            ? [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: `# edit ${v}\n` }]
            : [{ range: { start: { line: 10_000, character: 0 }, end: { line: 10_000, character: 0 } }, text: `# tail ${v}\n` }];
          await client.conn.sendNotification('textDocument/didChange', { textDocument: { uri: d.uri, version: v }, contentChanges: changes });
          ops++;
          const line = d.line + Math.floor((v - 1) / 2);
          const t0 = performance.now();
          const h = await client.request('textDocument/hover', { textDocument: { uri: d.uri }, position: { line, character: d.character } });
          if (measure) hoverMs.push(performance.now() - t0);
          ops++;
          assert.ok(h?.contents?.value, `hover on ${d.uri} line ${line}`);
        }
        await client.request('textDocument/codeAction', { textDocument: { uri: d.uri }, range: { start: { line: 0, character: 0 }, end: { line: 20, character: 0 } }, context: { diagnostics: [] } });
        await client.request('textDocument/documentLink', { textDocument: { uri: d.uri } });
        ops += 2;
        if (i % 50 === 0) { await client.request('containerAtlas/inventory', {}); ops++; }
        while (open.length > OPEN_AT_ONCE) await close(open.shift()!);
      }
      while (open.length) await close(open.shift()!);
    };

    // Warm up (JIT, catalog indexes, first allocations), then take the baseline.
    await session(0, WARMUP, false);
    await new Promise((r) => setTimeout(r, 1000));
    const baseline = procStatus(pid).rss;
    const t0 = Date.now();
    await session(WARMUP, WARMUP + DOCS, true);
    const seconds = (Date.now() - t0) / 1000;
    // Let the server go idle; V8 collects when idle or under pressure.
    await client.request('textDocument/hover', { textDocument: { uri: 'file:///soak/none' }, position: { line: 0, character: 0 } });
    // RSS settles as V8 gives pages back: take the lowest of a few samples over 3 s.
    let after = procStatus(pid);
    for (let k = 0; k < 12; k++) {
      await new Promise((r) => setTimeout(r, 250));
      const now = procStatus(pid);
      if (now.rss < after.rss) after = now; else after = { rss: after.rss, hwm: now.hwm };
    }
    const n = Math.max(5, Math.floor(hoverMs.length / 10));
    const first = median(hoverMs.slice(0, n));
    const last = median(hoverMs.slice(-n));
    console.log(`      soak: ${ops} operations on ${DOCS + WARMUP} documents in ${seconds.toFixed(1)} s; RSS baseline ${baseline.toFixed(0)} MB, after closing all ${after.rss.toFixed(0)} MB, peak ${after.hwm.toFixed(0)} MB; hover median first 10% ${first.toFixed(2)} ms, last 10% ${last.toFixed(2)} ms`);
    assert.ok(ops >= 5000 || DOCS < 600, `thousands of operations: ${ops}`);
    assert.ok(after.rss < baseline + 60, `RSS after closing every document (${after.rss.toFixed(0)} MB) is within 60 MB of the baseline (${baseline.toFixed(0)} MB)`);
    assert.ok(last <= first * 3 + 2, `hover latency does not drift: median ${first.toFixed(2)} ms in the first 10%, ${last.toFixed(2)} ms in the last 10%`);
    assert.equal(client.proc!.exitCode, null, 'the server is alive');
  });
});
