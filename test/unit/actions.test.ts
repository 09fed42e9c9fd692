import { strict as assert } from 'node:assert';
import { realCatalog, run, textAt, withCursor } from '../helpers';
import { hover } from '../../server/src/features/hover';
import { documentLinks } from '../../server/src/features/documentLinks';

const WORKFLOW = [
  'on: push',
  'jobs:',
  '  build:',
  '    runs-on: ubuntu-latest',
  '    steps:',
  '      - uses: actions/checkout@v4',
  '      - uses: docker/setup-qemu-action@v3',
  '      - uses: docker/setup-buildx-action@v3',
  '      - uses: Docker/Login-Action@v3',
  '      - uses: docker/build-push-action@v6',
  '        with: { push: true }',
  '      - uses: helm/kind-action@v1.10.0',
  '      - uses: azure/setup-kubectl@v4',
  '      - uses: azure/setup-helm@v4',
  '      - uses: aquasecurity/trivy-action@0.28.0',
  '      - uses: sigstore/cosign-installer@v3',
  '      - uses: fluxcd/flux2/action@main',
  '      - uses: ./local-action',
  '      - uses: docker://alpine:3.20',
  '',
].join('\n');

describe('GitHub Actions uses: steps', () => {
  it('links actions that install or run a tool, with the range on the uses: value', () => {
    const a = run('.github/workflows/ci.yml', WORKFLOW, { catalog: realCatalog() });
    const tools = a.references.filter((r) => r.kind === 'tool');
    assert.deepEqual(tools.map((r) => [textAt(WORKFLOW, r.range), r.entry]), [
      ['docker/setup-qemu-action@v3', 'qemu'],
      ['docker/setup-buildx-action@v3', 'buildkit'],
      ['Docker/Login-Action@v3', 'docker-engine'],
      ['docker/build-push-action@v6', 'buildkit'],
      ['helm/kind-action@v1.10.0', 'kind'],
      ['azure/setup-kubectl@v4', 'kubectl'],
      ['azure/setup-helm@v4', 'helm'],
      ['aquasecurity/trivy-action@0.28.0', 'trivy'],
      ['sigstore/cosign-installer@v3', 'cosign'],
      ['fluxcd/flux2/action@main', 'flux'],
    ]);
    assert.equal(tools[0].context, 'jobs.build.steps[1].uses (GitHub Action)');
    // actions/checkout names no tool; a local action and a docker:// image are not actions of the table.
    assert.ok(!a.references.some((r) => /checkout|local-action/.test(r.text)));
    assert.ok(a.references.some((r) => r.kind === 'image' && r.text === 'alpine:3.20'));
  });

  it('hovers the tool card and links the action to its repository', () => {
    const cat = realCatalog();
    const marked = WORKFLOW.replace('helm/kind-action@v1.10.0', 'helm/kind-ac|tion@v1.10.0');
    const { text, position } = withCursor(marked);
    const a = run('.github/workflows/ci.yml', text, { catalog: cat });
    const md = (hover(cat, a, position)!.contents as { value: string }).value;
    assert.match(md, /kind/);
    const link = documentLinks(cat, a).find((l) => l.range.start.line === 11)!;
    assert.equal(link.target, 'https://github.com/helm/kind-action');
  });

  it('every catalogued action is owner/repo of a GitHub repository, in lower case, claimed by one entry', () => {
    const seen = new Map<string, string>();
    for (const e of realCatalog().entries) for (const act of e.actions ?? []) {
      assert.match(act, /^[a-z0-9_.-]+\/[a-z0-9_.-]+(\/[a-z0-9_./-]+)?$/, `${e.id}: ${act}`);
      assert.ok(!seen.has(act), `${act} is claimed by ${seen.get(act)} and ${e.id}`);
      seen.set(act, e.id);
    }
    assert.ok(seen.size >= 10);
  });
});
