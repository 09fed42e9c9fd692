import { strict as assert } from 'node:assert';
import { realCatalog, run, textAt } from '../helpers';
import { scanShell, shellTokens } from '../../server/src/syntax/shell';

/** Tools installed rather than run: package managers and release downloads, linked with the real catalog. */
const tools = (path: string, text: string) => run(path, text, { catalog: realCatalog() }).references.filter((r) => r.kind === 'tool').map((r) => [textAt(text, r.range), r.entry, r.context]);

describe('tools installed by package managers and downloads', () => {
  it('reads the package of each manager family, after options and their values', () => {
    const pk = (t: string) => scanShell(t).packages.map((p) => p.text);
    assert.deepEqual(pk('apt-get -qq -o Dpkg::Options::=--force-confold install -y -t bookworm-backports kubectl=1.31.* jq'), ['apt:kubectl', 'apt:jq']);
    assert.deepEqual(pk('yum -y install docker-compose-plugin && microdnf install curl'), ['dnf:docker-compose-plugin', 'dnf:curl']);
    assert.deepEqual(pk('apk add --no-cache -X http://mirror/edge cosign'), ['apk:cosign']);
    assert.deepEqual(pk('go install sigs.k8s.io/kind@v0.24.0 && brew install --cask skaffold'), ['go:sigs.k8s.io/kind', 'brew:skaffold']);
    assert.deepEqual(pk('apt-get update && apt-get remove kubectl && yum list installed'), []);
  });

  it('links installs in a Dockerfile RUN to the tool, only for the manager the name was catalogued for', () => {
    const text = 'FROM debian:bookworm\nRUN apt-get install -y kubectl \\\n && yum -y install docker-compose-plugin \\\n && go install sigs.k8s.io/kind@v0.24.0\n';
    assert.deepEqual(tools('Dockerfile', text), [
      ['kubectl', 'kubectl', 'RUN (apt install)'],
      ['docker-compose-plugin', 'compose-v2', 'RUN (dnf install)'],
      ['sigs.k8s.io/kind@v0.24.0', 'kind', 'RUN (go install)'],
    ]);
  });

  it('does not link distribution packages whose meaning depends on the distribution (docker-compose is V1 or V2)', () => {
    const text = 'FROM debian:bookworm\nRUN apt-get install -y docker-compose && apk add docker-compose && yum install docker-compose && brew install docker-compose\n';
    const a = run('Dockerfile', text, { catalog: realCatalog(), asOf: '2026-12-03' });
    assert.deepEqual(a.references.filter((r) => r.kind === 'tool'), []);
    assert.deepEqual(a.findings.filter((f) => f.severity === 'warning' || f.severity === 'error'), []);
    // pip's docker-compose is the Python V1 whatever the distribution, and it is reported.
    const v1 = run('Dockerfile', 'FROM python:3.13\nRUN pip install docker-compose==1.29.2\n', { catalog: realCatalog(), asOf: '2026-12-03' });
    assert.equal(v1.references.find((r) => r.kind === 'tool')?.entry, 'docker-compose');
  });

  it('links release downloads of catalogued tools, telling Compose V1 from V2 by the tag', () => {
    const text = [
      'FROM alpine',
      'RUN curl -Lo ./kind https://kind.sigs.k8s.io/dl/v0.29.0/kind-linux-amd64',
      'RUN curl -LO https://storage.googleapis.com/minikube/releases/latest/minikube-linux-amd64',
      'RUN wget -q https://github.com/docker/compose/releases/download/v2.29.1/docker-compose-linux-x86_64',
      'RUN wget -q https://github.com/docker/compose/releases/download/1.29.2/docker-compose-Linux-x86_64',
      'RUN curl -L https://github.com/sigstore/cosign/releases/download/v2.4.1/cosign-linux-amd64 -o /usr/bin/cosign',
      '',
    ].join('\n');
    assert.deepEqual(tools('Dockerfile', text).map(([, e]) => e), ['kind', 'minikube', 'compose-v2', 'docker-compose', 'cosign']);
  });

  it('reads installs in workflow run steps and Compose commands', () => {
    const wf = 'on: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - run: |\n          sudo apt-get install -y kubectl\n          curl -Lo kind https://kind.sigs.k8s.io/dl/v0.29.0/kind-linux-amd64\n';
    assert.deepEqual(tools('.github/workflows/ci.yml', wf).map(([t, e]) => [t, e]), [['kubectl', 'kubectl'], ['https://kind.sigs.k8s.io/dl/v0.29.0/kind-linux-amd64', 'kind']]);
    const compose = 'services:\n  ci:\n    image: debian:bookworm\n    command: sh -c "apt-get install -y kubectl && kubectl version"\n';
    assert.deepEqual(tools('compose.yaml', compose).map(([t, e]) => [t, e]), [['kubectl', 'kubectl']]);
  });
});

describe('shell scanning is memoised by text', () => {
  it('gives the same words at any base offset, whether the text was scanned before or not', () => {
    const t = 'apt-get install -y kubectl && curl -fsSL https://get.helm.sh/helm-v3.14.0-linux-amd64.tar.gz | tar xz';
    const first = scanShell(t, 100);
    const again = scanShell(t, 5);
    const shift = (ws: { text: string; start: number; end: number }[], d: number) => ws.map((w) => ({ ...w, start: w.start + d, end: w.end + d }));
    assert.deepEqual(shift(again.commands, 95), first.commands);
    assert.deepEqual(shift(again.packages, 95), first.packages);
    assert.deepEqual(shift(again.urls, 95), first.urls);
    assert.deepEqual(first.commands.map((c) => t.slice(c.start - 100, c.end - 100)), ['apt-get', 'curl', 'tar']);
    // A caller changing what it got back does not change what the next caller gets.
    again.commands.length = 0;
    assert.equal(scanShell(t).commands.length, 3);
  });
});

describe('shell words', () => {
  it('end at any whitespace /\\s/ knows, including no-break and em spaces', () => {
    assert.deepEqual(shellTokens('curl\u00a0-L\u2003x{y}').map((w) => w.text), ['curl', '-L', 'x{y}']);
  });
});
