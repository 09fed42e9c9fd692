import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FILE_KINDS, activationEvents, kindFromPath, detectKind, globToRegExp, WATCH_GLOB, DOCUMENT_SELECTOR } from '../../server/src/common/fileKinds';
import { RULES, RULE_IDS, ruleAnchor, ruleDocsUrl, DOCS_URL } from '../../server/src/common/rules';
import { toDiagnostic } from '../../server/src/features/diagnostics';
import { ROOT, realCatalog } from '../helpers';
import { isDate, isKubernetesVersion } from '../../server/src/service/settings';

// One definition of each fact: the file-kind and rule registries in server/src/common, and every
// copy the editor or the reader sees (package.json, README) checked against them.

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');

describe('the file-kind registry', () => {
  it('package.json activation events are the registry\'s', () => {
    assert.deepEqual(pkg.activationEvents, activationEvents());
  });

  it('package.json contributes the languages the registry names (Dockerfile names and Quadlet extensions)', () => {
    const dockerfile = pkg.contributes.languages.find((l: { id: string }) => l.id === 'dockerfile');
    const names = [...dockerfile.filenames, ...dockerfile.filenamePatterns];
    for (const g of FILE_KINDS.find((k) => k.kind === 'dockerfile')!.globs) {
      const name = g.replace(/^\*\*\//, '');
      assert.ok(names.includes(name) || (name.endsWith('.containerfile') && names.includes('*.Containerfile')), `package.json's dockerfile language lists ${name}`);
    }
    const quadlet = pkg.contributes.languages.find((l: { id: string }) => l.id === 'quadlet');
    assert.deepEqual(quadlet.extensions, FILE_KINDS.find((k) => k.kind === 'quadlet')!.globs.map((g) => g.replace('**/*', '')));
  });

  it('recognises each kind by its names, at any depth, and the watcher glob covers them all', () => {
    const cases: [string, string | null][] = [
      ['Dockerfile', 'dockerfile'], ['svc/Containerfile', 'dockerfile'], ['a/b/api.Containerfile', 'dockerfile'], ['Dockerfile.dev', 'dockerfile'],
      ['compose.yaml', 'compose'], ['x/docker-compose.prod.yml', 'compose'], ['kustomization.yml', 'kustomize'],
      ['.devcontainer/devcontainer.json', 'devcontainer'], ['/home/me/r/.devcontainer/py/devcontainer.json', 'devcontainer'],
      ['.github/workflows/ci.yml', 'github-actions'], ['/abs/repo/.github/workflows/ci.yaml', 'github-actions'],
      ['units/web.container', 'quadlet'], ['units/net.network', 'quadlet'], ['deploy.yaml', 'yaml'], ['chart/templates/_helpers.tpl', 'yaml'], ['list.json', 'json'],
      ['README.md', null], ['Dockerfile/notes.txt', null], ['workflows/ci.yml', 'yaml'],
    ];
    const watch = globToRegExp(WATCH_GLOB);
    for (const [path, kind] of cases) {
      assert.equal(kindFromPath(path), kind, path);
      if (kind) assert.ok(watch.test(path.replace(/^\//, '')), `the watcher sees ${path}`);
    }
  });

  it('the editor hands over Bake HCL files and Tiltfiles whatever language they open as, and they are analysed as such', () => {
    // VS Code has no language for HCL or Starlark: such files open as plaintext (or an extension's hcl/starlark).
    const selected = (path: string, languageId: string) => DOCUMENT_SELECTOR.some((f) =>
      (!('language' in f) || f.language === languageId) && (!f.pattern || globToRegExp(f.pattern).test(path)));
    for (const [path, kind] of [['ci/docker-bake.hcl', 'bake'], ['docker-bake.override.hcl', 'bake'], ['svc/Tiltfile', 'tiltfile']] as const) {
      for (const languageId of ['plaintext', 'hcl', 'starlark']) {
        assert.ok(selected(path, languageId), `${path} (${languageId}) reaches the server`);
        assert.equal(detectKind(path, '', languageId), kind, `${path} (${languageId})`);
      }
    }
    assert.ok(!selected('notes/main.hcl', 'plaintext'), 'other HCL files are not');
    assert.ok(!selected('README.md', 'markdown'));
  });
});

describe('the rule registry', () => {
  const rows = [...readme.matchAll(/^\| <a id="(rule-[a-z-]+)"><\/a>`([a-z-]+)` \| (\w+) \|/gm)];

  it('the README has one row per rule, with its anchor and default severity, in registry order', () => {
    assert.deepEqual(rows.map((r) => r[2]), RULE_IDS);
    for (const r of rows) {
      const id = r[2] as keyof typeof RULES;
      assert.equal(r[1], ruleAnchor(id));
      assert.equal(r[3], RULES[id].severity, `${id}'s default severity in the README`);
    }
  });

  it('package.json\'s containerAtlas.rules setting lists every rule and no other', () => {
    const prop = pkg.contributes.configuration.properties['containerAtlas.rules'];
    assert.deepEqual(Object.keys(prop.properties), RULE_IDS);
    assert.equal(prop.additionalProperties, false);
    for (const id of RULE_IDS) assert.ok(prop.markdownDescription.includes(`\`${id}\``), `the setting's description names ${id}`);
  });

  it('every diagnostic links to its rule\'s row in the README', () => {
    for (const id of RULE_IDS) {
      const d = toDiagnostic({ rule: id, severity: 'warning', message: 'm', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } } });
      assert.equal(d.codeDescription?.href, ruleDocsUrl(id));
      assert.equal(d.codeDescription?.href, `${DOCS_URL}#${ruleAnchor(id)}`);
      assert.ok(readme.includes(`<a id="${ruleAnchor(id)}"></a>`), `the README has the anchor ${ruleAnchor(id)}`);
    }
  });
});

describe('the settings package.json contributes', () => {
  const props = pkg.contributes.configuration.properties as Record<string, Record<string, unknown>>;
  /** Every schema in a setting (the setting itself, its items and properties), with where it is. */
  const schemas = function* (name: string, s: Record<string, unknown>): Generator<[string, Record<string, unknown>]> {
    yield [name, s];
    for (const [k, v] of Object.entries((s.properties ?? {}) as Record<string, Record<string, unknown>>)) yield* schemas(`${name}.${k}`, v);
    if (s.items && typeof s.items === 'object') yield* schemas(`${name}[]`, s.items as Record<string, unknown>);
    if (s.additionalProperties && typeof s.additionalProperties === 'object') yield* schemas(`${name}{}`, s.additionalProperties as Record<string, unknown>);
  };
  const patterned = Object.entries(props).flatMap(([n, s]) => [...schemas(n, s)]).filter(([, s]) => s.pattern);

  it('every setting with a pattern says in words what it expects, with an example that the pattern accepts', () => {
    assert.ok(patterned.length >= 2, 'kubernetesVersion and asOf have patterns');
    for (const [name, s] of patterned) {
      const msg = s.patternErrorMessage as string | undefined;
      assert.ok(msg, `${name} has a patternErrorMessage`);
      assert.ok(!msg.includes(s.pattern as string), `${name}'s message is not the pattern`);
      const example = /such as (\S+?)[,.;]?(?:\s|$)/.exec(msg)?.[1];
      assert.ok(example, `${name}'s message gives an example ("such as …"): ${msg}`);
      assert.match(example, new RegExp(s.pattern as string), `${name}'s example ${example} is a value the setting accepts`);
    }
  });

  it('the examples of containerAtlas.kubernetesVersion are the Kubernetes releases the catalog knows', () => {
    const releases = (realCatalog().data.kubernetesReleases ?? []).map((r) => r.version);
    assert.ok(releases.length > 0);
    const k = props['containerAtlas.kubernetesVersion'];
    assert.deepEqual(k.examples, releases);
    for (const v of releases) assert.ok(isKubernetesVersion(v) && new RegExp(k.pattern as string).test(v), `${v} passes the setting's pattern and the server's validator`);
    assert.ok(isDate(/such as (\S+?)\./.exec(props['containerAtlas.asOf'].patternErrorMessage as string)![1]), 'the asOf example is a real date');
  });
});

describe('the walkthrough', () => {
  const steps = pkg.contributes.walkthroughs.flatMap((w: { steps: unknown[] }) => w.steps) as { id: string; title: string; description: string; media: { markdown?: string; image?: string }; completionEvents?: string[] }[];
  const commands = new Map((pkg.contributes.commands as { command: string; title: string }[]).map((c) => [c.command, c.title]));
  const views = new Set(Object.values(pkg.contributes.views as Record<string, { id: string }[]>).flat().map((v) => v.id));
  const settings = new Set(Object.keys(pkg.contributes.configuration.properties));
  /** Built-in commands a step may ask for, and the words by which it does. */
  const BUILT_IN: Record<string, string> = { 'editor.action.quickFix': 'Ctrl+.', 'workbench.action.openSettings': 'settings' };

  it('has plain text: no backticks in titles or descriptions', () => {
    for (const s of steps) assert.ok(!/`/.test(s.title + s.description), `${s.id}: ${s.title} ${s.description}`);
  });

  it('gives every step media that exists under media/', () => {
    for (const s of steps) {
      const file = s.media.markdown ?? s.media.image;
      assert.ok(file?.startsWith('media/') && existsSync(join(ROOT, file)), `${s.id}'s media ${file}`);
      if (s.media.markdown) for (const [, img] of readFileSync(join(ROOT, file!), 'utf8').matchAll(/!\[[^\]]*\]\(([^)]+)\)/g)) {
        assert.ok(existsSync(join(ROOT, file!, '..', img)), `${s.id}'s media shows ${img}, which exists`);
      }
    }
  });

  it('completes each step on something the step asks the user to do, never on its own', () => {
    for (const s of steps) {
      assert.ok(s.completionEvents?.length, `${s.id} has completionEvents (without them VS Code completes a step by showing it)`);
      for (const ev of s.completionEvents!) {
        const [type, what] = [ev.slice(0, ev.indexOf(':')), ev.slice(ev.indexOf(':') + 1)];
        if (type === 'onCommand') {
          const asked = s.description.includes(`(command:${what}`) || (commands.has(what) && s.description.toLowerCase().includes(commands.get(what)!.toLowerCase())) || (what in BUILT_IN && s.description.includes(BUILT_IN[what]));
          assert.ok(commands.has(what) || what in BUILT_IN, `${s.id}: ${what} is a command`);
          assert.ok(asked, `${s.id}: the step asks for ${what}`);
        } else if (type === 'onView') assert.ok(views.has(what), `${s.id}: ${what} is a view of the extension`);
        else if (type === 'onSettingChanged') assert.ok(settings.has(what), `${s.id}: ${what} is a setting of the extension`);
        else assert.fail(`${s.id}: ${ev} is not an event the user causes`);
      }
    }
  });
});
