import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv from 'ajv';
import { parse } from 'yaml';
import { ROOT, builtBundle } from '../helpers';

/** action.yml as GitHub reads it. */
interface Step { name: string; id?: string; if?: string; shell?: string; run?: string; uses?: string; with?: Record<string, string>; env?: Record<string, string> }
interface Action { inputs: Record<string, { default?: string }>; runs: { using: string; steps: Step[] } }
const action = (): Action => parse(readFileSync(join(ROOT, 'action.yml'), 'utf8'));

/**
 * Runs action.yml's steps as the runner does: `${{ inputs.* }}` and `${{ steps.*.outputs.* }}`
 * substituted, `if:` evaluated (always(), ==, !=, &&), `run:` steps in `bash --noprofile --norc
 * -eo pipefail` with their `env:` and GITHUB_OUTPUT; `uses:` steps are recorded with their inputs,
 * not run (upload-sarif needs GitHub).
 */
function runAction(inputs: Record<string, string>, cwd: string) {
  const a = action();
  const values: Record<string, string> = Object.fromEntries(Object.entries(a.inputs).map(([k, v]) => [k, v.default ?? '']));
  for (const [k, v] of Object.entries(inputs)) { assert.ok(k in a.inputs, `action.yml has an input ${k}`); values[k] = v; }
  const outputs: Record<string, Record<string, string>> = {};
  const expr = (e: string): string => {
    const m = /^(inputs\.([\w-]+)|steps\.([\w-]+)\.outputs\.([\w-]+))$/.exec(e.trim());
    assert.ok(m, `expression the test knows: ${e}`);
    return m[2] ? values[m[2]] ?? '' : outputs[m[3]]?.[m[4]] ?? '';
  };
  const sub = (s: string) => s.replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (_m, e: string) => expr(e));
  const cond = (c: string | undefined): boolean => {
    if (!c) return true; // success() by default: every step so far succeeded
    return c.split('&&').every((part) => {
      const p = part.trim();
      if (p === 'always()') return true;
      const m = /^(.+?)\s*(==|!=)\s*'([^']*)'$/.exec(p);
      assert.ok(m, `condition the test knows: ${p}`);
      return (expr(m[1]) === m[3]) === (m[2] === '==');
    });
  };
  const log: { step: string; status?: number | null; uses?: string; with?: Record<string, string>; stdout?: string; stderr?: string }[] = [];
  let failed = false;
  for (const step of a.runs.steps) {
    if (!(step.if ? cond(step.if) : !failed)) continue;
    if (step.uses) { log.push({ step: step.name, uses: step.uses, with: Object.fromEntries(Object.entries(step.with ?? {}).map(([k, v]) => [k, sub(String(v))])) }); continue; }
    assert.equal(step.shell, 'bash');
    const outFile = join(cwd, `.github-output-${step.id ?? 'x'}`);
    writeFileSync(outFile, '');
    const env = { ...process.env, GITHUB_ACTION_PATH: ROOT, GITHUB_OUTPUT: outFile, ...Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, sub(String(v))])) };
    const r = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', sub(step.run!)], { cwd, env, encoding: 'utf8' });
    if (step.id) outputs[step.id] = Object.fromEntries(readFileSync(outFile, 'utf8').split('\n').filter(Boolean).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
    rmSync(outFile);
    log.push({ step: step.name, status: r.status, stdout: r.stdout, stderr: r.stderr });
    if (r.status !== 0) failed = true;
  }
  return { failed, log, outputs };
}

describe('GitHub Action (action.yml)', function () {
  this.timeout(60000);
  let dir: string;
  let cliPath: string;
  before(() => { cliPath = builtBundle('cli.js'); });
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'atlas-action-'));
    mkdirSync(join(dir, 'k8s'));
    mkdirSync(join(dir, 'docker'));
    writeFileSync(join(dir, 'docker', 'Dockerfile'), 'FROM boot2docker/boot2docker\n');
    writeFileSync(join(dir, 'k8s', 'd.yaml'), 'apiVersion: extensions/v1beta1\nkind: Deployment\nmetadata:\n  name: web\n');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('is valid action metadata (SchemaStore github-action schema, vendored in test/fixtures/schemas)', () => {
    const schema = JSON.parse(readFileSync(join(ROOT, 'test', 'fixtures', 'schemas', 'github-action.schema.json'), 'utf8'));
    const validate = new Ajv({ strict: false, allErrors: true }).compile(schema);
    assert.ok(validate(action()), JSON.stringify(validate.errors, null, 2));
    assert.equal(validate({ ...action(), runs: { using: 'composite', steps: [{ run: 'echo no shell' }] } }), false, 'the schema can fail: a run step needs a shell');
    assert.equal(action().runs.using, 'composite');
  });

  it('runs the action\'s own checkout by default (GITHUB_ACTION_PATH: this repository), the npm package when given a version', () => {
    assert.equal(action().inputs.version.default, '');
    const r = runAction({ paths: 'docker' }, dir);
    assert.equal(r.log[0].status, 0, r.log[0].stderr);
    const sarif = JSON.parse(readFileSync(join(dir, 'container-atlas.sarif'), 'utf8'));
    assert.deepEqual(sarif.runs[0].results.map((x: { ruleId: string }) => x.ruleId), ['deprecated-technology']);
    assert.match(action().runs.steps[0].run!, /npx --yes "container-atlas@\$ATLAS_VERSION"/);
  });

  it('writes SARIF, uploads it even when findings fail the job, then fails per fail-on', () => {
    const r = runAction({ cli: cliPath, paths: 'docker\nk8s' }, dir);
    assert.equal(r.failed, true, 'removed-api is an error: the job fails');
    const sarif = JSON.parse(readFileSync(join(dir, 'container-atlas.sarif'), 'utf8'));
    assert.deepEqual(sarif.runs[0].results.map((x: { ruleId: string }) => x.ruleId).sort(), ['deprecated-technology', 'removed-api']);
    const upload = r.log.find((l) => l.uses);
    assert.deepEqual(upload, { step: 'Upload SARIF to code scanning', uses: 'github/codeql-action/upload-sarif@v3', with: { sarif_file: 'container-atlas.sarif', category: 'container-atlas' } });
    const fail = r.log.at(-1)!;
    assert.equal(fail.step, 'Fail on findings');
    assert.equal(fail.status, 1);
    assert.match(fail.stdout!, /::error title=Container Atlas::findings at or above 'error'/);
  });

  it('passes inputs through: fail-on none, k8s-version, catalog, eol-warning-days, no upload', () => {
    writeFileSync(join(dir, 'org.yaml'), 'settings:\n  severities: { deprecated-technology: error }\n');
    const r = runAction({ cli: cliPath, 'fail-on': 'none', 'k8s-version': '1.15', catalog: 'org.yaml', 'eol-warning-days': '0', upload: 'false', 'sarif-file': 'out.sarif' }, dir);
    assert.equal(r.failed, false, JSON.stringify(r.log));
    assert.ok(!r.log.some((l) => l.uses), 'upload: false skips the upload');
    const results = JSON.parse(readFileSync(join(dir, 'out.sarif'), 'utf8')).runs[0].results;
    assert.equal(results.find((x: { ruleId: string }) => x.ruleId === 'deprecated-technology').level, 'error', 'the catalog input was read');
    assert.equal(results.find((x: { ruleId: string }) => x.ruleId === 'removed-api'), undefined, 'at 1.15 extensions/v1beta1 Deployment is not removed yet');
  });

  it('with a baseline only new findings fail; a bad input stops the scan with its message and uploads nothing', () => {
    spawnSync(process.execPath, [cliPath, 'scan', '--write-baseline', 'atlas-baseline.json', '.'], { cwd: dir });
    assert.equal(runAction({ cli: cliPath, baseline: 'atlas-baseline.json' }, dir).failed, false, 'everything is baselined');
    writeFileSync(join(dir, 'k8s', 'e.yaml'), 'apiVersion: extensions/v1beta1\nkind: Deployment\nmetadata:\n  name: api\n');
    const r = runAction({ cli: cliPath, baseline: 'atlas-baseline.json' }, dir);
    assert.equal(r.failed, true, 'the new removed API fails');
    const bad = runAction({ cli: cliPath, 'k8s-version': 'latest' }, dir);
    assert.equal(bad.failed, true);
    assert.equal(bad.log[0].status, 2);
    assert.match(bad.log[0].stderr!, /--k8s-version: 'latest' is not a version like 1\.30/);
    assert.match(bad.log[0].stdout!, /::error title=Container Atlas::the scan could not run \(exit 2\)/);
    assert.ok(!bad.log.some((l) => l.uses), 'an incomplete report is not uploaded');
    assert.ok(!bad.log.some((l) => l.step === 'Fail on findings'), 'the scan step has failed already');
  });
});
