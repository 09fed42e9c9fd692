import { strict as assert } from 'node:assert';
import { run, textAt } from '../helpers';
import { expandVariables } from '../../server/src/syntax/dockerfile';

const images = (text: string) => run('Dockerfile', text).references.filter((r) => r.kind === 'image').map((r) => r.text);

describe('Dockerfile references', () => {
  it('finds FROM images with --platform, AS and precise ranges', () => {
    const text = 'FROM --platform=$BUILDPLATFORM boot2docker/boot2docker:1.0 AS base\n';
    const a = run('Dockerfile', text);
    const r = a.references.find((x) => x.kind === 'image')!;
    assert.equal(r.text, 'boot2docker/boot2docker:1.0');
    assert.equal(textAt(text, r.range), 'boot2docker/boot2docker:1.0');
    assert.equal(r.entry, 'boot2docker');
    assert.deepEqual(r.image, { registry: 'docker.io', repository: 'boot2docker/boot2docker', tag: '1.0', digest: null });
  });

  it('never treats stage names or scratch as images', () => {
    const text = 'FROM golang:1.23 AS build\nFROM build AS test\nFROM scratch\nCOPY --from=build /app /app\nCOPY --from=0 /x /x\n';
    assert.deepEqual(images(text), ['golang:1.23']);
  });

  it('substitutes ARG defaults, including ${VAR:-default}', () => {
    const text = 'ARG REPO=python\nARG TAG\nFROM ${REPO}:${TAG:-2.7-slim}\nFROM $UNKNOWN\n';
    assert.deepEqual(images(text), ['python:2.7-slim']);
    assert.equal(expandVariables('${A:-x}-${B-y}-${C:+z}', new Map([['C', '1']])), 'x-y-z');
  });

  it('finds COPY --from images, RUN --mount=from images and the syntax directive', () => {
    const text = '# syntax=docker/dockerfile:1.7\nFROM alpine:3.20\nCOPY --from=nginx:1.27 /etc/nginx /etc/nginx\nRUN --mount=type=bind,from=boot2docker/boot2docker,target=/x ls\n';
    assert.deepEqual(images(text), ['docker/dockerfile:1.7', 'alpine:3.20', 'nginx:1.27', 'boot2docker/boot2docker']);
  });

  it('finds tools in RUN lines across continuations, installs and downloads', () => {
    const text = 'FROM alpine\nRUN apk add curl \\\n && pip install docker-compose==1.29.2 \\\n && curl -L https://github.com/docker/machine/releases/download/v0.16.2/docker-machine-Linux-x86_64 -o /usr/local/bin/docker-machine \\\n && /usr/local/bin/docker-machine version\n';
    const refs = run('Dockerfile', text).references.filter((r) => r.kind !== 'image');
    assert.deepEqual(refs.map((r) => [r.kind, r.entry, r.range.start.line]), [
      ['tool', 'docker-compose', 2],
      ['tool', 'docker-machine', 3],
      ['command', 'docker-machine', 4],
    ]);
    assert.equal(textAt(text, refs[2].range), 'docker-machine');
  });

  it('does not mistake arguments for commands', () => {
    const text = 'FROM alpine\nRUN echo boot2docker && ls docker-machine\n';
    assert.equal(run('Dockerfile', text).references.filter((r) => r.kind === 'command').length, 0);
  });

  it('reports MAINTAINER with a LABEL replacement', () => {
    const text = 'FROM alpine\nMAINTAINER Jane Doe <jane@example.com>\n';
    const f = run('Dockerfile', text).findings.find((x) => x.rule === 'deprecated-syntax')!;
    assert.equal(f.range.start.line, 1);
    assert.equal(f.replacements![0].edits![0].newText, 'LABEL org.opencontainers.image.authors="Jane Doe <jane@example.com>"');
  });

  it('survives broken Dockerfiles', () => {
    for (const text of ['FROM', 'FROM \\\n', 'RUN "unterminated \\\n\\\n', 'FROM a AS\nCOPY --from= x y\nARG ${', '\uFFFD\uFFFD FROM \u0000', 'FROM ' + 'a'.repeat(100000)]) {
      const a = run('Dockerfile', text);
      assert.ok(Array.isArray(a.findings));
    }
  });
});
