import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isAlias, isMap, isPair, isScalar, isSeq } from 'yaml';
import { fastParseDocument, resolvePlain } from '../../server/src/syntax/fastYaml';
import { kubernetesSkip } from '../../server/src/syntax/kubernetes';
import { AnalysisCache } from '../../server/src/analysis/analyze';
import { maskTemplates, parseYamlLibrary, splitYamlDocuments } from '../../server/src/syntax/yamlDocuments';
import { analyze } from '../../server/src/analysis/analyze';
import { findFixtureFiles, fixtureCatalog, OPTIONS, realCatalog, ROOT } from '../helpers';

/** The parts of a node the analysis reads: kind, scalar values and types, scalar ranges, keys, order. */
function shape(node: unknown): unknown {
  if (node === null || node === undefined) return null;
  if (isAlias(node)) return { alias: node.source, range: node.range?.slice(0, 2) };
  if (isMap(node)) return { map: node.items.map((p) => (isPair(p) ? [shape(p.key), shape(p.value)] : 'not a pair')), anchor: node.anchor ?? null };
  if (isSeq(node)) return { seq: node.items.map(shape), flow: !!node.flow, anchor: node.anchor ?? null };
  if (isScalar(node)) {
    const v = node.value;
    const value = typeof v === 'number' && Number.isNaN(v) ? 'NaN' : v;
    // Empty values: the library's offsets for them are not used by the analysis.
    return v === null ? { null: true, anchor: node.anchor ?? null } : { value, valueType: typeof v, type: node.type, range: node.range?.slice(0, 2), anchor: node.anchor ?? null };
  }
  return { other: String(node) };
}

/** Checks one YAML document text: when the fast path accepts it, the library must agree exactly. */
function check(text: string, where: string): boolean {
  const masked = maskTemplates(text);
  const fast = fastParseDocument(masked);
  if (!fast) return false;
  const lib = parseYamlLibrary(masked);
  assert.equal(lib.errors.length, 0, `${where}: the fast path accepted a document the library rejects (${lib.errors[0]?.message})\n${text.slice(0, 500)}`);
  assert.deepEqual(shape(fast.contents), shape(lib.contents), `${where}: trees differ\n${text.slice(0, 500)}`);
  return true;
}

const yamlFiles = (dir: string): string[] => findFixtureFiles(dir, /\.ya?ml$/, 12);

let gen: typeof import('../../bench/generate.mjs');

describe('fast YAML path (differential against the yaml library)', () => {
  before(async () => { gen = await import('../../bench/generate.mjs'); });

  it('resolves plain scalars as the core schema does', () => {
    for (const s of ['', '~', 'null', 'Null', 'NULL', 'nULL', 'true', 'True', 'TRUE', 'tRUE', 'false', 'FALSE', '0o17', '0o8', '017', '-12', '+3', '0x1F', '0xG', '.inf', '-.Inf', '+.INF', '.nan', '.NaN', '1e3', '1.5E-2', '.5', '5.', '1.10', '1.0', 'v1', 'apps/v1', 'nginx:1.27', '8080', '9007199254740993', '+', '.', 'n', 't', 'f']) {
      const lib = parseYamlLibrary(`k: ${s}\n`).contents as { items: { value: { value: unknown } }[] };
      const want = lib.items[0].value.value;
      const got = resolvePlain(s);
      if (typeof want === 'number' && Number.isNaN(want)) assert.ok(Number.isNaN(got as number), s);
      else assert.deepEqual(got, want, `'${s}'`);
    }
  });

  it('agrees with the library on hand-written edge cases', () => {
    const cases = [
      'a: 1\nb:\n  - x\n  - y: 2\n    z: "q"\n',
      'containers:\n- name: a\n  image: nginx\n- name: b\n',
      "k: 'it''s'\nl: \"x # y\"\nm: a#b\nn: a # c\n",
      'k: [a, "b c", \'d\', 1, true]\nl: []\nm: {}\n',
      '- - a\n  - b\n- c\n',
      'key:\n  value\nnext: 1\n',
      'a:\nb: ~\nc: -1\nd: -Xmx512m\n',
      '# only a comment\n',
      '  indented: map\n  second: 2\n',
      'key : spaced\n"quoted key": 1\n\'single\': 2\n',
      'url: http://example.com:8080/path\nimage: registry:5000/x/y:1.0@sha256:abc\n',
      'a:\n  b:\n    c:\n      - d\n      -\n      - e\n',
      'k: a:b\n',
      // outside the subset (the fast path must decline; the library decides)
      'a: &x 1\nb: *x\n', 'x-c: &c\n  image: a\ns:\n  <<: *c\n  k: &e\n  l: &f # c\n    m: 1\nq: *s\n', '- &a x\n- *a\n- &b\n  k: v\n- &c\n- d\n',
      'a: &x *y\n', '- &a k: v\n', '&a k: v\n', 'a: &\n', 'a: *\n', 'a: &x[1]\n', 'a: *x y\n', 'a: &x &y 1\n', 'a: |\n  text\n', 'a: >-\n  text\n', 'a: !!str 1\n', 'a: "multi\n  line"\n', 'a: multi\n  line\n',
      'a: {b: 1}\n', 'a: [b, [c]]\n', 'a: "esc\\n"\n', '? complex\n: key\n', 'a: b: c\n', 'a:\n\tb: 1\n', 'a: 1\r\nb: 2\r\n',
      'a: 1\n b: 2\n', 'a:\n  - x\n y: 1\n', '- a\nb: 1\n', 'a: [x,]\n', '%YAML 1.2\n---\na: 1\n', 'a: @x\n', 'a: `x`\n', 'a: - b\n',
      'key: value:\n', 'a: x\n  # deeper comment\nb: y\n',
      // block scalars: the plain cases are on the fast path, the rest declines
      'a: |\n  x\n  y\n\nb: 1\n', 'a: |-\n  x\n\n  y\n\n\nb: 1\n', 'a: >-\n  x\n  y\n\n  z\nb: 1\n', 'a: >\n  x\n  y\n\n\n  z\n\nb: 1\n',
      'a:\n  - |\n    run this\n    # not a comment\n  - >-\n    k\n', 'a: | # c\n  x\n', 'a: |\n    x\n  y\n', 'a: |\n  x\n # c\nb: 1\n', 'a: |\n  x\n    more\n  y\n',
      'a: >\n  x\n    more\n  y\n', 'a: |+\n  x\n\n', 'a: |2\n   x\n', 'a: |\n\n  x\n', 'a: |\n   \n  x\n', 'a: |\n  x\n     \nb: 1\n', 'a: |\n  x', 'a: |\nb: 1\n', 'a: |x\n  y\n',
      '- |\n  x\n- y\n', 'k:\n  a: |\n    x\n   b: 1\n', 'a: >-\n  "q" # not a comment\n  y: z\n', '"a\\"b": 1\n', 'k: [a: b]\n', 'k: [a #c]\n',
    ];
    let accepted = 0;
    for (const c of cases) if (check(c, JSON.stringify(c))) accepted++;
    assert.ok(accepted >= 12, `fast path accepted only ${accepted} cases`);
  });

  it('agrees with the library on generated manifests and Compose files, and handles nearly all of them', () => {
    let docs = 0, fast = 0;
    const texts = [gen.k8sManifest(300_000, 1), gen.k8sManifest(300_000, 2), gen.compose(200_000, 3), gen.compose(100_000, 4)];
    for (const t of texts) {
      for (const chunk of splitYamlDocuments(t)) {
        docs++;
        if (check(chunk.text, `generated document at line ${chunk.startLine}`)) fast++;
      }
    }
    assert.ok(fast / docs > 0.99, `fast path took ${fast} of ${docs} documents`);
  });

  it('agrees with the library on real YAML files (samples, catalog, node_modules)', () => {
    const files = [...yamlFiles(join(ROOT, 'samples')), ...yamlFiles(join(ROOT, 'catalog')), ...yamlFiles(join(ROOT, 'node_modules'))];
    assert.ok(files.length > 100, `only ${files.length} real YAML files found`);
    let docs = 0, fast = 0;
    for (const f of files) {
      for (const chunk of splitYamlDocuments(readFileSync(f, 'utf8'))) {
        docs++;
        if (check(chunk.text, `${f}:${chunk.startLine + 1}`)) fast++;
      }
    }
    assert.ok(fast > 0, 'the fast path took no real document');
  });

  it('agrees with the library on randomly mutated documents (fuzz)', () => {
    const r = gen.rng(42);
    const base = splitYamlDocuments(gen.k8sManifest(60_000, 7) + '---\n' + gen.compose(30_000, 8)).map((c) => c.text);
    const alphabet = [' ', ' ', '  ', ':', ': ', '-', '- ', '#', ' #', '"', "'", '[', ']', ',', '\n', '\n  ', 'a', '{', '}', '&', '*', '!', '|', '>', ' |\n', ' >-\n', '|-', '?', '\\', '1', '.', '~', '@', '%', '\t'];
    let accepted = 0;
    for (let i = 0; i < 4000; i++) {
      let t: string = base[r.int(base.length)];
      for (let m = 0, k = 1 + r.int(3); m < k; m++) {
        const at = r.int(t.length + 1);
        if (r.chance(0.5)) t = t.slice(0, at) + alphabet[r.int(alphabet.length)] + t.slice(at);
        else t = t.slice(0, at) + t.slice(at + 1 + r.int(3));
      }
      if (check(t, `mutation ${i}`)) accepted++;
    }
    assert.ok(accepted > 1000, `fast path accepted only ${accepted} mutated documents`);
  });

  it('gives the same analysis as the library path on generated inputs', () => {
    const catalog = fixtureCatalog;
    const inputs: [string, string][] = [
      ['k8s.yaml', gen.k8sManifest(200_000, 11)],
      ['compose.yaml', gen.compose(100_000, 12)],
      ['crd.yaml', gen.crdDocument(80_000)],
      // A '&' in a skipped schema and an alias after it: the fast path hands the document to the library.
      ['crd-alias.yaml', gen.crdDocument(20_000).replace('description: |-', 'description: &d |-') + '  template:\n    spec:\n      containers:\n      - name: a\n        image: java:8\n        args: [*d]\n'],
      ['crd-v1beta1.yaml', 'apiVersion: apiextensions.k8s.io/v1beta1\nkind: CustomResourceDefinition\nmetadata:\n  name: a.example.com\nspec:\n  validation:\n    openAPIV3Schema:\n      properties:\n        containers:\n          example:\n          - name: a\n            image: java:8\n          description: |\n            rule: a && b\n'],
      ['dashboards.yaml', gen.dashboardsConfigMap(60_000)],
      ['findings.yaml', gen.findingsHeavy(40_000)],
      ['templates/deployment.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\nspec:\n  template:\n    spec:\n      containers:\n        - name: a\n          image: "{{ .Values.image }}"\n        - name: b\n          image: k8s.gcr.io/pause:3.2\n'],
    ];
    // The CRD's schema is passed over, not parsed: the fast path takes it (block scalars and `&&` inside).
    assert.ok(fastParseDocument(inputs[2][1], kubernetesSkip), 'a CRD goes the fast path');
    assert.ok(fastParseDocument(inputs[4][1], kubernetesSkip), 'a v1beta1 CRD goes the fast path');
    assert.equal(fastParseDocument(inputs[3][1], kubernetesSkip), null, 'an alias after a & in a skipped block goes to the library');
    for (const [path, text] of inputs) {
      const lib = analyze({ path, text }, catalog, { ...OPTIONS, parser: 'library' });
      const fast = analyze({ path, text }, catalog, OPTIONS);
      assert.deepEqual(fast, lib, path);
    }
  });

  it('a Helm template reads its values.yaml the same with the fast path as with the library (and again from the cache)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'atlas-chart-'));
    try {
      const tpl = gen.helmChart(dir, 20_000);
      const chart = { values: readFileSync(join(dir, 'values.yaml'), 'utf8'), chart: readFileSync(join(dir, 'Chart.yaml'), 'utf8'), helpers: readFileSync(join(dir, 'templates', '_helpers.tpl'), 'utf8') };
      const input = { path: 'chart/templates/cronjobs.yaml', text: readFileSync(tpl, 'utf8'), chart };
      const lib = analyze(input, realCatalog(), { ...OPTIONS, parser: 'library' });
      assert.ok(lib!.references.some((r) => r.image?.repository === 'bitnami/nginx'), 'template images are read from the values');
      for (let i = 0; i < 2; i++) assert.deepEqual(analyze(input, realCatalog(), OPTIONS), lib);
    } finally { rmSync(dir, { recursive: true, force: true }); }
  });

  it('passing over the values the analysis does not read changes no analysis of valid YAML (real files, mutations)', () => {
    // Every document the library parses without error, analysed as a manifest and as a Compose
    // file, with the fast path (which skips unread values) and with the library (which does not).
    const docs: string[] = [];
    const files = [...yamlFiles(join(ROOT, 'samples')), ...yamlFiles(join(ROOT, 'test')), ...yamlFiles(join(ROOT, 'catalog'))];
    for (const f of files) for (const c of splitYamlDocuments(readFileSync(f, 'utf8'))) docs.push(c.text);
    const r = gen.rng(77);
    const base = splitYamlDocuments(gen.k8sManifest(60_000, 9) + '---\n' + gen.compose(30_000, 10)).map((c) => c.text);
    const alphabet = [' ', '  ', ':', ': ', '- ', '#', '"', '[', ']', '\n', '\n  ', '\n    env:\n    - name: a\n', '\n  labels:\n    a: b\n', 'image: java:8', '&a ', '*a', '|', 'x'];
    for (let i = 0; i < 1500; i++) {
      let t = base[r.int(base.length)];
      for (let m = 0, k = 1 + r.int(3); m < k; m++) {
        const at = r.int(t.length + 1);
        t = r.chance(0.6) ? t.slice(0, at) + r.pick(alphabet) + t.slice(at) : t.slice(0, at) + t.slice(at + 1 + r.int(3));
      }
      docs.push(t);
    }
    let compared = 0;
    for (const text of docs) {
      if (parseYamlLibrary(text).errors.length) continue;
      for (const path of ['manifest.yaml', 'compose.yaml']) {
        const lib = analyze({ path, text }, fixtureCatalog, { ...OPTIONS, parser: 'library' });
        const fast = analyze({ path, text }, fixtureCatalog, OPTIONS);
        assert.deepEqual(fast, lib, `${path}:\n${text}`);
        compared++;
      }
    }
    assert.ok(compared > 1500, `only ${compared} analyses compared`);
  });

  it('splits documents as the line-by-line splitter did (lone \\r searched once, not once per line)', () => {
    // The previous implementation, kept as the reference.
    const reference = (text: string) => {
      const chunks: { text: string; startLine: number; start: number }[] = [];
      let line = 0, chunkStart = 0, chunkLine = 0, pos = 0;
      const n = text.length;
      const hasCR = text.indexOf('\r') >= 0;
      while (pos <= n) {
        const nl = text.indexOf('\n', pos);
        const lineEnd = nl < 0 ? n : nl;
        let breaks = 1;
        if (hasCR) for (let i = text.indexOf('\r', pos); i >= 0 && i < lineEnd - 1; i = text.indexOf('\r', i + 1)) breaks++;
        if (breaks === 1 && (text.startsWith('---', pos) || text.startsWith('...', pos))) {
          const rest = text.slice(pos + 3, Math.min(lineEnd, pos + 4));
          if (rest === '' || rest === ' ' || rest === '\t' || rest === '\r') {
            if (pos > chunkStart) chunks.push({ text: text.slice(chunkStart, pos), startLine: chunkLine, start: chunkStart });
            chunkStart = nl < 0 ? n : nl + 1;
            chunkLine = line + 1;
          }
        }
        if (nl < 0) break;
        pos = nl + 1;
        line += breaks;
      }
      if (chunkStart < n) chunks.push({ text: text.slice(chunkStart), startLine: chunkLine, start: chunkStart });
      return chunks;
    };
    const r = gen.rng(9);
    const alphabet = ['-', '.', '\n', ' ', '\t', 'a', '\r', '\r\n', '---', '...', '--- ', '\n---\n'];
    for (let i = 0; i < 20000; i++) {
      let t = '';
      for (let j = 0, k = r.int(25); j < k; j++) t += alphabet[r.int(alphabet.length)];
      assert.deepEqual(splitYamlDocuments(t), reference(t), JSON.stringify(t));
    }
    const big = gen.k8sManifest(200_000, 5);
    assert.deepEqual(splitYamlDocuments(big), reference(big));
  });

  it('splits an edited text from its previous split and the edits exactly as a full split (random edits, markers, CR)', () => {
    const r = gen.rng(11);
    const pieces = ['x', '-', '.', '\n', '\r', '\r\n', '---', '---\n', '\n---\n', '...\n', ' ', '\t', 'a: b\n', '\n--- \n', ''];
    let checked = 0;
    for (const base of [gen.k8sManifest(40_000, 3), 'a: 1\n---\nb: 2\n', '---\na\n---\n---\nb', 'x\r\n---\r\ny\r\n---\r\nz', '']) {
      const cache = new AnalysisCache();
      let text = base;
      assert.deepEqual(cache.split(text), splitYamlDocuments(text));
      for (let i = 0; i < 1500; i++) {
        // One to three edits between analyses, as an editor sends them: each replaces a random span
        // (usually short, sometimes across documents) of the text as it is then.
        for (let e = 0, edits = 1 + r.int(3); e < edits; e++) {
          const at = r.int(text.length + 1);
          const len = Math.min(text.length - at, r.chance(0.9) ? r.int(4) : r.int(400));
          let ins = '';
          for (let j = 0, k = r.int(4); j < k; j++) ins += r.pick(pieces);
          cache.edited(at, at + len, ins.length);
          text = text.slice(0, at) + ins + text.slice(at + len);
        }
        assert.deepEqual(cache.split(text), splitYamlDocuments(text), `after edit ${i} of ${JSON.stringify(base.slice(0, 30))}`);
        checked++;
      }
    }
    assert.equal(checked, 7500);
  });
});
