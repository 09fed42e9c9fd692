import { strict as assert } from 'node:assert';
import { analyze } from '../../server/src/analysis/analyze';
import { warmUp, warmUpInputs, WARM_UP } from '../../server/src/lsp/warmUp';
import { OPTIONS, realCatalog } from '../helpers';

describe('JIT warm-up of the language server', () => {
  it('its generated files go through the Kubernetes, Dockerfile, Compose and Helm analyses and their rules', () => {
    const catalog = realCatalog();
    const inputs = warmUpInputs();
    const kinds = inputs.map((input, i) => {
      const a = analyze(input, catalog, OPTIONS)!;
      assert.ok(a, `${input.path} is analysed`);
      assert.equal(a.errors.length, 0, `${input.path}: ${a.errors.join('; ')}`);
      const rules = new Set(a.findings.map((f) => f.rule));
      // The Helm template's findings are in its values file; the bundle of small objects has one removed API.
      const minRules = a.kind === 'helm-template' ? 0 : i < 3 ? 2 : 1;
      const minReferences = a.kind === 'helm-template' ? 6 : 10;
      assert.ok(a.references.length >= minReferences && rules.size >= minRules, `${input.path}: ${a.references.length} references, rules ${[...rules].join(', ')}`);
      return a.kind;
    });
    assert.deepEqual(kinds, ['kubernetes', 'dockerfile', 'compose', 'kubernetes', 'helm-template']);
    // The template's images are read from the chart's values (the chart-context path runs too).
    const helm = analyze(inputs[4], catalog, OPTIONS)!;
    assert.ok(helm.references.some((r) => r.kind === 'image' && r.entry === 'bitnami' && r.text === 'docker.io/bitnami/nginx:1.25'), helm.references.map((r) => r.text).join(', '));
    assert.equal(WARM_UP.share.length, inputs.length, 'every input has its share of the rounds');
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
