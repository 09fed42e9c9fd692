import { strict as assert } from 'node:assert';
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { applyEdits, realCatalog, ROOT, textAt, withCursor } from '../helpers';
import { analyze } from '../../server/src/analysis/analyze';
import type { AnalysisOptions, FileAnalysis } from '../../server/src/analysis/model';
import { evaluateCondition, semverSatisfies } from '../../server/src/analysis/helm';
import { chartContextFor } from '../../server/src/service/chartContext';
import { hover } from '../../server/src/features/hover';
import { codeActions } from '../../server/src/features/codeActions';
import { diagnostics } from '../../server/src/features/diagnostics';

const CHART = join(ROOT, 'test', 'fixtures', 'helm', 'chart');
const read = (p: string) => (existsSync(p) ? readFileSync(p, 'utf8') : null);
const OPTS: AnalysisOptions = { asOf: '2026-12-03', kubernetesVersion: '1.34' };

function chartFile(rel: string, opts: Partial<AnalysisOptions> = {}, text?: string): { a: FileAnalysis; text: string } {
  const path = join(CHART, rel);
  const t = text ?? readFileSync(path, 'utf8');
  const a = analyze({ path, text: t, chart: () => chartContextFor(path, read) }, realCatalog(), { ...OPTS, ...opts });
  if (!a) throw new Error(`${rel} not analysed`);
  return { a, text: t };
}
const rules = (a: FileAnalysis) => a.findings.map((f) => `${f.range.start.line + 1}:${f.rule}`);

describe('Helm charts', () => {
  it('values.yaml: image maps (registry/repository/tag/digest) and strings, findings on the values file', () => {
    const { a, text } = chartFile('values.yaml');
    assert.equal(a.kind, 'helm-values');
    const images = a.references.filter((r) => r.kind === 'image').map((r) => `${r.text}@${textAt(text, r.range)}`);
    assert.deepEqual(images, [
      'docker.io/bitnami/redis:7.2.4-debian-12-r0@bitnami/redis',
      'k8s.gcr.io/pause:3.2@pause',
      'quay.io/org/app:1.2@quay.io/org/app:1.2',
      'python:2.7-slim@python:2.7-slim',
      'nginx@nginx',
    ]);
    assert.deepEqual(rules(a), ['7:deprecated-image', '16:deprecated-image', '21:eol-image']);
    // Diagnostics land on the values file's lines.
    const d = diagnostics(a);
    assert.equal(d[0].range.start.line, 6);
    assert.match(d[0].message, /bitnami/);
  });

  it('values.yaml: the quick fix edits the parts of the map (repository; registry)', () => {
    const { a, text } = chartFile('values.yaml');
    const uri = 'file:///chart/values.yaml';
    const redis = a.findings.find((f) => f.rule === 'deprecated-image' && f.range.start.line === 6)!;
    const fix = codeActions(a, uri, redis.range).find((c) => c.edit);
    assert.ok(fix, 'a fix on the repository line');
    const edits = fix!.edit!.changes![uri];
    const fixed = applyEdits(text, edits);
    assert.match(fixed, /registry: docker\.io\n {2}repository: bitnamilegacy\/redis\n {2}tag: 7\.2\.4-debian-12-r0/);
    const pause = a.findings.find((f) => f.rule === 'deprecated-image' && f.range.start.line === 15)!;
    const fix2 = codeActions(a, uri, pause.range).find((c) => c.edit)!;
    assert.match(applyEdits(text, fix2.edit!.changes![uri]), /registry: registry\.k8s\.io\n {4}repository: pause\n {4}tag: "3\.2"/);
  });

  it('values.yaml: hover on the repository shows the entry card', () => {
    const { text, position } = withCursor(readFileSync(join(CHART, 'values.yaml'), 'utf8').replace('repository: bitnami/redis', 'repository: bitnami/re|dis'));
    const { a } = chartFile('values.yaml', {}, text);
    const h = hover(realCatalog(), a, position);
    assert.ok(h);
    assert.match((h!.contents as { value: string }).value, /Bitnami/);
  });

  it('values-*.yaml: a literal global.imageRegistry overrides the map registry, and then no fix edits the map', () => {
    const { a } = chartFile('values-prod.yaml');
    assert.deepEqual(a.references.map((r) => r.text), ['registry.example.com/bitnami/redis:7.2.4-debian-12-r0']);
    assert.deepEqual(a.findings, []);
    const text = 'global:\n  imageRegistry: docker.io\nimage:\n  registry: quay.io\n  repository: bitnami/redis\n  tag: "7.2"\n';
    const b = analyze({ path: 'values.yaml', text }, realCatalog(), OPTS)!;
    const f = b.findings.find((x) => x.rule === 'deprecated-image')!;
    assert.ok(f, 'docker.io from the global registry');
    // The registry (docker.io, the global one) stays: only the map's repository is edited.
    const edits = f.replacements!.find((r) => r.edits)!.edits!;
    assert.deepEqual(edits.map((e) => [e.range.start.line, e.newText]), [[4, 'bitnamilegacy/redis']]);
    const moved = analyze({ path: 'values.yaml', text: text.replace('imageRegistry: docker.io', 'imageRegistry: k8s.gcr.io').replace('bitnami/redis', 'pause') }, realCatalog(), OPTS)!;
    const g = moved.findings.find((x) => x.rule === 'deprecated-image')!;
    assert.ok(g, 'k8s.gcr.io from the global registry');
    assert.ok(!g.replacements!.some((r) => r.edits), 'the registry to change is the global one: no edit of the map');
  });

  it('values.schema.json: image defaults', () => {
    const { a } = chartFile('values.schema.json');
    assert.deepEqual(a.references.map((r) => r.text), ['java:8-jdk', 'python:2.7']);
    assert.deepEqual(a.findings.map((f) => f.rule), ['deprecated-image', 'eol-image']);
  });

  it('Chart.yaml: artifacthub.io/images and dependencies', () => {
    const { a, text } = chartFile('Chart.yaml');
    assert.equal(a.kind, 'helm-chart');
    assert.deepEqual(a.references.map((r) => `${r.kind}:${textAt(text, r.range)}`), ['image:docker.io/bitnami/redis:7.2.4-debian-12-r0', 'image:k8s.gcr.io/pause:3.2', 'tool:weave-scope']);
    assert.deepEqual(rules(a), ['9:deprecated-image', '11:deprecated-image', '13:deprecated-technology']);
  });

  it('a guarded PodSecurityPolicy is reported only where it can render', () => {
    assert.deepEqual(rules(chartFile('templates/psp.yaml').a), [], '1.34: neither branch renders');
    assert.deepEqual(rules(chartFile('templates/psp.yaml', { kubernetesVersion: '1.24' }).a), ['2:deprecated-api', '11:deprecated-api']);
    assert.deepEqual(rules(chartFile('templates/psp.yaml', { kubernetesVersion: '1.26' }).a), [], '1.26: removed, and the guards say it does not render');
  });

  it('an inline if/else apiVersion reports each literal branch that renders and is removed; a helper define with literal branches too', () => {
    const { a, text } = chartFile('templates/ingress.yaml');
    assert.deepEqual(a.findings.map((f) => `${f.rule}:${textAt(text, f.range)}`), [
      'removed-api:networking.k8s.io/v1beta1',
      'removed-api:extensions/v1beta1',
      'removed-api:{{ include "shop.cronjob.apiVersion" . }}',
    ]);
    // The define's first branch (networking.k8s.io/v1 from 1.19) is what renders: no finding on line 6.
    const cron = a.findings[2];
    assert.match(cron.message, /shop\.cronjob\.apiVersion/);
    assert.ok(!cron.replacements!.some((r) => r.edits), 'no mechanical rewrite of an include');
    // Whatever the version, the helper renders the Ingress API that version serves: never a finding on line 6.
    for (const v of ['1.12', '1.16', '1.20', '1.34']) assert.ok(!chartFile('templates/ingress.yaml', { kubernetesVersion: v }).a.findings.some((f) => f.range.start.line === 5), v);
  });

  it('findings of the template pass honour line ignore comments and severities', () => {
    const text = readFileSync(join(CHART, 'templates/ingress.yaml'), 'utf8');
    const quiet = text.replace(/^(apiVersion: \{\{ if)/m, '# container-atlas: ignore removed-api\n$1').replace(/^(apiVersion: \{\{ include "shop.cronjob)/m, '$1 # container-atlas: ignore');
    const { a } = chartFile('templates/ingress.yaml', {}, quiet);
    assert.deepEqual(a.findings.map((f) => f.rule), [], 'both lines are silenced');
    const other = text.replace(/^(apiVersion: \{\{ if)/m, '# container-atlas: ignore deprecated-image\n$1');
    assert.equal(chartFile('templates/ingress.yaml', {}, other).a.findings.length, 3, 'another rule named: still reported');
    const warn = chartFile('templates/ingress.yaml', { severities: { 'removed-api': 'warning' } }).a;
    assert.deepEqual(warn.findings.map((f) => f.severity), ['warning', 'warning', 'warning']);
  });

  it('an if/else on separate lines: the dead branch is not reported', () => {
    const { a } = chartFile('templates/deployment.yaml');
    assert.deepEqual(a.findings.filter((f) => f.rule === 'removed-api'), []);
    const { a: b } = chartFile('templates/deployment.yaml', { kubernetesVersion: '1.8' });
    assert.ok(b.references.some((r) => r.text === 'extensions/v1beta1'));
  });

  it('regression (real chart): a removed API in the first, dead branch of an if/else-if/else of apiVersion lines is not reported; live branches are', () => {
    assert.deepEqual(rules(chartFile('templates/ingress-legacy.yaml').a), []);
    assert.ok(!rules(chartFile('templates/ingress-legacy.yaml', { kubernetesVersion: '1.16' }).a).some((r) => r.startsWith('4:')), 'extensions/v1beta1 does not render on 1.16');
    assert.deepEqual(rules(chartFile('templates/ingress-legacy.yaml', { kubernetesVersion: '1.20' }).a), []);
  });

  it('template image: built from .Values paths is linked to the values it reads', () => {
    const { a } = chartFile('templates/deployment.yaml');
    const imgs = a.references.filter((r) => r.kind === 'image').map((r) => `${r.text} ${r.entry ?? '-'} ${r.context}`);
    assert.deepEqual(imgs, [
      'docker.io/bitnami/redis:7.2.4-debian-12-r0 bitnami image (values.yaml: image.registry, image.repository, image.tag)',
      'nginx:8.0.2 nginx image (values.yaml: app.image.repository, app.image.tag)',
      'k8s.gcr.io/pause:3.2 kubernetes image (values.yaml: metrics.image)',
    ]);
    // The values file carries the findings; the template only links.
    assert.ok(!a.findings.some((f) => f.rule === 'deprecated-image'));
  });

  it('guards: semverCompare, Capabilities.APIVersions.Has, and/or/not', () => {
    const cat = realCatalog();
    assert.equal(semverSatisfies('>=1.19-0', '1.34'), true);
    assert.equal(semverSatisfies('<1.25-0', '1.34'), false);
    assert.equal(semverSatisfies('>=1.14-0, <1.19-0', '1.16'), true);
    assert.equal(semverSatisfies('^1.2 || ~2.3', '2.3.4'), true);
    assert.equal(evaluateCondition(cat, 'semverCompare "<1.25-0" .Capabilities.KubeVersion.GitVersion', '1.34'), false);
    assert.equal(evaluateCondition(cat, 'and .Values.psp (semverCompare "<1.25-0" (include "common.capabilities.kubeVersion" .))', '1.34'), false);
    assert.equal(evaluateCondition(cat, 'and .Values.psp (semverCompare "<1.25-0" (include "common.capabilities.kubeVersion" .))', '1.24'), undefined);
    assert.equal(evaluateCondition(cat, '.Capabilities.APIVersions.Has "policy/v1beta1/PodSecurityPolicy"', '1.34'), false);
    assert.equal(evaluateCondition(cat, '.Capabilities.APIVersions.Has "networking.k8s.io/v1/Ingress"', '1.34'), true);
    assert.equal(evaluateCondition(cat, 'not (.Capabilities.APIVersions.Has "batch/v1")', '1.34'), false);
    assert.equal(evaluateCondition(cat, 'ge (.Capabilities.KubeVersion.Minor | int) 25', '1.34'), true);
    assert.equal(evaluateCondition(cat, '.Values.ingress.enabled', '1.34'), undefined);
  });

  it('regression: a Grafana dashboard ConfigMap ({{legend}} placeholders in JSON strings) is plain YAML, with no syntax error', () => {
    const path = join(ROOT, 'test', 'fixtures', 'helm', 'grafana-dashboards.yaml');
    const a = analyze({ path: 'monitoring/grafana-dashboards.yaml', text: readFileSync(path, 'utf8') }, realCatalog(), OPTS)!;
    assert.equal(a.kind, 'kubernetes');
    assert.deepEqual(a.findings, []);
    assert.deepEqual(a.errors, []);
  });
});
