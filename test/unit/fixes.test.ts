import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { DockerfileParser } from 'dockerfile-ast';
import { codeActions } from '../../server/src/features/codeActions';
import type { FileAnalysis, TextEdit } from '../../server/src/analysis/model';
import { applyEdits, findFixtureFiles, realCatalog, ROOT, run } from '../helpers';
import { mechanicalEdits } from '../../server/src/cli/fix';

// Every fix keeps the file valid: each quick fix (rewrites and ignore comments) and `container-atlas
// fix`'s edits, applied to every fixture and sample of the repository and to generated files, give a
// file that still parses, changes no line outside the edit, and keeps what the new apiVersion requires.

const O = { asOf: '2026-12-03', kubernetesVersion: '1.37' };

/** Lines outside [first, last] of the edit are the same, counted from the start and from the end. */
function untouchedElsewhere(before: string, after: string, edits: TextEdit[]): string | null {
  const a = before.split('\n');
  const b = after.split('\n');
  const first = Math.min(...edits.map((e) => e.range.start.line));
  const last = Math.max(...edits.map((e) => e.range.end.line));
  for (let i = 0; i < first; i++) if (a[i] !== b[i]) return `line ${i + 1} changed before the edit`;
  const tail = a.length - 1 - last;
  for (let i = 0; i < tail; i++) if (a[a.length - 1 - i] !== b[b.length - 1 - i]) return `line ${a.length - i} changed after the edit`;
  return null;
}

/** Whether a text parses as well as it did before the edit, in its own format. */
function parseProblems(kind: FileAnalysis['kind'], text: string): number {
  if (kind === 'dockerfile') {
    const df = DockerfileParser.parse(text);
    return df.getInstructions().filter((i) => !i.getKeyword()).length;
  }
  if (kind === 'quadlet' || kind === 'devcontainer') return 0;
  const masked = text.replace(/\{\{[\s\S]*?\}\}/g, (m) => m.replace(/[^\n]/g, 'x'));
  return parseAllDocuments(masked).reduce((n, d) => n + ('errors' in d ? d.errors.length : 0), 0);
}

/** apps/v1 workloads need spec.selector; the fix must never produce one without it. */
function requiredFieldProblems(kind: FileAnalysis['kind'], text: string): string[] {
  if (kind !== 'kubernetes') return [];
  const out: string[] = [];
  for (const d of parseAllDocuments(text)) {
    const o = ('toJS' in d ? d.toJS() : null) as { apiVersion?: string; kind?: string; spec?: { selector?: unknown } } | null;
    if (o && o.apiVersion === 'apps/v1' && ['Deployment', 'DaemonSet', 'ReplicaSet', 'StatefulSet'].includes(o.kind ?? '') && !o.spec?.selector) out.push(`${o.kind} apps/v1 without spec.selector`);
  }
  return out;
}

function inputs(): { path: string; text: string }[] {
  const files = [
    ...findFixtureFiles(join(ROOT, 'samples'), /.*/),
    ...findFixtureFiles(join(ROOT, 'test', 'fixtures'), /\.(ya?ml|json|container)$|Dockerfile|Containerfile/),
  ];
  return files.map((f) => ({ path: f.slice(ROOT.length + 1), text: readFileSync(f, 'utf8') }));
}

describe('every fix keeps the file valid', function () {
  this.timeout(120_000);
  let gen: typeof import('../../bench/generate.mjs');
  before(async () => { gen = await import('../../bench/generate.mjs'); });

  it('on the repository\'s fixtures and samples, and on generated manifests, Compose files and Dockerfiles', () => {
    const all = [
      ...inputs(),
      ...[1, 2, 3].flatMap((seed) => [
        { path: 'gen/k8s.yaml', text: gen.k8sManifest(30_000, seed) },
        { path: 'gen/compose.yaml', text: gen.compose(20_000, seed) },
        { path: 'gen/Dockerfile', text: gen.dockerfile(15_000, seed) },
      ]),
      { path: 'legacy/d.yaml', text: 'apiVersion: extensions/v1beta1\nkind: Deployment\nmetadata:\n  name: a\nspec:\n  template:\n    metadata:\n      labels: { app: a }\n    spec:\n      containers: [{ name: a, image: "node:14-alpine" }]\n' },
      { path: 'legacy/Dockerfile', text: '# syntax=docker/dockerfile:1\nFROM python:2.7-slim@sha256:' + 'c'.repeat(64) + '\nMAINTAINER me\nFROM java:8\n' },
    ];
    let applied = 0;
    const problems: string[] = [];
    for (const input of all) {
      let a: FileAnalysis | null;
      try { a = run(input.path, input.text, { catalog: realCatalog(), ...O }); } catch { continue; }
      const before = parseProblems(a.kind, input.text);
      // What `container-atlas fix` applies at once (and with --allow-major), as well as each fix on its own.
      for (const all of [mechanicalEdits(a).edits, mechanicalEdits(a, true).edits].filter((e) => e.length)) {
        const after = applyEdits(input.text, all);
        applied++;
        if (parseProblems(a.kind, after) > before) problems.push(`${input.path}: fix (all ${all.length} edits) no longer parses`);
        for (const p of requiredFieldProblems(a.kind, after)) if (!requiredFieldProblems(a.kind, input.text).includes(p)) problems.push(`${input.path}: fix: ${p}`);
      }
      for (const f of a.findings) {
        const edits: TextEdit[][] = [
          ...(f.replacements ?? []).filter((r) => r.edits?.length).map((r) => r.edits!),
          ...codeActions(a, 'file:///x', f.range, undefined, input.text).flatMap((c) => (c.edit?.changes?.['file:///x'] ? [c.edit.changes['file:///x']] : [])),
        ];
        for (const e of edits) {
          const after = applyEdits(input.text, e);
          applied++;
          const where = `${input.path}: ${f.rule} at ${f.range.start.line + 1}:${f.range.start.character + 1} → ${JSON.stringify(e.map((x) => x.newText))}`;
          if (parseProblems(a.kind, after) > before) problems.push(`${where}: no longer parses`);
          const moved = untouchedElsewhere(input.text, after, e);
          if (moved) problems.push(`${where}: ${moved}`);
          for (const p of requiredFieldProblems(a.kind, after)) if (!requiredFieldProblems(a.kind, input.text).includes(p)) problems.push(`${where}: ${p}`);
        }
      }
    }
    assert.deepEqual(problems, []);
    assert.ok(applied > 200, `only ${applied} fixes applied`);
  });
});
