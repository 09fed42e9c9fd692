import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ROOT, builtBundle } from '../helpers';
import { allFilesRegExpSource } from '../../server/src/common/fileKinds';

interface Hook { id: string; entry: string; language: string; pass_filenames: boolean; files: string }
const hook = (): Hook => (parse(readFileSync(join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as Hook[])[0];
const git = (args: string[], cwd: string) => {
  const r = spawnSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com' } });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
};

/**
 * The pre-commit hook. Running pre-commit's node hook means `npm install`ing this repository (with
 * its dev dependencies) from the registry, which the unit tier does not do (no network); so pre-commit
 * checks the manifest (when installed: `pip install pre-commit`), and this test does what pre-commit
 * does with the hook: the staged files, filtered by `files`, passed to `entry` (with `container-atlas`
 * being this checkout's dist/cli.js).
 */
describe('pre-commit hook (.pre-commit-hooks.yaml)', function () {
  this.timeout(30000);
  let repo: string;
  before(() => builtBundle('cli.js'));
  beforeEach(() => {
    repo = mkdtempSync(join(tmpdir(), 'atlas-hook-'));
    git(['init', '-q'], repo);
  });
  afterEach(() => rmSync(repo, { recursive: true, force: true }));

  const runHook = () => {
    const h = hook();
    const files = git(['diff', '--cached', '--name-only', '--diff-filter=ACMR'], repo).split('\n').filter((f) => f && new RegExp(h.files).test(f));
    const [cmd, ...args] = h.entry.split(' ');
    assert.equal(cmd, 'container-atlas');
    if (!files.length) return { status: 0, stdout: '', files };
    const r = spawnSync(process.execPath, [builtBundle('cli.js'), ...args, ...files], { cwd: repo, encoding: 'utf8' });
    return { status: r.status, stdout: r.stdout + r.stderr, files };
  };

  it('is a node hook that passes file names, matching exactly the files Container Atlas reads', () => {
    const h = hook();
    assert.equal(h.id, 'container-atlas');
    assert.equal(h.language, 'node');
    assert.equal(h.pass_filenames, true);
    assert.equal(h.files, allFilesRegExpSource(), `files: must be '${allFilesRegExpSource()}'`);
    const bin = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).bin;
    assert.ok(bin['container-atlas'], 'the package has the bin the entry runs');
  });

  it('pre-commit itself accepts the manifest (validate-manifest), where pre-commit is installed', function () {
    const which = spawnSync('pre-commit', ['--version'], { encoding: 'utf8' });
    if (which.error) this.skip();
    const r = spawnSync('pre-commit', ['validate-manifest', join(ROOT, '.pre-commit-hooks.yaml')], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stdout + r.stderr);
  });

  it('fails the commit on a staged removed Kubernetes API, passes on fixed files, ignores other files', () => {
    mkdirSync(join(repo, 'k8s'));
    writeFileSync(join(repo, 'k8s', 'web.yaml'), 'apiVersion: extensions/v1beta1\nkind: Deployment\nmetadata:\n  name: web\n');
    writeFileSync(join(repo, 'Dockerfile'), 'FROM boot2docker/boot2docker\n');
    writeFileSync(join(repo, 'README.md'), 'FROM boot2docker/boot2docker\n');
    writeFileSync(join(repo, 'unstaged.yaml'), 'apiVersion: extensions/v1beta1\nkind: Deployment\n');
    git(['add', 'k8s/web.yaml', 'Dockerfile', 'README.md'], repo);
    const bad = runHook();
    assert.deepEqual(bad.files.sort(), ['Dockerfile', 'k8s/web.yaml'], 'README.md is not one of the files, unstaged.yaml is not staged');
    assert.equal(bad.status, 1, bad.stdout);
    assert.match(bad.stdout, /k8s\/web\.yaml\n\s+1:13\s+error\s+Replace Deployment extensions\/v1beta1 with apps\/v1/);
    assert.doesNotMatch(bad.stdout, /unstaged\.yaml/);
    writeFileSync(join(repo, 'k8s', 'web.yaml'), 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n');
    git(['add', 'k8s/web.yaml'], repo);
    const ok = runHook();
    assert.equal(ok.status, 0, ok.stdout);
    assert.match(ok.stdout, /boot2docker is deprecated/, 'warnings are shown, and do not fail the commit by default');
  });
});
