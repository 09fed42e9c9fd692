// Longer fuzzing than CI's fixed-seed budget: runs test/unit/fuzz.test.ts with a random seed.
// A failing input is shrunk and saved under test/fixtures/regressions/ (replayed by every test run).
//   node scripts/fuzz.mjs            (npm run fuzz)   random seed, 60 s per property
//   FUZZ_SECONDS=600 npm run fuzz    longer;  FUZZ_RUNS=100000 npm run fuzz   a number of cases per property instead
//   FUZZ_SEED=1234 npm run fuzz      replay a seed
// Needs dist/catalog.json (npm run build).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
if (!existsSync(join(root, 'dist', 'catalog.json'))) {
  console.error('dist/catalog.json is missing: run `npm run build` first');
  process.exit(2);
}
const seed = process.env.FUZZ_SEED ?? String(Math.floor(Math.random() * 2 ** 31));
const env = { ...process.env, FUZZ_SEED: seed, FUZZ_SAVE: '1' };
if (!env.FUZZ_RUNS && !env.FUZZ_SECONDS) env.FUZZ_SECONDS = '60';
console.log(`fuzz: seed ${seed}${env.FUZZ_RUNS ? `, ${env.FUZZ_RUNS} runs` : ''}${env.FUZZ_SECONDS ? `, ${env.FUZZ_SECONDS} s` : ''} per property (replay with FUZZ_SEED=${seed})`);
const mocha = join(root, 'node_modules', '.bin', 'mocha');
const r = spawnSync(mocha, ['--no-config', '--require', 'tsx/cjs', '--extension', 'ts', '--timeout', '0', '--spec', 'test/unit/fuzz.test.ts'], { cwd: root, env, stdio: 'inherit' });
if (r.status !== 0) console.error(`fuzz: failures found (seed ${seed}); failing inputs are saved under test/fixtures/regressions/ — fix the bug, keep the fixture.`);
process.exit(r.status ?? 1);
