import { strict as assert } from 'node:assert';
import { run, fixtureCatalog, OPTIONS } from '../helpers';
import { analyze } from '../../server/src/analysis/analyze';

describe('rules', () => {
  it('deprecated-technology names status, date and successor, tagged deprecated', () => {
    const f = run('Dockerfile', 'FROM boot2docker/boot2docker\n').findings;
    assert.equal(f.length, 1);
    assert.equal(f[0].rule, 'deprecated-technology');
    assert.equal(f[0].severity, 'warning');
    assert.ok(f[0].deprecated);
    assert.match(f[0].message, /^Use Docker Desktop: boot2docker is deprecated since 2020-05-22$/);
    assert.deepEqual(f[0].replacements!.map((r) => r.entry), ['docker-desktop']);
    assert.equal(f[0].replacements![0].edits, undefined, 'a technology successor is no mechanical rewrite');
  });

  it('deprecated-technology without a successor', () => {
    const f = run('compose.yaml', 'services:\n  a:\n    image: x/y\n    volume_driver: flocker\n').findings.find((x) => x.rule === 'deprecated-technology')!;
    assert.match(f.message, /^Replace Flocker: it is discontinued since 2016-12$/);
    assert.deepEqual(f.replacements, []);
  });

  it('deprecated-image: mechanical when a tag rule matches, not otherwise; digests kept only for pure moves', () => {
    const rule = (img: string) => run('Dockerfile', `FROM ${img}\n`).findings.find((x) => x.rule === 'deprecated-image')!;
    assert.deepEqual(rule('java:8').replacements![0].edits![0].newText, 'eclipse-temurin:8');
    assert.deepEqual(rule('java:8-jre').replacements![0].edits![0].newText, 'eclipse-temurin:8-jre');
    const unknownTag = rule('java:7u111');
    assert.equal(unknownTag.replacements![0].text, 'eclipse-temurin');
    assert.equal(unknownTag.replacements![0].edits, undefined);
    const d = 'sha256:' + 'c'.repeat(64);
    assert.equal(rule(`k8s.gcr.io/pause:3.2@${d}`).replacements![0].edits![0].newText, `registry.k8s.io/pause:3.2@${d}`);
    assert.equal(rule('docker.io/jwilder/nginx-proxy').replacements![0].edits![0].newText, 'nginxproxy/nginx-proxy');
  });

  it('deprecated-image has no edit when the reference came from ARG substitution', () => {
    const f = run('Dockerfile', 'ARG IMG=java:8\nFROM $IMG\n').findings.find((x) => x.rule === 'deprecated-image')!;
    assert.equal(f.replacements![0].edits, undefined);
  });

  it('eol-image maps tags to cycles and honours asOf', () => {
    const eol = (img: string, asOf = '2026-11-22') => run('Dockerfile', `FROM ${img}\n`, { asOf }).findings.filter((x) => x.rule === 'eol-image').map((x) => x.message);
    assert.equal(eol('python:2.7-slim').length, 1);
    assert.equal(eol('python:3.13-slim').length, 0);
    assert.equal(eol('python:3.9.18-bookworm').length, 1);
    assert.equal(eol('python:3.9', '2025-01-01').length, 0, 'not yet end of life on that day');
    assert.equal(eol('node:14-alpine').length, 1);
    assert.equal(eol('node:22').length, 0);
    assert.equal(eol('debian:buster-slim').length, 1);
    assert.equal(eol('debian:10.13').length, 1);
    assert.equal(eol('debian:bookworm', '2026-01-01').length, 0);
    assert.equal(eol('postgres:9.6.24').length, 1);
    assert.equal(eol('postgres:17').length, 0);
    assert.equal(eol('python').length, 0, 'no tag, no verdict');
    assert.equal(eol('python:latest').length, 0);
    assert.match(eol('python:2.7-slim')[0], /^Upgrade to Python 3\.13: Python 2\.7 reached end of life/);
  });

  it('severity overrides and off', () => {
    const base = 'FROM boot2docker/boot2docker\n';
    assert.equal(run('Dockerfile', base, { severities: { 'deprecated-technology': 'error' } }).findings[0].severity, 'error');
    assert.equal(run('Dockerfile', base, { severities: { 'deprecated-technology': 'off' } }).findings.length, 0);
  });

  it('skips huge and binary files with one information finding', () => {
    const big = run('Dockerfile', 'FROM a\n'.repeat(1000), { maxFileSize: 100 });
    assert.equal(big.findings.length, 1);
    assert.equal(big.findings[0].rule, 'analysis-skipped');
    assert.match(big.findings[0].message, /containerAtlas\.maxFileSize/);
    const bin = run('Dockerfile', 'FROM a\u0000\u0001');
    assert.equal(bin.findings[0].rule, 'analysis-skipped');
  });

  it('findings of one image at many places are built once but stay each place\'s own: ranges, edits and later changes', () => {
    // The image and API findings are memoised per catalog and options (analysis/rules.ts): the same
    // options object for two files and two places in one file must still give each its own finding.
    const options = { ...OPTIONS };
    const text = 'FROM k8s.gcr.io/pause:3.2\nFROM alpine:3.20 AS b\nFROM k8s.gcr.io/pause:3.2\n';
    const first = analyze({ path: 'Dockerfile', text }, fixtureCatalog, options)!;
    const moved = first.findings.filter((f) => f.rule === 'deprecated-image');
    assert.deepEqual(moved.map((f) => f.range.start.line), [0, 2]);
    for (const f of moved) assert.deepEqual(f.replacements![0].edits![0].range, f.range, 'the edit rewrites the token of its own finding');
    // A caller that changes a finding (severities, part edits) or an edit of it changes only that finding.
    moved[0].severity = 'error';
    moved[0].replacements![0].edits![0].newText = 'changed';
    moved[0].replacements![0].text = 'changed';
    const again = analyze({ path: 'other/Dockerfile', text: '\n\nFROM k8s.gcr.io/pause:3.2\n' }, fixtureCatalog, options)!;
    const f = again.findings.find((x) => x.rule === 'deprecated-image')!;
    assert.equal(f.severity, 'warning');
    assert.equal(f.replacements![0].text, 'registry.k8s.io/pause:3.2');
    assert.deepEqual(f.replacements![0].edits, [{ range: f.range, newText: 'registry.k8s.io/pause:3.2' }]);
    assert.equal(f.range.start.line, 2);
    assert.equal(moved[1].replacements![0].edits![0].newText, 'registry.k8s.io/pause:3.2');
  });
});
