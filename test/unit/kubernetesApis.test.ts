import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { CatalogIndex, compareVersions } from '../../server/src/catalog/catalogIndex';
import { ROOT, FIXTURE_DATA, realCatalog } from '../helpers';
import { normVersion, rowsOf } from '../../scripts/import/pluto.mjs';

// Rows of catalog/kubernetes-apis.yaml as the compiled catalog (dist/catalog.json) carries them.
// Build it first: node scripts/build.mjs --catalog-only
describe('Kubernetes API rows and releases', () => {
  const catalog = realCatalog();

  it('resolves add-on rows with add-on versions, not Kubernetes versions', () => {
    const row = catalog.kubernetesApi('cert-manager.io/v1alpha2', 'Certificate');
    assert.ok(row, 'cert-manager.io/v1alpha2 Certificate is a row');
    assert.equal(row.addon?.name, 'cert-manager');
    assert.equal(row.addon?.deprecatedIn, '1.4');
    assert.equal(row.addon?.removedIn, '1.6');
    assert.equal(row.removedIn, undefined, 'an add-on release is not a Kubernetes release');
    assert.equal(row.deprecatedIn, undefined);
    assert.equal(catalog.kubernetesApi('certmanager.k8s.io/v1alpha1', 'Issuer')?.addon?.removedIn, '0.11');
    assert.equal(catalog.kubernetesApi('acme.cert-manager.io/v1beta1', 'Order')?.addon?.name, 'cert-manager');
    assert.equal(catalog.kubernetesApi('rbac.istio.io/v1alpha1', 'ServiceRole')?.addon?.removedIn, '1.6');
    for (const a of catalog.data.kubernetesApis.filter((x) => x.addon?.entry)) assert.ok(catalog.entry(a.addon!.entry!), `${a.apiVersion}: entry ${a.addon!.entry} exists`);
  });

  it('has Endpoints v1 deprecated in 1.33 in favour of EndpointSlice, without a removal', () => {
    const row = catalog.kubernetesApi('v1', 'Endpoints');
    assert.ok(row);
    assert.equal(row.deprecatedIn, '1.33');
    assert.equal(row.removedIn, undefined);
    assert.equal(row.replacement, undefined, 'EndpointSlice is another kind: no apiVersion rewrite');
    assert.match(row.note ?? '', /EndpointSlice/);
  });

  it('follows the API server, not pluto, for resource.k8s.io/v1beta1', () => {
    for (const kind of ['DeviceClass', 'ResourceClaim', 'ResourceClaimTemplate', 'ResourceSlice']) {
      const row = catalog.kubernetesApi('resource.k8s.io/v1beta1', kind);
      assert.equal(row?.deprecatedIn, '1.35', kind);
      assert.equal(row?.removedIn, '1.38', kind);
    }
    assert.equal(catalog.kubernetesApi('resource.k8s.io/v1alpha3', 'ResourceClaim')?.removedIn, '1.34');
    assert.equal(catalog.kubernetesApi('storage.k8s.io/v1beta1', 'VolumeAttributesClass')?.removedIn, '1.37');
    assert.equal(catalog.kubernetesApi('storage.k8s.io/v1beta1', 'VolumeAttributesClass')?.replacement, 'storage.k8s.io/v1');
    assert.equal(catalog.kubernetesApi('scheduling.k8s.io/v1alpha1', 'PriorityClass')?.removedIn, '1.17');
    assert.equal(catalog.kubernetesApi('rbac.authorization.k8s.io/v1alpha1', 'RoleBinding')?.removedIn, '1.22');
  });

  it('targets the newest Kubernetes release by default', () => {
    const releases = catalog.data.kubernetesReleases ?? [];
    assert.ok(releases.length >= 4);
    const newest = releases.map((r) => r.version).reduce((a, b) => (compareVersions(b, a) > 0 ? b : a));
    assert.equal(newest, '1.37');
    assert.equal(catalog.newestKubernetesVersion, newest, 'planned removals (1.38, 1.39) do not move the default target');
    for (const r of releases) {
      assert.match(r.date, /^\d{4}-\d{2}-\d{2}$/, r.version);
      assert.ok(r.sources.length >= 1, r.version);
    }
    // Without a releases list (organisation catalogs, fixtures) the newest version named by a row is used.
    assert.equal(new CatalogIndex(FIXTURE_DATA).newestKubernetesVersion, '1.32');
  });

  it('gives every row at least one source URL and keeps replacements to mechanical rewrites', () => {
    for (const a of catalog.data.kubernetesApis) {
      assert.ok(a.sources.length >= 1, `${a.apiVersion} ${a.kinds.join(',')}`);
      for (const s of a.sources) assert.match(s, /^https:\/\//, `${a.apiVersion}: ${s}`);
      if (a.addon) assert.equal(a.replacement, undefined, `${a.apiVersion}: add-on rows name their target in the note`);
    }
  });

  it('covers every row of pluto\'s list or says why not', () => {
    const file = join(ROOT, 'catalog', 'imported', 'pluto.yaml');
    assert.ok(existsSync(file));
    const rows = parse(readFileSync(file, 'utf8')).rows as { apiVersion: string; kind: string }[];
    const doc = parse(readFileSync(join(ROOT, 'catalog', 'kubernetes-apis.yaml'), 'utf8'));
    const excluded = new Set((doc.exclusions ?? []).map((x: { apiVersion: string; kind: string }) => `${x.apiVersion} ${x.kind}`));
    const missing = rows.filter((r) => !catalog.kubernetesApi(r.apiVersion, r.kind) && !excluded.has(`${r.apiVersion} ${r.kind}`));
    assert.deepEqual(missing, []);
    for (const x of doc.exclusions ?? []) assert.ok(x.reason.length > 20, `${x.apiVersion} ${x.kind} has a reason`);
  });

  it('normalises pluto\'s versions and keeps one row per apiVersion and kind', () => {
    assert.equal(normVersion('v1.16.0'), '1.16');
    assert.equal(normVersion('v0.11.0'), '0.11');
    assert.equal(normVersion('v1.5.3'), '1.5.3');
    assert.equal(normVersion(''), undefined);
    const rows = rowsOf({ 'deprecated-versions': [
      { version: 'b/v1beta1', kind: 'X', 'deprecated-in': 'v1.2.0', 'removed-in': '', component: 'k8s' },
      { version: 'a/v1alpha1', kind: 'Y', 'deprecated-in': 'v1.1.0', 'removed-in': 'v1.3.0', component: 'k8s' },
      { version: 'a/v1alpha1', kind: 'Y', 'deprecated-in': 'v1.0.0', component: 'k8s' },
    ] });
    assert.deepEqual(rows, [
      { apiVersion: 'a/v1alpha1', kind: 'Y', component: 'k8s', deprecatedIn: '1.1', removedIn: '1.3' },
      { apiVersion: 'b/v1beta1', kind: 'X', component: 'k8s', deprecatedIn: '1.2' },
    ]);
  });
});
