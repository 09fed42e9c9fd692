import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { DockerfileParser, type Argument } from 'dockerfile-ast';
import { analyze } from '../../server/src/analysis/analyze';
import { argumentsOf, scanDockerfile } from '../../server/src/syntax/dockerfileFast';
import { LineIndex } from '../../server/src/common/lineIndex';
import { findFixtureFiles, fixtureCatalog, OPTIONS, ROOT } from '../helpers';

// The fast Dockerfile scanner against dockerfile-ast, the reference: the analysis must be the same
// with either (references, findings, quick fixes, errors), and where the scanner takes the input its
// instructions and arguments must be the library's.

/**
 * analyze() with the library path and with the fast path: equal. Also the instructions, keyword and
 * ranges. Returns whether the fast scanner took the input (each test counts its own).
 */
function check(text: string, where: string): boolean {
  const lib = analyze({ path: 'Dockerfile', text }, fixtureCatalog, { ...OPTIONS, parser: 'library' });
  const fast = analyze({ path: 'Dockerfile', text }, fixtureCatalog, OPTIONS);
  assert.deepEqual(fast, lib, `${where}: analysis differs\n${JSON.stringify(text.slice(0, 600))}`);

  const s = scanDockerfile(text);
  if (!s) return false;
  const df = DockerfileParser.parse(text);
  const lines = new LineIndex(text);
  const off = (p: { line: number; character: number }) => lines.offset(p);
  const norm = (x: number) => (x > 0 && text.charCodeAt(x) === 10 && text.charCodeAt(x - 1) === 13 ? x - 1 : x);
  const want = df.getInstructions().map((i) => ({ keyword: i.getKeyword(), start: off(i.getRange().start), keywordEnd: off(i.getInstructionRange().end), end: off(i.getRange().end), args: (i as unknown as { getRawArguments(): Argument[] }).getRawArguments().map((a) => [a.getValue(), off(a.getRange().start), off(a.getRange().end)]) }));
  const got = s.instructions.map((i) => ({ keyword: i.keyword, start: norm(i.start), keywordEnd: norm(i.keywordEnd), end: norm(i.end), args: argumentsOf(text, s.escape, i.keywordEnd, i.end).map((a) => [a.value, norm(a.start), norm(a.end)]) }));
  assert.deepEqual(got, want, `${where}: instructions differ\n${JSON.stringify(text.slice(0, 600))}`);
  assert.deepEqual(s.directives.map((d) => [d.name, d.value, norm(d.valueStart), norm(d.valueEnd)]), df.getDirectives().map((d) => [d.getName(), d.getValue(), off(d.getValueRange().start), off(d.getValueRange().end)]), `${where}: directives differ`);
  assert.equal(s.escape, df.getEscapeCharacter(), `${where}: escape character differs`);
  return true;
}

/** Checks every text; how many of them the fast scanner took. */
const checkAll = (texts: [string, string][]): number => texts.filter(([t, w]) => check(t, w)).length;

const EDGE_CASES: string[] = [
  '',
  '\n\n',
  'FROM alpine:3.20\n',
  'FROM alpine:3.20',
  'from python:2.7 as build\nfrom build\ncopy --from=build /a /b\nrun docker-machine ls\n',
  'FrOm node:14 As base\nRuN npm ci\n',
  '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN powershell -Command `\n    docker-machine ls ; `\n    echo hi\nCOPY --from=java:8 C:\\a C:\\b\n',
  '# escape=`\r\nFROM java:8\r\nRUN a `\r\n  # comment `\r\n  docker-machine ls\r\n',
  '# escape=\\\nFROM java:8\n',
  '# escape=x\nFROM java:8\nRUN a \\\n b\n',
  '# escape = `\nFROM java:8\nRUN a `  \n b\n',
  '# syntax=docker/dockerfile:1.7\n# escape=`\n\nFROM java:8\n',
  '#syntax=docker/dockerfile:1\nFROM alpine\n',
  '# syntax = docker/dockerfile:1.4   \nFROM alpine\n',
  '# syntax=\nFROM alpine\n',
  '# syntax=a # escape=`\nFROM alpine\n',
  '# directive=x\n# syntax=docker/dockerfile:1\nFROM java:8\n',
  '# comment\n# syntax=docker/dockerfile:1\nFROM java:8\n',
  '\n# syntax=docker/dockerfile:1\nFROM java:8\n',
  '# syntax=docker/dockerfile:1',
  '\uFEFFFROM java:8\n',
  '\uFEFF# syntax=docker/dockerfile:1\nFROM java:8\n',
  'FROM java:8\r\nRUN apt-get install -y \\\r\n  docker-compose \\\r\n  curl\r\nMAINTAINER me <me@x>\r\n',
  'FROM alpine\rMAINTAINER me\rFROM java:8\r\nRUN docker-machine ls\r',
  'FROM alpine\r\rRUN a \\\r b\r',
  'FROM\talpine:3.20\tAS\tx\nRUN\tdocker-machine\tls\n',
  'FROM java:8\nRUN apt-get update \\\n    # a comment inside\n    && apt-get install -y docker-compose \\\n\n    && echo done\n',
  'FROM java:8\nRUN a \\\n# c1\n# c2 \\\n  b \\   \n  c \\\t\n  d\n',
  'FROM java:8\nRUN a \\ b \\  c\n',
  'FROM java:8\nRUN echo \\$HOME \\\\ \\a "quoted \\" x"\n',
  'FROM java:8\nRUN <<EOF\ndocker-machine ls\nEOF\nRUN docker-compose up\n',
  'FROM java:8\nRUN <<-EOF\n\tdocker-machine ls\n\tEOF\nFROM python:2.7\n',
  'FROM java:8\nRUN <<"EOF" bash\nFROM node:14\nEOF\nCOPY <<A <<B /x\na\nA\nb\nB\nFROM centos:7\n',
  'FROM java:8\nCOPY --chmod=755 <<\'EOF\' /x\nFROM node:14\nEOF\n',
  'FROM java:8\nRUN <<EOF\nnever closed\nFROM node:14\n',
  'FROM java:8\nRUN cat <<EOF > /x\nFROM node:14\nEOF\n',
  'FROM java:8\nRUN <<EOF\r\nFROM node:14\r\nEOF\r\nFROM python:2.7\r\n',
  'FROM java:8\nONBUILD RUN <<EOF\nFROM node:14\nEOF\nFROM python:2.7\n',
  'FROM java:8\nONBUILD RUN docker-machine ls\n',
  'FROM java:8\nADD <<EOF /x\nFROM node:14\nEOF\n',
  'FROM java:8\nRUN a <\\<EOF\nFROM node:14\nEOF\n',
  'FROM java:8\nRUN <<\nFROM node:14\n',
  'FROM java:8\nRUN --mount=type=cache,target=/c <<EOF\nFROM node:14\nEOF\n',
  'FROM java:8\nRUN ["docker-machine", "ls"]\nCMD ["docker-compose","up"]\nENTRYPOINT [ "boot2docker" , "up" ]\n',
  'FROM java:8\nCMD ["a", \\\n  "docker-machine"]\nENTRYPOINT []\nCMD [ ]\n',
  'FROM java:8\nCMD ["a" "b"]\nRUN [docker-machine]\n',
  'FROM --platform=$BUILDPLATFORM golang:1.23 AS build\nFROM --platform=linux/amd64 java:8\nFROM --platform java:8\nFROM --platform= node:14\n',
  'FROM --platform=$BUILDPLATFORM --foo=bar python:2.7 AS b\n',
  'FROM a--b python:2.7\n',
  'ARG BASE=python:2.7\nFROM $BASE\nFROM ${BASE}\nFROM ${MISSING:-node:14}\nFROM ${BASE:+java:8}\n',
  'ARG BASE="python:2.7"\nFROM ${BASE}\n',
  "ARG BASE='node:14'\nFROM $BASE\n",
  'ARG BASE=python:2.7 OTHER=node:14\nFROM $OTHER\n',
  'ARG BASE python:2.7\nFROM $BASE\n',
  'ARG BASE=\nFROM ${BASE:-java:8}\nFROM ${BASE-node:14}\n',
  'ARG BASE\nFROM ${BASE:-java:8}\n',
  'ARG BASE=a\\\n  b\nFROM $BASE\n',
  'ARG V=2.7\nARG IMG=python:${V}\nFROM $IMG\nFROM python:$V\n',
  'ARG BASE=java:8 # comment\nFROM $BASE\n',
  'ARG BASE=java:8\nFROM alpine\nARG LATE=node:14\nFROM $LATE\n',
  'ARG\nARG =x\nFROM ${x:-java:8}\n',
  'arg base=java:8\nfrom $base\n',
  'FROM java:8 AS a\nFROM a AS b\nCOPY --from=a /x /y\nCOPY --from=B /x /y\nCOPY --from=0 /x /y\nCOPY --from=node:14 /x /y\nCOPY --from= /x /y\nCOPY --from /x /y\n',
  'FROM java:8\nCOPY --chown=1:1 --from=node:14 /x /y\nCOPY --from=node:14 --chown=1:1 /x /y\nADD --from=node:14 /x /y\n',
  'FROM java:8\nCOPY --from=node\\\n:14 /x /y\nCOPY --fr\\om=node:14 /x /y\n',
  'FROM java:8 AS s\nRUN --mount=type=bind,from=boot2docker/boot2docker,target=/x ls\nRUN --mount=type=bind,from=s,target=/x --mount=from=node:14 --mount=type=cache,target=/c docker-machine ls\nRUN --mount=from=1 --mount=,,from=python:2.7, ls\n',
  'FROM java:8\nRUN --network=none --mount=type=bind,from=node:14 \\\n    docker-compose up\n',
  'FROM java:8\nRUN --mount=type=bind,from=node:14\n',
  'FROM java:8\nMAINTAINER\nMAINTAINER   Jane Doe <jane@example.com>   \nMAINTAINER a \\\n  b\n',
  'FROM java:8\nRUN\nCMD\nENTRYPOINT\nCOPY\nFROM\n',
  'FROM java:8\nRUN \\\n',
  'FROM java:8\nRUN a \\',
  'FROM java:8\nRUN a \\   ',
  'FROM java:8 \\',
  'FR\\\nOM java:8\nRU\\\n  N docker-machine ls\n',
  'FROM\\\n java:8\n',
  'FROM\\ java:8\n',
  'F\\ROM java:8\n',
  'FROM java:8\n   RUN docker-machine ls\n\t\tCMD boot2docker\n',
  '  # indented comment\nFROM java:8\n#comment\n',
  'FROM java:8 # not a comment\nRUN a # also not\n',
  'FROM java:8\nRUN a\\\n#c\nb\n',
  'FROM java:8\nRUN a \\\n  \\\n  docker-machine ls\n',
  'FROM java:8\nRUN a \\ \n\n\n  docker-machine ls\n',
  'FROM java:8\nHEALTHCHECK CMD docker-machine ls\nONBUILD RUN docker-compose\nSHELL ["cmd"]\n',
  'FROM k8s.gcr.io/pause:3.2@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n',
  'FROM {{ .Values.image }}\nRUN {{ x }} docker-machine ls\n',
  'FROM java:8\nRUN curl -fsSL https://github.com/docker/machine/releases/download/v0.16.2/docker-machine-Linux-x86_64 -o /x\n',
  'FROM scratch\nFROM SCRATCH\nFROM ${S:-scratch}\n',
  'FROM java:8 # container-atlas: ignore\nFROM node:14\n',
  'FROM ja\u00e9va:8\nRUN \u00e9cho \ud83d\ude00 docker-machine\n',
  'FROM java:8\u2028RUN x\n',
  '\\\nFROM java:8\n',
  '`\nFROM java:8\n',
  'FROM java:8\nRUN a \\\r\n# c\r\n\r\n b\r\n',
  'FROM java:8\nRUN a \\\r# c\r b\r',
  'FROM java:8\nRUN a \\ \r\n b\n',
  'FROM java:8\nRUN a \\\t\r b\n',
  'FROM java:8\nRUN a \\ \rXdocker-machine ls\r',
  'FROM java:8\nCOPY --from=node:14 \\ \r--from=java:8 /a /b\r',
  'FROM java:8\nCOPY --fro\\m=n /a /b\nCOPY --from=\\\n  node:14 /a /b\nRUN --mount=from=\\\n  node:14 ls\n',
  'FROM java:8\nRUN <<--E --x\nFROM node:14\n-E\nFROM python:2.7\n',
];

const dockerfiles = (dir: string): string[] => findFixtureFiles(dir, /^(Dockerfile|Containerfile)(\..*)?$|\.Dockerfile$/i, 10);

let gen: typeof import('../../bench/generate.mjs');

describe('fast Dockerfile scanner (differential against dockerfile-ast)', function () {
  this.timeout(60000);
  before(async () => { gen = await import('../../bench/generate.mjs'); });

  it('agrees with the library on hand-written edge cases', () => {
    const scanned = checkAll([
      ...EDGE_CASES.map((t, i): [string, string] => [t, `edge case ${i}`]),
      // Each case also with CRLF and with lone CR line ends, and with ` as the escape character.
      ...EDGE_CASES.map((t, i): [string, string] => [t.replace(/\r?\n/g, '\r\n'), `edge case ${i} (CRLF)`]),
      ...EDGE_CASES.map((t, i): [string, string] => [t.replace(/\r?\n/g, '\r'), `edge case ${i} (CR)`]),
      ...EDGE_CASES.map((t, i): [string, string] => [`# escape=\`\n${t.replace(/\\/g, '`')}`, `edge case ${i} (escape \`)`]),
    ]);
    assert.ok(scanned > EDGE_CASES.length * 3, `the scanner took only ${scanned} of ${EDGE_CASES.length * 4} cases`);
  });

  it('declines what it does not follow (heredocs in ONBUILD), and the library path then gives the analysis', () => {
    const text = 'FROM java:8\nONBUILD RUN <<EOF\nFROM node:14\nEOF\nFROM python:2.7\n';
    assert.equal(scanDockerfile(text), null);
    const images = analyze({ path: 'Dockerfile', text }, fixtureCatalog, OPTIONS)!.references.filter((r) => r.kind === 'image').map((r) => r.text);
    assert.deepEqual(images, ['java:8', 'python:2.7']);
    assert.ok(scanDockerfile('FROM java:8\nONBUILD RUN docker-machine ls\n'));
  });

  it('agrees with the library on real Dockerfiles (samples, fixtures, node_modules) and the bench generator', () => {
    const files = [...dockerfiles(join(ROOT, 'samples')), ...dockerfiles(join(ROOT, 'test')), ...dockerfiles(join(ROOT, 'node_modules'))];
    assert.ok(files.length >= 3, `only ${files.length} Dockerfiles found`);
    for (const f of files) check(readFileSync(f, 'utf8'), f);
    // Dockerfile texts kept as regression fixtures.
    const fixtures = join(ROOT, 'test', 'fixtures', 'regressions');
    for (const n of readdirSync(fixtures)) {
      const j = JSON.parse(readFileSync(join(fixtures, n), 'utf8')) as { path?: string; text?: string };
      if (typeof j.text === 'string' && /dockerfile|containerfile/i.test(j.path ?? '')) check(j.text, n);
    }
    const generated: [string, string][] = [1, 2, 3, 4, 5, 6].map((seed) => [gen.dockerfile(20_000 + seed * 5_000, seed), `generated Dockerfile, seed ${seed}`]);
    generated.push([gen.dockerfile(300 * 1024), 'the bench Dockerfile (300 KB)']);
    assert.equal(checkAll(generated), 7, 'the scanner declined a generated Dockerfile');
  });

  // Pieces of Dockerfiles: instructions, flags, continuations, comments, heredocs, quotes, line ends.
  const piece = fc.constantFrom(
    'FROM ', 'from ', 'FROM --platform=$BUILDPLATFORM ', 'java:8', 'node:14', 'python:2.7', ' AS ', ' as ', 'stage', '${BASE}', '${BASE:-java:8}', '$BASE', 'scratch',
    'ARG ', 'BASE=python:2.7', 'BASE="node:14"', "BASE='java:8'", 'BASE', '=',
    'COPY ', 'COPY --from=', 'COPY --chown=1 ', 'ADD ', '--from=stage ', '--from=0 ', '--from=java:8 ',
    'RUN ', 'run ', 'RUN --mount=type=bind,from=node:14,target=/x ', '--mount=', 'from=', 'type=cache,', ',',
    'CMD ', 'ENTRYPOINT ', '["docker-machine", "ls"]', '[', ']', '"', "'", ', ',
    'MAINTAINER ', 'me <me@x>', 'ONBUILD ', 'HEALTHCHECK ', 'LABEL a=b ', 'ENV X=1 ',
    'docker-machine ls', 'docker-compose up', 'apt-get install -y docker-compose', 'boot2docker', ' && ', ' ', '  ', '\t',
    '\\', '\\\n', ' \\\n', '\\ \r', '\\\t\r', '\\ \n', '\\\t\n', '\\\r\n', '`', '`\n', '\n', '\n', '\n', '\r\n', '\r', '\n\n',
    '#', '# c\n', '\n# c \\\n', '  # comment\n', '# escape=`\n', '# syntax=docker/dockerfile:1\n', '# escape=\\\n',
    '<<EOF', '<<-EOF', '<<"EOF"', "<<'E'", '\nEOF\n', '\n\tEOF\n', '\nE\n', '<', '$', '{', '}', '\uFEFF', 'é', '=',
  );

  it('agrees with the library on generated Dockerfiles (fast-check)', () => {
    let scanned = 0;
    fc.assert(fc.property(fc.array(piece, { maxLength: 40 }), (parts) => { if (check(parts.join(''), 'generated')) scanned++; }), { numRuns: 2500, seed: 7 });
    assert.ok(scanned > 2000, `the scanner took only ${scanned} of 2500 generated Dockerfiles`);
  });

  it('agrees with the library on byte-mutated Dockerfiles', () => {
    const r = gen.rng(12);
    const base = [gen.dockerfile(3_000, 21), gen.dockerfile(2_000, 22), ...EDGE_CASES.filter((t) => t.length > 30)];
    const alphabet = [' ', '\t', '\n', '\r', '\r\n', '\\', '`', '#', '"', "'", '=', ',', '-', '--', '<<', '<<EOF\n', '\nEOF\n', '$', '{', '}', '[', ']', 'A', 'F', '\uFEFF'];
    let scanned = 0;
    for (let i = 0; i < 2500; i++) {
      let t = base[r.int(base.length)];
      if (t.length > 1200) { const at = r.int(t.length - 1000); t = t.slice(at, at + 1000); }
      for (let m = 0, k = 1 + r.int(4); m < k; m++) {
        const at = r.int(t.length + 1);
        if (r.chance(0.6)) t = t.slice(0, at) + alphabet[r.int(alphabet.length)] + t.slice(at);
        else t = t.slice(0, at) + t.slice(at + 1 + r.int(3));
      }
      if (check(t, `mutation ${i}`)) scanned++;
    }
    assert.ok(scanned > 2000, `the scanner took only ${scanned} of 2500 mutated Dockerfiles`);
  });
});
