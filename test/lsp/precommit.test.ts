import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../helpers';

/**
 * The pre-commit hook installed as its users install it: pre-commit 4 (scripts/install-editor.sh
 * pre-commit; the test tier runs it) clones this repository, `npm install -g`s it from git, which runs
 * `prepare` to build dist/ (scripts/prepare.mjs), and runs the hook on the staged files of a project.
 * The install fetches the dev dependencies from the npm registry, so this is in the LSP tier, which may
 * use the network; the unit tier runs the hook's entry directly (test/unit/hooks.test.ts).
 */
describe('pre-commit installs and runs the hook from this repository', function () {
  this.timeout(600_000);
  let dir: string;
  before(() => { dir = mkdtempSync(join(tmpdir(), 'atlas-pre-commit-')); });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('a staged removed API fails the commit and the deprecated image is reported; other files are not read', () => {
    const repo = join(dir, 'project');
    mkdirSync(join(repo, 'k8s'), { recursive: true });
    const env = { ...process.env, PRE_COMMIT_HOME: join(dir, 'home'), GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com' };
    const run = (cmd: string, args: string[]) => spawnSync(cmd, args, { cwd: repo, env, encoding: 'utf8' });
    assert.equal(run('git', ['init', '-q']).status, 0);
    writeFileSync(join(repo, 'Dockerfile'), 'FROM boot2docker/boot2docker\n');
    writeFileSync(join(repo, 'k8s', 'ingress.yaml'), 'apiVersion: extensions/v1beta1\nkind: Ingress\nmetadata:\n  name: web\n');
    writeFileSync(join(repo, 'notes.txt'), 'FROM java:8\n');
    assert.equal(run('git', ['add', 'Dockerfile', 'k8s/ingress.yaml', 'notes.txt']).status, 0);
    const r = run('python3', ['-m', 'pre_commit', 'try-repo', ROOT, 'container-atlas', '--verbose']);
    const out = `${r.stdout}\n${r.stderr}`;
    assert.equal(r.status, 1, `the hook fails on the removed API:\n${out}`);
    assert.match(out, /Container Atlas\.+Failed/, out);
    assert.match(out, /k8s\/ingress\.yaml[\s\S]*extensions\/v1beta1[\s\S]*removed-api/, out);
    assert.match(out, /Dockerfile[\s\S]*boot2docker[\s\S]*deprecated-technology/, out);
    assert.doesNotMatch(out, /notes\.txt|java:8/, 'the hook is given only the files it reads');
  });
});
