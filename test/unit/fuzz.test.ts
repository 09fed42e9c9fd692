/**
 * Property-based and fuzz tests of the whole analysis (every parser runs under analyze()):
 * generated Dockerfiles, Compose files, Kubernetes manifests, Helm templates, Quadlet units,
 * workflows, devcontainers, token soup and byte-level mutations of the real fixtures.
 *
 *   - no exception escapes analyze(), hover() or codeActions();
 *   - every reference, finding and edit range lies inside the document (LSP lines: \n, \r\n and \r end a line);
 *   - analysing the same text twice gives the same result;
 *   - analysing with an ExtractionCache after random edits equals a fresh analysis of the final text.
 *
 * CI runs a fixed seed and a small budget. `npm run fuzz` (scripts/fuzz.mjs) sets FUZZ_SEED (random),
 * FUZZ_RUNS / FUZZ_SECONDS and FUZZ_SAVE=1: a failing input is then shrunk and written to
 * test/fixtures/regressions/, which this file always replays.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { anyInput, edit, REGRESSIONS_DIR, type Edit } from '../fuzz/arbitraries';
import { checkIncremental, checkInput } from '../fuzz/properties';

const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : 20261123;
const RUNS = process.env.FUZZ_RUNS ? Number(process.env.FUZZ_RUNS) : undefined;
const SECONDS = process.env.FUZZ_SECONDS ? Number(process.env.FUZZ_SECONDS) : undefined;
const SAVE = process.env.FUZZ_SAVE === '1';

let casesRun = 0;

/** Runs a property with the CI budget (or the fuzz budget), saving a shrunk counterexample when FUZZ_SAVE=1. */
function property<T>(name: string, arb: fc.Arbitrary<T>, check: (v: T) => void, ciRuns: number, save: (v: T) => { path: string; text: string; edits?: Edit[] }): void {
  const params: fc.Parameters<[T]> = { seed: SEED, numRuns: RUNS ?? ciRuns };
  if (SECONDS) Object.assign(params, { numRuns: RUNS ?? 1_000_000_000, interruptAfterTimeLimit: SECONDS * 1000, markInterruptAsFailure: false });
  const details = fc.check(fc.property(arb, (v) => { check(v); }), params);
  casesRun += details.numRuns;
  if (!details.failed) return;
  let where = '';
  if (SAVE && details.counterexample) {
    const c = save(details.counterexample[0]);
    const body = JSON.stringify({ property: name, seed: details.seed, found: new Date().toISOString().slice(0, 10), error: String(details.errorInstance).split('\n')[0].slice(0, 300), ...c }, null, 2);
    mkdirSync(REGRESSIONS_DIR, { recursive: true });
    const file = join(REGRESSIONS_DIR, `${name.replace(/\W+/g, '-')}-${createHash('sha256').update(body).digest('hex').slice(0, 10)}.json`);
    writeFileSync(file, body + '\n');
    where = `\nSaved as a regression fixture: ${file}`;
  }
  throw new Error(`${fc.defaultReportMessage(details)}${where}`);
}

describe('fuzz: the analysis never crashes, keeps ranges inside the document, is deterministic and incremental', function () {
  this.timeout(SECONDS ? SECONDS * 4000 + 60_000 : 60_000);

  after(() => {
    console.log(`      fuzz: ${casesRun} cases run (seed ${SEED}${RUNS ? `, runs ${RUNS}` : ''}${SECONDS ? `, ${SECONDS} s per property` : ''})`);
  });

  it('replays the saved regression inputs', () => {
    const files = existsSync(REGRESSIONS_DIR) ? readdirSync(REGRESSIONS_DIR).filter((f) => f.endsWith('.json')) : [];
    for (const f of files) {
      const r = JSON.parse(readFileSync(join(REGRESSIONS_DIR, f), 'utf8')) as { path: string; text: string; edits?: Edit[] };
      try {
        checkInput({ path: r.path, text: r.text });
        if (r.edits) checkIncremental({ path: r.path, text: r.text }, r.edits);
      } catch (err) { throw new Error(`regression ${f}: ${(err as Error).message}`); }
      casesRun++;
    }
  });

  it('generated and mutated files: no exception, ranges inside, same result twice', () => {
    property('analyze', anyInput(), checkInput, 1500, (v) => v);
  });

  it('incremental analysis after random edits equals a fresh analysis', () => {
    property('incremental', fc.tuple(anyInput(), fc.array(edit, { minLength: 1, maxLength: 6 })), ([input, edits]) => checkIncremental(input, edits), 400,
      ([input, edits]) => ({ ...input, edits }));
  });
});
