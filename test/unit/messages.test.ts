import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { analyze } from '../../server/src/analysis/analyze';
import type { Finding } from '../../server/src/analysis/model';
import { ROOT, OPTIONS, findFixtureFiles, realCatalog } from '../helpers';

/** A Problems-panel line at a normal width shows about 100 characters; the action must come first. */
const MAX = 110;
const ACTION = /^(Use|Replace|Remove|Declare|Join|Upgrade|Plan|Move|Migrate|Pull)\b/;

// Real-shaped files of our own, next to the fixtures: a Dockerfile, a Compose file and manifests a
// user writes, each with more than one thing to say about the same line.
const OWN: Record<string, string> = {
  'own/Dockerfile': 'FROM python:3.11-alpine3.17 AS build\nMAINTAINER me@example.com\nFROM k8s.gcr.io/pause:3.2\nFROM java:8\nFROM golang:1.12.8-buster\nRUN pip install flask\n',
  'own/compose.yaml': 'version: "3.8"\nservices:\n  db:\n    image: postgres:9.6\n    links: [cache]\n  cache:\n    image: bitnami/redis:6.0.5-debian-10-r1\n    volume_driver: flocker\n  scope:\n    image: weaveworks/scope:1.13.2\n  proxy:\n    image: jwilder/nginx-proxy\n',
  'own/k8s.yaml': 'apiVersion: extensions/v1beta1\nkind: Deployment\nmetadata: { name: web }\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: k8s.gcr.io/pause:3.2\n        - name: py\n          image: python:2.7\n---\napiVersion: extensions/v1beta1\nkind: Ingress\nmetadata: { name: web }\n---\napiVersion: policy/v1beta1\nkind: PodSecurityPolicy\nmetadata: { name: p }\n---\napiVersion: batch/v1beta1\nkind: CronJob\nmetadata: { name: c }\n',
};

function analyses(): { path: string; findings: Finding[] }[] {
  const files = [
    ...findFixtureFiles(join(ROOT, 'samples', 'workspace'), /./),
    ...findFixtureFiles(join(ROOT, 'test', 'fixtures'), /(Dockerfile|\.ya?ml|\.hcl)$/i),
  ];
  const out: { path: string; findings: Finding[] }[] = [];
  for (const f of files) {
    const a = analyze({ path: f, text: readFileSync(f, 'utf8') }, realCatalog(), OPTIONS);
    if (a) out.push({ path: relative(ROOT, f), findings: a.findings });
  }
  for (const [path, text] of Object.entries(OWN)) {
    const a = analyze({ path, text }, realCatalog(), OPTIONS);
    assert.ok(a, `${path} is recognised`);
    out.push({ path, findings: a.findings });
  }
  return out;
}

describe('diagnostic messages', () => {
  const all = analyses();
  const findings = all.flatMap((a) => a.findings.filter((f) => f.rule !== 'analysis-skipped').map((f) => ({ path: a.path, f })));

  it('the fixtures and our own files give findings of every kind to check', () => {
    const rules = new Set(findings.map((x) => x.f.rule));
    for (const r of ['deprecated-technology', 'deprecated-image', 'eol-image', 'removed-api', 'deprecated-syntax']) assert.ok(rules.has(r as Finding['rule']), `no ${r} finding`);
  });

  it('start with what to do and fit a Problems panel line', () => {
    const bad = findings.filter(({ f }) => !ACTION.test(f.message) || f.message.length > MAX || /\n/.test(f.message));
    assert.deepEqual(bad.map(({ path, f }) => `${path}:${f.range.start.line + 1} ${f.rule} (${f.message.length}) ${f.message}`), []);
  });

  it('say what is wrong after the action (the SARIF and text outputs carry the same message)', () => {
    for (const { f } of findings) assert.match(f.message, /: |\(|, not /, `"${f.message}" says what to do but not why`);
  });

  it('give no token two diagnostics', () => {
    const dups: string[] = [];
    for (const a of all) {
      const seen = new Map<string, Finding>();
      for (const f of a.findings) {
        if (f.rule === 'analysis-skipped') continue;
        const k = `${f.range.start.line}:${f.range.start.character}`;
        const before = seen.get(k);
        if (before) dups.push(`${a.path}:${f.range.start.line + 1}:${f.range.start.character + 1} ${before.rule} "${before.message}" and ${f.rule} "${f.message}"`);
        else seen.set(k, f);
      }
    }
    assert.deepEqual(dups, []);
  });
});
