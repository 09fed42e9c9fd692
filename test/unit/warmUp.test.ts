import { strict as assert } from 'node:assert';
import { analyze } from '../../server/src/analysis/analyze';
import { warmUp, warmUpInputs } from '../../server/src/lsp/warmUp';
import { OPTIONS, realCatalog } from '../helpers';

describe('JIT warm-up of the language server', () => {
  it('its generated files go through the Kubernetes, Dockerfile and Compose analyses and their rules', () => {
    const catalog = realCatalog();
    const kinds = warmUpInputs().map((input) => {
      const a = analyze(input, catalog, OPTIONS)!;
      assert.ok(a, `${input.path} is analysed`);
      assert.equal(a.errors.length, 0, `${input.path}: ${a.errors.join('; ')}`);
      const rules = new Set(a.findings.map((f) => f.rule));
      assert.ok(a.references.length >= 10 && rules.size >= 2, `${input.path}: ${a.references.length} references, rules ${[...rules].join(', ')}`);
      return a.kind;
    });
    assert.deepEqual(kinds, ['kubernetes', 'dockerfile', 'compose']);
  });

  it('runs to the end without blocking the event loop for long', async () => {
    const catalog = realCatalog();
    let turns = 0;
    const ticker = setInterval(() => turns++, 0);
    const ms = await warmUp(() => catalog, () => OPTIONS);
    clearInterval(ticker);
    assert.ok(ms !== null && ms > 0);
    assert.ok(turns > 10, `timers ran ${turns} times while it worked`);
  });

  it('stops at the next turn when told to (a document was opened)', async () => {
    const catalog = realCatalog();
    let analysed = 0;
    const options = () => { analysed++; return OPTIONS; };
    let stop = false;
    const done = warmUp(() => catalog, options, () => stop);
    await new Promise((r) => setImmediate(r));
    await new Promise((r) => setImmediate(r));
    stop = true;
    const before = analysed;
    assert.equal(await done, null);
    assert.ok(before > 0 && analysed <= before + 1, `analysed ${before} files before the stop, ${analysed} in all`);
  });
});
