import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, realCatalog } from '../helpers';

/** The table of catalog/CONTRIBUTING.md, section "Command-line tools the catalog must know". */
function toolList(): { command: string; name: string }[] {
  const text = readFileSync(join(ROOT, 'catalog', 'CONTRIBUTING.md'), 'utf8');
  const start = text.indexOf('## Command-line tools the catalog must know');
  assert.ok(start >= 0, 'CONTRIBUTING.md has the section "Command-line tools the catalog must know"');
  const end = text.indexOf('\n## ', start + 3);
  const section = text.slice(start, end < 0 ? undefined : end);
  const rows: { command: string; name: string }[] = [];
  for (const line of section.split('\n')) {
    const m = /^\|\s*([^|]+?)\s*\|\s*([^|]+?)\s*\|\s*$/.exec(line);
    if (!m || m[1] === 'command' || /^-+$/.test(m[1])) continue;
    rows.push({ command: m[1], name: m[2] });
  }
  return rows;
}

describe('command-line tools of container work', () => {
  const tools = toolList();

  it('the list in CONTRIBUTING.md is not empty and names each command once', () => {
    assert.ok(tools.length >= 30, `at least 30 tools, got ${tools.length}`);
    assert.equal(new Set(tools.map((t) => t.command)).size, tools.length);
  });

  for (const { command, name } of tools) {
    it(`${command} resolves by command and by the name '${name}' to the same entry`, () => {
      const catalog = realCatalog();
      const byCommand = catalog.entryForCommand(command);
      assert.ok(byCommand, `command '${command}' has an entry`);
      const byName = catalog.byNameOrAlias(name);
      assert.ok(byName, `name '${name}' has an entry`);
      assert.equal(byName.id, byCommand.id, `'${command}' and '${name}' resolve to the same entry`);
    });
  }

  it('kubectl has an entry of its own that explain finds by name', () => {
    const e = realCatalog().byNameOrAlias('kubectl');
    assert.equal(e?.id, 'kubectl');
    assert.equal(e?.partOf, 'kubernetes');
  });

  it('Heptio Ark is marked renamed, with Velero as its successor', () => {
    const e = realCatalog().byNameOrAlias('Heptio Ark');
    assert.equal(e?.status.value, 'renamed');
    assert.ok(e?.status.sources?.length);
    assert.deepEqual(e?.successors?.map((s) => s.id), ['velero']);
  });
});

describe('images of registries other than Docker Hub link to their project', () => {
  const cases: [string, string][] = [
    ['registry.k8s.io/kube-state-metrics/kube-state-metrics', 'kube-state-metrics'],
    ['registry.k8s.io/metrics-server/metrics-server', 'metrics-server'],
    ['registry.k8s.io/coredns/coredns', 'coredns'],
    ['registry.k8s.io/ingress-nginx/controller', 'ingress-nginx'],
    ['registry.k8s.io/external-dns/external-dns', 'external-dns'],
    ['registry.k8s.io/autoscaling/cluster-autoscaler', 'cluster-autoscaler'],
    ['registry.k8s.io/kustomize/kustomize', 'kustomize'],
    ['registry.k8s.io/pause', 'kubernetes'],
    ['registry.k8s.io/kube-apiserver', 'kubernetes'],
    ['gcr.io/distroless/static-debian12', 'distroless'],
    ['mcr.microsoft.com/dotnet/aspnet', 'dotnet'],
    ['mcr.microsoft.com/devcontainers/base', 'devcontainers'],
    ['mcr.microsoft.com/mssql/server', 'sql-server-containers'],
    ['mcr.microsoft.com/azure-cli', 'azure-cli'],
    ['cgr.dev/chainguard/static', 'chainguard-images'],
    ['registry.access.redhat.com/ubi9/ubi-minimal', 'rhel'],
    ['curlimages/curl', 'curl'],
    ['docker/dockerfile', 'dockerfile-frontend'],
    ['envoyproxy/envoy', 'envoy'],
    ['ghcr.io/dexidp/dex', 'dex'],
    ['quay.io/keycloak/keycloak', 'keycloak'],
    // Mirrors of the official library are the official image itself (CatalogIndex.canonicalImageKey).
    ['public.ecr.aws/docker/library/nginx', 'nginx'],
    ['public.ecr.aws/docker/library/some-future-image', 'docker-official-images'],
    ['mirror.gcr.io/library/alpine', 'alpine-linux'],
  ];
  for (const [image, id] of cases) {
    it(`${image} → ${id}`, () => assert.equal(realCatalog().entryForImage(image)?.id, id));
  }
});
