import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { ROOT } from '../helpers';

/**
 * The layers of ARCHITECTURE.md, bottom first. A module may import from its own folder and from
 * layers below its own; the two adapters (lsp, cli) never import each other; the VS Code client may
 * import only the shared shapes of server/src/common.
 */
const LAYERS: Record<string, number> = { common: 0, syntax: 1, io: 1, catalog: 2, analysis: 3, features: 4, service: 5, lsp: 6, cli: 6 };

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? tsFiles(p) : p.endsWith('.ts') ? [p] : [];
  });
}

function imports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/^\s*(?:import|export)\s[^;]*?from\s+'(\.[^']+)'/gm), ...text.matchAll(/require\('(\.[^']+)'\)/g)].map((m) => m[1]);
}

/** Every relative import that runs against the layers, as "file → target: why". */
export function layerViolations(root = ROOT): string[] {
  const src = join(root, 'server', 'src');
  const out: string[] = [];
  for (const file of tsFiles(src)) {
    const from = relative(src, file).split('/')[0];
    for (const spec of imports(file)) {
      const target = relative(src, resolve(dirname(file), spec));
      if (target.startsWith('..')) continue; // the catalog schema, package.json
      const to = target.split('/')[0];
      if (to === from) continue;
      if (!(from in LAYERS) || !(to in LAYERS)) { out.push(`${relative(root, file)} → ${spec}: folder not in the layer list`); continue; }
      if (LAYERS[to] >= LAYERS[from]) out.push(`${relative(root, file)} → ${spec}: ${from} (layer ${LAYERS[from]}) may not import ${to} (layer ${LAYERS[to]})`);
    }
  }
  for (const file of tsFiles(join(root, 'client', 'src'))) {
    for (const spec of imports(file)) {
      const target = relative(root, resolve(dirname(file), spec));
      if (target.startsWith('client/') || target.startsWith('server/src/common/')) continue;
      out.push(`${relative(root, file)} → ${spec}: the client may import only server/src/common`);
    }
  }
  return out;
}

describe('layers (ARCHITECTURE.md)', () => {
  it('every import runs down the layers: common → syntax/io → catalog → analysis → features → service → lsp/cli; client → common only', () => {
    assert.deepEqual(layerViolations(), []);
  });

  it('ARCHITECTURE.md names every layer folder in the order the test enforces', () => {
    const doc = readFileSync(join(ROOT, 'ARCHITECTURE.md'), 'utf8');
    const folders = readdirSync(join(ROOT, 'server', 'src')).filter((n) => statSync(join(ROOT, 'server', 'src', n)).isDirectory());
    assert.deepEqual(folders.filter((f) => !(f in LAYERS)), [], 'every folder of server/src has a layer');
    for (const f of folders) assert.match(doc, new RegExp(`server/src/${f}/`), `ARCHITECTURE.md describes server/src/${f}/`);
  });

  it('the check catches imports that run the wrong way (self-test on test/fixtures/layers)', () => {
    assert.deepEqual(layerViolations(join(ROOT, 'test', 'fixtures', 'layers')), [
      'server/src/syntax/upward.ts → ../analysis/rules: syntax (layer 1) may not import analysis (layer 3)',
      'client/src/reach.ts → ../../server/src/analysis/rules: the client may import only server/src/common',
    ]);
  });
});
