import { strict as assert } from 'node:assert';
import { readFileSync, writeFileSync, rmSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import AjvDraft04 from 'ajv-draft-04';
import { ROOT, builtBundle, cli, workspace } from '../helpers';
import { readSettings } from '../../server/src/service/settings';

const AS_OF = ['--as-of', '2026-11-22'];

describe('baselines (scan --write-baseline / --baseline)', function () {
  before(() => builtBundle('cli.js'));
  this.timeout(30000);
  let dir: string;
  beforeEach(() => {
    dir = workspace({
      Dockerfile: 'FROM boot2docker/boot2docker\nRUN echo hi\n',
      'k8s/d.yaml': 'apiVersion: extensions/v1beta1\nkind: Deployment\nmetadata:\n  name: web\n',
    }, 'atlas-baseline-');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const sarifOf = (args: string[]) => {
    const r = cli(['scan', '--format', 'sarif', ...AS_OF, ...args, '.'], dir);
    return { status: r.status, stderr: r.stderr, sarif: JSON.parse(r.stdout) };
  };

  it('writes a versioned baseline atomically, and then nothing fails: the removed API is baselined', () => {
    assert.equal(cli(['scan', ...AS_OF, '.'], dir).status, 1, 'removed-api fails before the baseline');
    const w = cli(['scan', ...AS_OF, '--write-baseline', 'atlas-baseline.json', '.'], dir);
    assert.equal(w.status, 0, w.stderr);
    assert.match(w.stderr, /wrote 2 findings to the baseline atlas-baseline\.json/);
    const b = JSON.parse(readFileSync(join(dir, 'atlas-baseline.json'), 'utf8'));
    assert.equal(b.version, 1);
    assert.deepEqual(b.findings.map((f: { rule: string; path: string }) => `${f.rule} ${f.path}`).sort(), ['deprecated-technology Dockerfile', 'removed-api k8s/d.yaml']);
    assert.deepEqual(readdirSync(dir).filter((n) => n.endsWith('.tmp')), [], 'no temporary file left');
    const r = cli(['scan', ...AS_OF, '--baseline', 'atlas-baseline.json', '.'], dir);
    assert.equal(r.status, 0, r.stdout);
    assert.match(r.stdout, /baseline atlas-baseline\.json: 2 findings baselined \(not counted by --fail-on\), 0 new/);
    assert.match(r.stdout, /removed-api \(baselined\)/);
  });

  it('a finding moved by an edit elsewhere stays baselined; SARIF says unchanged and carries fingerprints', () => {
    cli(['scan', ...AS_OF, '--write-baseline', 'b.json', '.'], dir);
    const before = sarifOf([]).sarif.runs[0].results;
    writeFileSync(join(dir, 'k8s', 'd.yaml'), '# a comment\n# and another\n---\napiVersion: extensions/v1beta1\nkind: Deployment\nmetadata:\n  name: web\n  labels: { app: web }\n');
    const { status, sarif } = sarifOf(['--baseline', 'b.json']);
    assert.equal(status, 0, 'nothing new');
    const results = sarif.runs[0].results;
    const removed = results.find((r: any) => r.ruleId === 'removed-api');
    assert.equal(removed.locations[0].physicalLocation.region.startLine, 4, 'the finding moved');
    assert.equal(removed.baselineState, 'unchanged');
    const was = before.find((r: any) => r.ruleId === 'removed-api');
    assert.deepEqual(removed.partialFingerprints, was.partialFingerprints, 'same fingerprint after the move');
    assert.ok(results.every((r: any) => typeof r.partialFingerprints?.['containerAtlas/v1'] === 'string'), 'every result has a fingerprint');
    assert.ok(before.every((r: any) => r.baselineState === undefined), 'no baselineState without a baseline');
  });

  it('a new finding fails and is new; one that is gone is absent; the SARIF stays valid', () => {
    cli(['scan', ...AS_OF, '--write-baseline', 'b.json', '.'], dir);
    writeFileSync(join(dir, 'Dockerfile'), 'FROM node:22\nRUN echo hi\n');
    writeFileSync(join(dir, 'k8s', 'd.yaml'), 'apiVersion: extensions/v1beta1\nkind: Deployment\nmetadata:\n  name: web\n---\napiVersion: extensions/v1beta1\nkind: Deployment\nmetadata:\n  name: api\n');
    const { status, sarif } = sarifOf(['--baseline', 'b.json']);
    assert.equal(status, 1, 'the second removed API is new and fails');
    const results = sarif.runs[0].results;
    const states = results.map((r: any) => `${r.ruleId} ${r.baselineState}${r.locations[0].physicalLocation.region ? ` ${r.locations[0].physicalLocation.region.startLine}` : ''}`).sort();
    assert.deepEqual(states, ['deprecated-technology absent', 'removed-api new 6', 'removed-api unchanged 1']);
    const schema = JSON.parse(readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'));
    const validate = new AjvDraft04({ strict: false, allErrors: true, unicodeRegExp: false }).compile(schema);
    assert.ok(validate(structuredClone(sarif)), JSON.stringify(validate.errors?.slice(0, 5), null, 2));
    const json = JSON.parse(cli(['scan', '--format', 'json', ...AS_OF, '--baseline', 'b.json', '.'], dir).stdout);
    assert.deepEqual(json.summary.baseline, { file: 'b.json', unchanged: 1, new: 1, absent: 1 });
    assert.equal(json.absent[0].rule, 'deprecated-technology');
    const text = cli(['scan', ...AS_OF, '--baseline', 'b.json', '.'], dir).stdout;
    assert.match(text, /1 finding baselined \(not counted by --fail-on\), 1 new, 1 recorded finding no longer found/);
  });

  it('a missing or malformed baseline is a clear error (exit 2), not a crash', () => {
    const missing = cli(['scan', '--baseline', 'nope.json', '.'], dir);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /cannot read the baseline nope\.json: no such file\. Write one with 'container-atlas scan --write-baseline nope\.json'/);
    writeFileSync(join(dir, 'bad.json'), '{"version": 1, "findings": [');
    const bad = cli(['scan', '--baseline', 'bad.json', '.'], dir);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /bad\.json: not a baseline file \(not JSON/);
    writeFileSync(join(dir, 'v9.json'), '{"version": 9, "findings": []}');
    assert.match(cli(['scan', '--baseline', 'v9.json', '.'], dir).stderr, /v9\.json: baseline version 9 is not supported/);
    writeFileSync(join(dir, 'rule.json'), '{"version": 1, "findings": [{"fingerprint": "x", "path": "Dockerfile", "rule": "no-such-rule"}]}');
    assert.match(cli(['scan', '--baseline', 'rule.json', '.'], dir).stderr, /rule\.json: findings\[0\] has an unknown "rule" "no-such-rule"/);
    assert.doesNotMatch(missing.stderr + bad.stderr, /at .*\.js:\d+/, 'no stack trace');
  });
});

describe('containerAtlas.baseline setting (service/settings.ts)', () => {
  it('accepts a file and a severity, and refuses a severity that is not one with what happens instead', () => {
    assert.deepEqual(readSettings({ baseline: { file: 'b.json', severity: 'information' } }).settings.baseline, { file: 'b.json', severity: 'information' });
    const bad = readSettings({ baseline: { file: 'b.json', severity: 'quiet' } });
    assert.deepEqual(bad.settings.baseline, { file: 'b.json', severity: 'hint' });
    assert.deepEqual(bad.problems, ["containerAtlas.baseline.severity: 'quiet' is not one of error, warning, information, hint; baselined findings are shown as hint."]);
  });
});
