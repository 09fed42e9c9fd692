import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { realCatalog, ROOT, run } from '../helpers';

const fixture = (p: string) => readFileSync(join(ROOT, 'test', 'fixtures', p), 'utf8');
const OPTS = { catalog: undefined as never, asOf: '2026-12-03' };
const real = () => ({ ...OPTS, catalog: realCatalog() });

describe('one finding per technology per container and per token', () => {
  it('a container whose image and command name one archived technology says it once', () => {
    const a = run('ds.yaml', fixture('dedupe/scope.yaml'), real());
    const scope = a.findings.filter((f) => /Weave Scope|weaveworks\/scope/.test(f.message)).map((f) => `${f.range.start.line + 1}:${f.rule}`);
    // containers[0]: the image finding covers its command; containers[1]: the command alone.
    assert.deepEqual(scope, ['12:deprecated-image', '16:deprecated-technology']);
  });

  it('a Compose service too', () => {
    const a = run('compose.yaml', 'services:\n  s:\n    image: busybox\n    entrypoint: ["docker-machine"]\n    command: docker-machine ls\n', real());
    assert.equal(a.findings.filter((f) => f.entry === 'docker-machine').length, 1);
  });

  it('centos:7 gets one warning on its token (the image is end of life as a whole)', () => {
    const a = run('Dockerfile', 'FROM centos:7\n', real());
    assert.deepEqual(a.findings.map((f) => f.rule), ['deprecated-image']);
    // An end-of-life tag of an image that is not itself end of life keeps its eol-image finding.
    const b = run('Dockerfile', 'FROM python:2.7\n', real());
    assert.deepEqual(b.findings.map((f) => f.rule), ['eol-image']);
  });
});
