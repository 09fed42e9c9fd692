import { strict as assert } from 'node:assert';
import { pathToFileURL } from 'node:url';
import { entryDetails, usageOf } from '../../server/src/features/catalogRequests';
import { fullLineage, workspacePath, RECENT_ENDED } from '../../server/src/features/entryPage';
import type { Usage } from '../../server/src/common/protocol';
import { realCatalog, run } from '../helpers';

// cheerio (an HTML parser; installed with @vscode/vsce) has its own types: the page is read as a browser would.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const cheerio = require('cheerio') as typeof import('cheerio');

const AS_OF = '2026-11-22';
const ROOT = '/home/dev/shop';

/** The usages of an entry in these files, as the server collects them. */
function usages(entry: string, files: Record<string, string>): Usage[] {
  const cat = realCatalog();
  const out: Usage[] = [];
  for (const [path, text] of Object.entries(files)) {
    const uri = pathToFileURL(`${ROOT}/${path}`).toString();
    for (const r of run(path, text, { catalog: cat, asOf: AS_OF }).references) if (r.entry === entry) out.push(usageOf(cat, uri, r));
  }
  return out;
}

function page(id: string, files: Record<string, string> = {}) {
  const cat = realCatalog();
  const entry = cat.entry(id)!;
  const d = entryDetails(cat, id, usages(id, files), { roots: [ROOT], asOf: AS_OF })!;
  return { d, $: cheerio.load(d.html), entry };
}

const headings = ($: ReturnType<typeof cheerio.load>) => $('h2').map((_, h) => $(h).text()).get();

describe('entry page', () => {
  it('lists the workspace\'s usages one row per file, with a count and the workspace-relative path', () => {
    const { $ } = page('postgresql', {
      'compose.yaml': 'services:\n  db:\n    image: postgres:9.6\n  replica:\n    image: postgres:9.6\n  report:\n    image: postgres:17\n',
      'deploy/db/Dockerfile': 'FROM postgres:16-alpine\n',
    });
    const rows = $('table.files tr.file');
    assert.equal(rows.length, 2, 'two files, two rows (not one per occurrence)');
    const cells = rows.map((_, r) => ({ path: $(r).find('td.path').text(), count: $(r).find('td.count').text(), lines: $(r).find('a.line').map((_, a) => $(a).text()).get() })).get();
    assert.deepEqual(cells, [
      { path: 'compose.yaml', count: '3', lines: ['3', '5', '7'] },
      { path: 'deploy/db/Dockerfile', count: '1', lines: ['1'] },
    ]);
    assert.ok(!$('body').text().includes(ROOT), 'no absolute paths');
    // The row opens the first occurrence; each line link its own.
    const compose = rows.first();
    assert.equal(compose.attr('data-line'), '2');
    assert.deepEqual(compose.find('a.line').map((_, a) => $(a).attr('data-line')).get(), ['2', '4', '6']);
    assert.equal(compose.attr('data-uri'), pathToFileURL(`${ROOT}/compose.yaml`).toString());
    assert.match($('h2:contains("In this workspace") + p').text(), /^4 references in 2 files$/);
  });

  it('names files relative to their folder; with several folders, the folder name comes first', () => {
    assert.equal(workspacePath('file:///a/b/c%20d/Dockerfile', ['/a/b']), 'c d/Dockerfile');
    assert.equal(workspacePath('file:///w2/k8s/x.yaml', ['/w1', '/w2']), 'w2/k8s/x.yaml');
    assert.equal(workspacePath('file:///elsewhere/Dockerfile', ['/w1']), '/elsewhere/Dockerfile');
    assert.equal(workspacePath('untitled:Untitled-1', ['/w1']), 'untitled:Untitled-1');
  });

  it('has a Versions table of a versioned product: every supported release, recent ended ones, and the ones the workspace uses highlighted', () => {
    const { $ } = page('postgresql', { 'compose.yaml': 'services:\n  db:\n    image: postgres:9.6\n  new:\n    image: postgres:17\n' });
    const product = realCatalog().data.eolProducts.find((p) => p.entry === 'postgresql')!;
    const supported = product.cycles.filter((c) => !c.eol || String(c.eol) > AS_OF).map((c) => c.cycle);
    assert.ok(supported.length >= 3, 'the catalog knows several supported PostgreSQL releases');
    assert.ok(headings($).includes('Versions'));
    const table = $('table.versions').first();
    const rows = table.find('tbody tr').map((_, r) => ({ release: $(r).find('td').eq(0).text(), status: $(r).find('td').eq(2).text(), ends: $(r).find('td').eq(3).text(), used: $(r).hasClass('used'), here: $(r).find('td').eq(4).text() })).get();
    for (const c of supported) assert.ok(rows.some((r) => r.release === c && r.status === 'Supported'), `${c} is listed as supported`);
    const r17 = rows.find((r) => r.release === '17')!;
    assert.deepEqual([r17.used, r17.ends, r17.here], [true, `until ${product.cycles.find((c) => c.cycle === '17')!.eol}`, 'used here (1 reference)']);
    const r96 = rows.find((r) => r.release === '9.6')!;
    assert.deepEqual([r96.used, r96.status, r96.ends], [true, 'Ended', '2021-11-11'], 'an ended release the workspace uses is shown, with its end date');
    assert.equal(rows.filter((r) => r.used).length, 2, 'only the used releases are highlighted');
    const ended = product.cycles.filter((c) => c.eol && String(c.eol) <= AS_OF).length;
    assert.equal(rows.filter((r) => r.status === 'Ended').length, RECENT_ENDED + 1, 'the most recent ended releases and the used one');
    assert.equal($('details summary').text(), `${ended - RECENT_ENDED - 1} older ended releases`);
  });

  it('draws the whole lineage: every predecessor and successor, an arrow per successor link', () => {
    const cat = realCatalog();
    const preds = cat.predecessors('docker-desktop').map((e) => e.id).sort();
    assert.ok(preds.length >= 4, 'Docker Desktop has several predecessors in the catalog');
    const l = fullLineage(cat, 'docker-desktop');
    assert.deepEqual(l.steps[l.self].map((e) => e.id), ['docker-desktop']);
    assert.deepEqual(l.steps.slice(0, l.self).flat().map((e) => e.id).filter((id) => preds.includes(id)).sort(), preds, 'all predecessors, not the first');
    for (const p of preds) assert.ok(l.edges.some(([a, b]) => a === p && b === 'docker-desktop'), `${p} → Docker Desktop`);
    const { $ } = page('docker-desktop');
    const names = $('svg.lineage g.node title').map((_, t) => $(t).text()).get();
    for (const p of preds) assert.ok(names.includes(cat.entry(p)!.name), `${p} drawn: ${names}`);
    assert.equal($('svg.lineage line.arrow').length, l.edges.length);
  });

  it('leaves out empty sections: no lineage, versions, parts or usages to show means no heading', () => {
    const cat = realCatalog();
    const lonely = cat.entries.find((e) => !e.successors?.length && !cat.predecessors(e.id).length && !cat.parts(e.id).length && !cat.data.eolProducts.some((p) => p.entry === e.id))!;
    const { $ } = page(lonely.id);
    assert.deepEqual(headings($).filter((h) => ['Lineage', 'Versions', 'Parts', 'In this workspace'].includes(h)), []);
    assert.equal($('svg.lineage').length, 0);
    const { $: withUse } = page('postgresql', { Dockerfile: 'FROM postgres:17\n' });
    assert.ok(headings(withUse).includes('In this workspace') && headings(withUse).includes('Versions'));
  });

  it('says the entry\'s kind in words', () => {
    const sub = (id: string) => page(id).$('.sub').text();
    assert.match(sub('nodejs'), /· Language runtime$/);
    assert.match(sub('bun'), /· Language runtime$/, 'a runtime among the developer tools is a language runtime');
    assert.match(sub('containerd'), /· Container runtime$/);
    assert.match(sub('postgresql'), /· Database$/);
    assert.equal(page('nodejs').d.kindName, 'Language runtime');
  });
});
