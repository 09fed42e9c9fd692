/**
 * Hostile and extreme inputs, unit level: each either completes within a bound proportional to its
 * size (generous: the bounds are 10-20x what the machine needs, so they catch hangs and blow-ups,
 * not slowness) or is skipped with an information diagnostic. The LSP-level ones are in
 * test/lsp/hostile.test.ts.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync, unlinkSync, truncateSync, appendFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { analyze, AnalysisCache } from '../../server/src/analysis/analyze';
import type { FileAnalysis } from '../../server/src/analysis/model';
import { readTextFile } from '../../server/src/io/readFile';
import { walkFiles } from '../../server/src/io/walk';
import { scanPaths } from '../../server/src/cli/scan';
import { hover } from '../../server/src/features/hover';
import { OPTIONS, realCatalog, textAt } from '../helpers';
import { checkRanges } from '../fuzz/properties';

const MB = 1024 * 1024;
let passed = 0;

/** Runs fn, checks it finished within limitMs, and returns its result and the time it took. */
function timed<T>(what: string, limitMs: number, fn: () => T): T {
  const t0 = performance.now();
  const r = fn();
  const ms = performance.now() - t0;
  assert.ok(ms < limitMs, `${what} took ${ms.toFixed(0)} ms (limit ${limitMs} ms)`);
  return r;
}

async function timedAsync<T>(what: string, limitMs: number, fn: () => Promise<T>): Promise<T> {
  const t0 = performance.now();
  const r = await fn();
  const ms = performance.now() - t0;
  assert.ok(ms < limitMs, `${what} took ${ms.toFixed(0)} ms (limit ${limitMs} ms)`);
  return r;
}

function run(path: string, text: string, extra: { maxFileSize?: number } = {}, limitMs = 10_000): FileAnalysis {
  const a = timed(`analysing ${path} (${(text.length / MB).toFixed(2)} MB)`, limitMs, () => analyze({ path, text }, realCatalog(), { ...OPTIONS, ...extra }));
  assert.ok(a, `${path} was recognized`);
  checkRanges(a, text);
  return a;
}

const k8sPod = (image: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: a\n      image: ${image}\n`;

describe('hostile and extreme inputs (unit)', function () {
  this.timeout(120_000);
  const dirs: string[] = [];
  const tmp = () => { const d = mkdtempSync(join(tmpdir(), 'atlas-hostile-')); dirs.push(d); return d; };
  afterEach(function () { if (this.currentTest?.state === 'passed') passed++; });
  after(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
    console.log(`      hostile inputs (unit): ${passed} passed; peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
  });

  it('YAML alias bombs ("billion laughs") in Compose and Kubernetes files complete quickly', () => {
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 10; i++) levels.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${String.fromCharCode(96 + i)}`).join(',')}]`);
    const bomb = levels.join('\n');
    run('compose.yaml', `${bomb}\nservices:\n  x:\n    image: *j\n    <<: *j\n  y:\n    <<: [*a, *b, *c, *d, *e, *f, *g, *h, *i, *j]\n    image: java:8\n`);
    const k = run('k8s/bomb.yaml', `apiVersion: v1\nkind: Pod\nx-bomb:\n${bomb.split('\n').map((l) => `  ${l}`).join('\n')}\nspec:\n  runtimeClassName: *j\n  containers: *j\n  initContainers:\n    - <<: *j\n      name: a\n      image: k8s.gcr.io/pause:3.2\n`);
    assert.ok(k.references.some((r) => r.text === 'k8s.gcr.io/pause:3.2'));
    // Aliases of image scalars are followed once: the reference is where the anchor is.
    const c = run('compose.yaml', 'x: &img java:8\nservices:\n' + Array.from({ length: 5000 }, (_, i) => `  s${i}:\n    image: *img\n`).join(''));
    assert.ok(c.findings.length > 0);
  });

  it('10,000-deep nesting, flow and block, in YAML and JSON', () => {
    const N = 10_000;
    run('k8s/flow-seq.yaml', `apiVersion: v1\nkind: Pod\nspec: ${'['.repeat(N)}x${']'.repeat(N)}\n`);
    run('k8s/flow-map.yaml', `apiVersion: v1\nkind: Pod\nspec: ${'{a: '.repeat(N)}x${'}'.repeat(N)}\n`);
    run('compose.yaml', `services: ${'{a: '.repeat(N)}x${'}'.repeat(N)}\n`);
    run('k8s/block-seq.yaml', `apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    ${'- '.repeat(N)}x\n`);
    // Block mappings indented one space per level (50 MB at 10,000 levels would be over maxFileSize: 3,000 levels is 4.5 MB).
    const M = 3000;
    let block = 'apiVersion: v1\nkind: Pod\nspec:\n';
    for (let i = 1; i <= M; i++) block += `${' '.repeat(i)}a${i}:\n`;
    run('k8s/block-map.yaml', block + `${' '.repeat(M + 1)}image: java:8\n`);
    run('.devcontainer/devcontainer.json', `{"image": "java:8", "features": ${'{"a": '.repeat(N)}1${'}'.repeat(N)}}`);
    run('.devcontainer/devcontainer.json', `${'['.repeat(N)}${']'.repeat(N)}`);
  });

  it('a 50 MB file is skipped with the maxFileSize information diagnostic; with the limit raised it completes', () => {
    // Big YAML in the wild is generated: a ConfigMap or CRD with a large block scalar, and many small documents.
    const pods = Array.from({ length: 2000 }, (_, i) => k8sPod(`k8s.gcr.io/pause:3.${i}`)).join('---\n');
    const blob = '    lorem ipsum dolor sit amet, consectetur adipiscing elit\n';
    const big = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\ndata:\n  blob: |\n${blob.repeat(Math.ceil((50 * MB) / blob.length))}---\n${pods}`;
    assert.ok(big.length >= 50 * MB);
    const skipped = run('k8s/big.yaml', big, {}, 2_000);
    assert.equal(skipped.references.length, 0);
    assert.equal(skipped.findings.length, 1);
    assert.equal(skipped.findings[0].rule, 'analysis-skipped');
    assert.equal(skipped.findings[0].severity, 'information');
    assert.deepEqual(skipped.findings[0].range, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
    assert.match(skipped.findings[0].message, /File not analysed: it is 50\.\d MB, larger than containerAtlas\.maxFileSize \(20\.0 MB\)\. Raise the setting/);
    const full = run('k8s/big.yaml', big, { maxFileSize: 60 * MB }, 60_000);
    assert.equal(full.references.filter((r) => r.kind === 'image').length, 2000);
    // 5 MB of small documents (90,000 of them): the cost is per document.
    const doc = k8sPod('k8s.gcr.io/pause:3.2') + '---\n';
    const many = run('k8s/many.yaml', doc.repeat(Math.ceil((5 * MB) / doc.length)), {}, 30_000);
    assert.equal(many.references.filter((r) => r.kind === 'image').length, Math.ceil((5 * MB) / doc.length));
  });

  it('a 1 MB single line (Dockerfile RUN, YAML scalar, flow sequence)', () => {
    const a = run('Dockerfile', `FROM java:8\nRUN echo ${'a'.repeat(MB)} && docker-machine ls\n`);
    assert.ok(a.references.some((r) => r.text === 'docker-machine'));
    run('k8s/line.yaml', k8sPod('x'.repeat(MB)));
    run('k8s/flow.yaml', `apiVersion: v1\nkind: Pod\nspec: {containers: [${Array.from({ length: 40_000 }, (_, i) => `{name: c${i}, image: java:8}`).join(', ')}]}\n`);
    run('Dockerfile', `FROM ${'a'.repeat(MB)}\n`);
    run('compose.yaml', `services: {a: {image: "${'\\u0041'.repeat(MB / 6)}"}}`);
  });

  it('binary files and invalid UTF-8 through the file reader, then the analysis', async () => {
    const dir = tmp();
    const bin = Buffer.alloc(64 * 1024);
    for (let i = 0; i < bin.length; i++) bin[i] = (i * 7919 + 13) & 0xff;
    writeFileSync(join(dir, 'Dockerfile'), bin);
    writeFileSync(join(dir, 'compose.yaml'), Buffer.concat([Buffer.from('services:\n  a:\n    image: java:8\n    x: "'), Buffer.from([0xc3, 0x28, 0xa0, 0xa1, 0xe2, 0x28, 0xa1, 0xf0, 0x90, 0x28, 0xbc, 0xff, 0xfe]), Buffer.from('"\n')]));
    writeFileSync(join(dir, 'Containerfile'), Buffer.from([0xef, 0xbb, 0xbf, ...Buffer.from('FROM java:8\r\n')]));
    const b = await readTextFile(join(dir, 'Dockerfile'), 20 * MB);
    assert.ok(b.text !== null && b.warning?.includes('not valid UTF-8'));
    const ab = run('Dockerfile', b.text);
    assert.match(ab.findings[0]?.message ?? '', /looks binary/);
    const c = await readTextFile(join(dir, 'compose.yaml'), 20 * MB);
    assert.match(c.warning!, /invalid bytes were read as U\+FFFD/);
    assert.ok(c.text!.includes('\ufffd'));
    const ac = run('compose.yaml', c.text!);
    assert.ok(ac.findings.some((f) => f.rule === 'deprecated-image'), JSON.stringify(ac.findings));
    const bom = await readTextFile(join(dir, 'Containerfile'), 20 * MB);
    assert.equal(bom.text, 'FROM java:8\r\n', 'the BOM is dropped');
    assert.deepEqual(run('Containerfile', bom.text!).references[0].range, { start: { line: 0, character: 5 }, end: { line: 0, character: 11 } });
    const none = await readTextFile(join(dir, 'missing'), 20 * MB);
    assert.match(none.error!, /no such file/);
    const folder = await readTextFile(dir, 20 * MB);
    assert.ok(folder.text === null && folder.error);
    // Lone surrogates (what a broken editor buffer may hold) analyse too.
    run('compose.yaml', 'services:\n  a:\n    image: "\ud800java:8\udfff"\n    x: \ud83d\n');
  });

  it('NUL bytes: a binary head is skipped with a diagnostic; NULs later in the file do not break the analysis', () => {
    const a = run('Dockerfile', 'FROM java:8\n\u0000\u0000\u0000\n');
    assert.equal(a.findings.length, 1);
    assert.match(a.findings[0].message, /looks binary \(it contains NUL bytes\)/);
    const late = 'FROM java:8\n' + '# padding\n'.repeat(1000) + 'RUN echo \u0000 && docker-machine ls\n';
    const b = run('Dockerfile', late);
    assert.ok(b.references.some((r) => r.text === 'docker-machine'));
    run('k8s/nul.yaml', k8sPod('java:8') + '#'.repeat(9000) + '\nx: "\u0000"\n');
  });

  it('BOM and CRLF: ranges are the same as with LF (CRLF) and point at the text', () => {
    const files: [string, string][] = [
      ['Dockerfile', '# syntax=docker/dockerfile:1\nFROM boot2docker/boot2docker AS a\nMAINTAINER me\nRUN pip install docker-compose \\\n && docker-machine ls\nFROM java:8\n'],
      ['compose.yaml', 'version: "3"\nservices:\n  a:\n    image: "jwilder/nginx-proxy:1.0"\n    links:\n      - db\n    volume_driver: flocker\n  db:\n    image: java:8\n'],
      ['k8s/d.yaml', k8sPod('k8s.gcr.io/pause:3.2') + '---\napiVersion: extensions/v1beta1\nkind: Deployment\nspec:\n  template:\n    spec:\n      containers: [{name: a, image: java:8}]\n'],
      ['app.container', '[Container]\nImage=java:8\nExec=docker-compose up\n'],
    ];
    for (const [path, lf] of files) {
      const a = run(path, lf);
      const crlf = lf.replace(/\n/g, '\r\n');
      const b = run(path, crlf);
      assert.ok(a.references.length > 0, path);
      assert.deepEqual(b.references.map((r) => r.range), a.references.map((r) => r.range), `${path}: CRLF reference ranges`);
      assert.deepEqual(b.findings.map((f) => [f.rule, f.range]), a.findings.map((f) => [f.rule, f.range]), `${path}: CRLF finding ranges`);
      for (const r of b.references) if (r.kind === 'image' && !r.text.includes('$')) assert.equal(textAt(crlf, r.range), r.text, `${path}: CRLF range covers ${r.text}`);
      for (const f of b.findings) for (const rep of f.replacements ?? []) for (const e of rep.edits ?? []) assert.ok(!textAt(crlf, e.range).endsWith('\r'), `${path}: an edit never cuts a CRLF in half`);
      // A BOM kept in the text (an editor buffer) shifts line 0 by one character and nothing else.
      const c = run(path, '\ufeff' + crlf);
      assert.deepEqual(c.references.map((r) => r.range.start.line), a.references.map((r) => r.range.start.line), `${path}: BOM lines`);
      // Old Mac line ends (lone CR): LSP counts them as line breaks too.
      const cr = lf.replace(/\n/g, '\r');
      const d = run(path, cr);
      for (const r of d.references) if (r.kind === 'image' && !r.text.includes('$')) assert.equal(textAt(cr.replace(/\r/g, '\n'), r.range), r.text, `${path}: lone-CR range covers ${r.text}`);
    }
  });

  it('deeply continued Dockerfile lines (50,000 continuations)', () => {
    const a = run('Dockerfile', 'FROM java:8\nRUN true \\\n' + ' && docker-machine ls \\\n'.repeat(50_000) + ' && true\n', {}, 30_000);
    assert.ok(a.references.filter((r) => r.text === 'docker-machine').length >= 1);
    run('Dockerfile', 'FROM java:8\nRUN ' + '\\\n'.repeat(50_000) + 'boot2docker\n', {}, 30_000);
    run('Dockerfile', 'FROM \\\n'.repeat(20_000) + 'java:8\n', {}, 30_000);
  });

  it('100,000 FROM lines', () => {
    const a = run('Dockerfile', 'FROM java:8 AS s0\n' + Array.from({ length: 99_999 }, (_, i) => `FROM ${i % 2 ? 'boot2docker/boot2docker' : `s${i - 1}`} AS s${i + 1}\n`).join(''), {}, 60_000);
    assert.ok(a.references.length >= 50_000);
    // Incremental re-analysis of a big file with a cache: an edit is cheaper than the first pass and gives the same result.
    const yaml = Array.from({ length: 5000 }, (_, i) => k8sPod(`k8s.gcr.io/pause:3.${i}`)).join('---\n');
    const cache = new AnalysisCache();
    analyze({ path: 'k8s/many.yaml', text: yaml }, realCatalog(), OPTIONS, cache);
    const edited = yaml.replace('pause:3.2\n', 'pause:3.9\n');
    const again = timed('re-analysis after one edit', 10_000, () => analyze({ path: 'k8s/many.yaml', text: edited }, realCatalog(), OPTIONS, cache));
    assert.equal(JSON.stringify(again), JSON.stringify(analyze({ path: 'k8s/many.yaml', text: edited }, realCatalog(), OPTIONS)));
  });

  it('hover on a huge document answers within the bound', () => {
    const text = 'FROM boot2docker/boot2docker\n' + 'RUN echo x\n'.repeat(100_000);
    const a = run('Dockerfile', text);
    const h = timed('hover', 2_000, () => hover(realCatalog(), a, { line: 0, character: 8 }));
    assert.ok(h);
  });

  it('files that change, vanish or turn binary while being scanned', async () => {
    const dir = tmp();
    // One folder: the walk lists it, then the scan reads its files one by one (in reverse name order).
    const names = Array.from({ length: 60 }, (_, i) => `f${String(i).padStart(2, '0')}.Dockerfile`);
    for (const n of names) writeFileSync(join(dir, n), 'FROM java:8\n');
    let step = 0;
    const victims: string[] = [];
    const result = await timedAsync('scan', 20_000, () => scanPaths([dir], realCatalog(), { ...OPTIONS, maxFileSize: MB }, {
      ignore: [], gitignore: true,
      onProgress: () => {
        step++;
        if (step > 7) return;
        // A file 10 ahead of the one just read: listed, not read yet.
        const victim = join(dir, names[names.length - 1 - step - 10]);
        victims.push(victim);
        if (step === 1) unlinkSync(victim);
        if (step === 2) truncateSync(victim, 0);
        if (step === 3) writeFileSync(victim, Buffer.from([0, 1, 2, 0xff, 0xfe, 0]));
        if (step === 4) appendFileSync(victim, 'FROM boot2docker/boot2docker\n'.repeat(1000));
        if (step === 5) writeFileSync(victim, Buffer.alloc(2 * MB, 'x'));
        if (step === 6) { unlinkSync(victim); mkdirSync(victim); }
        if (step === 7) { unlinkSync(victim); symlinkSync(victim, victim); }
      },
    }, dir));
    assert.equal(result.scanned, 60);
    const byName = new Map(result.files.map((f) => [f.path, f]));
    const at = (i: number) => byName.get(relative(dir, victims[i]))!;
    // Files that cannot be read are listed as unreadable, not as analyses of a made-up kind.
    const unreadable = (i: number) => result.unreadable.find((u) => u.path === relative(dir, victims[i]))?.error ?? '';
    assert.match(unreadable(0), /cannot read file: no such file/);
    assert.equal(at(1).references.length, 0, 'empty now');
    assert.match(at(2).findings[0].message, /looks binary/);
    assert.ok(at(3).references.length > 1000);
    // Over the size limit: the same analysis-skipped finding the editor shows.
    assert.equal(at(4).kind, 'dockerfile');
    assert.equal(at(4).findings[0].rule, 'analysis-skipped');
    assert.match(at(4).findings[0].message, /larger than containerAtlas\.maxFileSize \(1\.0 MB\)/);
    assert.match(unreadable(5), /cannot read file: is a folder/);
    assert.match(unreadable(6), /cannot read file/);
    for (const i of [0, 5, 6]) assert.equal(at(i), undefined, `victim ${i} is not reported as an analysis`);
  });

  it('a hostile .gitignore and exclude globs (catastrophic backtracking patterns, invalid classes) do not hang or stop the walk', async () => {
    const dir = tmp();
    const long = 'a'.repeat(200);
    mkdirSync(join(dir, long, long), { recursive: true });
    writeFileSync(join(dir, long, long, `${long}.Dockerfile`), 'FROM java:8\n');
    writeFileSync(join(dir, 'Dockerfile'), 'FROM java:8\n');
    writeFileSync(join(dir, 'ignored.Dockerfile'), 'FROM java:8\n');
    // With the regular expressions globs compiled to before, `*a*a*a*a*a*a*a*a*b` took 8 s on an 80-character name (and doubled per character).
    writeFileSync(join(dir, '.gitignore'), ['*a*a*a*a*a*a*a*a*a*a*b', '**a**a**a**a**a**a**a**a**b', '/**/**/**/**/**/**/**/**/b', '[z-a]', '[', '[]', '\\', 'ignored.*'].join('\n'));
    const files: string[] = [];
    await timedAsync('walk with a hostile .gitignore', 5_000, async () => {
      for await (const f of walkFiles([dir], { ignore: ['*a*a*a*a*a*a*a*a*a*a*a*a*c', '[z-a]', '[!'] })) files.push(relative(dir, f));
    });
    assert.deepEqual(files.sort(), ['Dockerfile', `${long}/${long}/${long}.Dockerfile`]);
  });

  it('symlink loops, self-links and dangling links in a scanned workspace', async () => {
    const dir = tmp();
    mkdirSync(join(dir, 'a', 'b'), { recursive: true });
    writeFileSync(join(dir, 'a', 'b', 'Dockerfile'), 'FROM java:8\n');
    writeFileSync(join(dir, 'Dockerfile'), 'FROM boot2docker/boot2docker\n');
    symlinkSync('.', join(dir, 'loop'));
    symlinkSync('..', join(dir, 'a', 'b', 'up'));
    symlinkSync(join(dir, 'a'), join(dir, 'a', 'b', 'again'));
    symlinkSync('self', join(dir, 'self'));
    symlinkSync('missing', join(dir, 'dangling'));
    symlinkSync('compose.yaml', join(dir, 'compose.yaml.lnk'));
    symlinkSync('ping', join(dir, 'pong'));
    symlinkSync('pong', join(dir, 'ping'));
    symlinkSync('Dockerfile', join(dir, 'a', 'Containerfile'));
    const files: string[] = [];
    await timedAsync('walk', 10_000, async () => { for await (const f of walkFiles([dir])) files.push(relative(dir, f)); });
    const real = files.map((f) => f.replace(/^(loop\/)+/, ''));
    assert.equal(new Set(files).size, files.length, `no file twice: ${files}`);
    assert.ok(real.includes('Dockerfile') && real.some((f) => f.endsWith('b/Dockerfile')), JSON.stringify(files));
    assert.ok(files.length <= 4, `the loops are not followed: ${JSON.stringify(files)}`);
    const scan = await timedAsync('scan', 10_000, () => scanPaths([dir], realCatalog(), OPTIONS, { ignore: [], gitignore: true }, dir));
    assert.ok(scan.files.length >= 2);
    assert.ok(existsSync(join(dir, 'loop', 'loop', 'Dockerfile')), 'the loop is real');
  });
});
