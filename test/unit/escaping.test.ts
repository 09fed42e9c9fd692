/**
 * Hover and entry-card content is inert: catalog strings (an organisation catalog is as untrusted as
 * the workspace) and text from the user's file that hold Markdown links, command: URIs, HTML, script
 * or backticks render as text. The Markdown is rendered with markdown-it, HTML and linkify on (more
 * permissive than VS Code's hover), and the HTML it produces is checked.
 */
import { strict as assert } from 'node:assert';
import { CatalogIndex } from '../../server/src/catalog/catalogIndex';
import type { CatalogData } from '../../server/src/catalog/types';
import { entryCard } from '../../server/src/features/entryCard';
import { hover } from '../../server/src/features/hover';
import { code, escapeMarkdown, link } from '../../server/src/features/markdown';
import { entryDetails } from '../../server/src/features/catalogRequests';
import { FIXTURE_DATA, run, withCursor } from '../helpers';
import { HoverCommands } from '../../server/src/common/protocol';

// markdown-it (a CommonMark renderer; installed with @vscode/vsce) has no bundled types: the little used here.
interface Md { render(s: string): string; renderInline(s: string): string; linkify: { set(o: object): void } }
// eslint-disable-next-line @typescript-eslint/no-require-imports
const MarkdownIt = require('markdown-it') as new (o: object) => Md;
const md = new MarkdownIt({ html: true, linkify: true });
// Like GitHub-flavoured Markdown (VS Code's renderer): www. and scheme URLs are linkified, bare domain names are not.
md.linkify.set({ fuzzyLink: false });

const EVIL = [
  '[click](command:workbench.action.terminal.new)',
  '[click](command:workbench.action.terminal.sendSequence?%7B%22text%22%3A%22rm%20-rf%20~%22%7D "t")',
  '<img src=x onerror=alert(1)>',
  '<script>alert(1)</script>',
  '<a href="command:evil">a</a>',
  '<!-- comment --><iframe src="https://evil.example/"></iframe>',
  '![img](https://evil.example/pixel.png)',
  '<https://evil.example/autolink> <command:evil>',
  'https://evil.example/linkify www.evil.example',
  '[ref][r]\n\n[r]: command:evil',
  '`` [x](command:evil) ``',
  '```\n[x](command:evil)\n```',
  '\\[x\\](command:evil) \\\\[y](command:evil)',
  '&lt;img src=x onerror=alert(1)&gt; &#60;script&#62;',
  'javascript:alert(1) data:text/html,<script>alert(1)</script>',
  '*bold* _em_ **strong**\n# heading\n---\n- item\n1. one\n> quote',
  '[a](<command:evil>) [b](command:evil \'t\') [c]( command:evil )',
  '\u202e\u200b[zero](command:width)',
];
const ALLOWED_TAGS = new Set(['p', 'strong', 'em', 'code', 'hr', 'br', 'a']);

/**
 * A link the card itself makes to one of the extension's own commands (HoverCommands, the only ones
 * the client trusts), whose argument is one JSON value that decodes whole: nothing from a catalog or a
 * file can add a command or break out of the argument.
 */
function ownCommandLink(href: string): boolean {
  const m = /^command:([\w.]+)\?([A-Za-z0-9%._~!*'()-]*)$/.exec(href);
  if (!m || !(Object.values(HoverCommands) as string[]).includes(m[1])) return false;
  try { return Array.isArray(JSON.parse(decodeURIComponent(m[2]))); } catch { return false; }
}

/** Renders the Markdown and checks the HTML: only formatting tags, links only to the catalog's own http(s) URLs and the extension's own commands. */
function assertInert(markdown: string, allowedLinks: string[] = [], what = ''): void {
  const html = md.render(markdown);
  const hrefs = [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1].replace(/&amp;/g, '&'));
  for (const m of html.matchAll(/<\/?([a-zA-Z][a-zA-Z0-9-]*)([^>]*)>/g)) {
    const tag = m[1].toLowerCase();
    assert.ok(ALLOWED_TAGS.has(tag), `${what}: <${tag}> in the rendered hover:\n${markdown}\n${html}`);
    if (tag === 'a' && !m[0].startsWith('</')) {
      const href = /href="([^"]*)"/.exec(m[2])?.[1] ?? '';
      assert.ok(allowedLinks.includes(href.replace(/&amp;/g, '&')) || ownCommandLink(href.replace(/&amp;/g, '&')), `${what}: a link to ${href}:\n${markdown}\n${html}`);
    }
    assert.ok(!/\bon\w+=|style=|src=/i.test(m[2]), `${what}: attributes ${m[2]}`);
  }
  assert.ok(!hrefs.some((h) => /(command|javascript|data):/i.test(h) && !ownCommandLink(h)), `${what}: an active URI:\n${html}`);
  assert.ok(!/<(script|img|iframe)/i.test(html), `${what}: raw HTML survived:\n${html}`);
}

function evilCatalog(s: string): { cat: CatalogIndex; data: CatalogData } {
  const data = structuredClone(FIXTURE_DATA);
  const e = data.entries.find((x) => x.id === 'boot2docker')!;
  Object.assign(e, {
    name: `B2D ${s}`, summary: s, kind: s, vendor: s, maintainer: s, license: s, spdx: s, partOf: s, parent: s,
    aliases: [s, 'ok'], images: ['boot2docker/boot2docker', s], commands: ['boot2docker', s],
    homepage: `command:workbench.action.terminal.new?${encodeURIComponent(s)}`, repository: 'javascript:alert(1)',
    status: { value: 'deprecated', since: s, note: s, sources: ['https://example.com/ok', `https://example.com/x) [y](command:evil`, s] },
    successors: [{ id: 'docker-desktop', reason: s }, { id: s, reason: s }],
    alternatives: [s],
  });
  data.layers[0].name = s;
  data.layers[0].categories[0].name = s;
  data.entries.find((x) => x.id === 'docker-desktop')!.name = `DD ${s}`;
  return { cat: new CatalogIndex(data), data };
}

describe('escaping: hover and card content from catalogs and files is inert', () => {
  it('escapeMarkdown, code and link on hostile strings', () => {
    for (const s of EVIL) {
      assertInert(escapeMarkdown(s), [], `escapeMarkdown(${JSON.stringify(s)})`);
      assertInert(`x ${code(s)} y`, [], `code(${JSON.stringify(s)})`);
      assertInert(link(s, `command:${s}`), [], `link(label, command:)`);
      assertInert(link('Homepage', s), [], `link(Homepage, ${JSON.stringify(s)})`);
    }
    // code() keeps the text whole, whatever backticks it holds.
    for (const s of ['a`b', 'a``b', '```', '`x`', 'x`` [y](command:z) ``w']) {
      const html = md.renderInline(code(s));
      assert.match(html, /^<code>[^<]*<\/code>$/, `${s} -> ${code(s)} -> ${html}`);
      assert.equal(html.replace(/^<code>|<\/code>$/g, '').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"'), s);
    }
  });

  it('every entry-card field (name, summary, note, reason, aliases, vendor, maintainer, licence, since, layer, images, commands, links)', () => {
    for (const s of EVIL) {
      const { cat } = evilCatalog(s);
      const e = cat.entry('boot2docker')!;
      for (const full of [false, true]) assertInert(entryCard(cat, e, { full }), ['https://example.com/ok'], `card(${JSON.stringify(s)}, full=${full})`);
      const page = entryDetails(cat, 'boot2docker', [], { roots: [], asOf: '2026-11-22' })!;
      assertInert((page as unknown as { markdown: string }).markdown, ['https://example.com/ok'], `entry page markdown(${JSON.stringify(s)})`);
    }
  });

  it('hover on a file reference with a hostile catalog', () => {
    for (const s of EVIL) {
      const { cat } = evilCatalog(s);
      const { text, position } = withCursor('FROM boot2docker/boot|2docker\n');
      const h = hover(cat, run('Dockerfile', text, { catalog: cat }), position, { editorMarkup: true });
      assert.ok(h, s);
      assertInert((h.contents as { value: string }).value, ['https://example.com/ok', 'https://hub.docker.com/_/boot2docker'], `hover(${JSON.stringify(s)})`);
    }
  });

  it('text from the file (image references, tags, registries, finding messages) is inert in hovers', () => {
    const data = structuredClone(FIXTURE_DATA);
    (data as { settings?: unknown }).settings = { allowedRegistries: ['docker.io'] };
    const cat = new CatalogIndex(data);
    const images = [
      'evil.example:5000/x/y:1', 'evil.example/[x](command:y)', 'java:8`[x](command:evil)`', 'java:<img src=x onerror=alert(1)>',
      'java:8@sha256:`[x](command:evil)`', 'nginx:``evil``', 'python:2.7-[a](command:b)', 'my.registry/<script>alert(1)</script>:1', 'java:8', 'quay.io/x:1',
    ];
    let hovered = 0;
    for (const img of images) {
      for (const [path, doc] of [['Dockerfile', `FROM ${img}\n`], ['compose.yaml', `services:\n  a:\n    image: "${img.replace(/"/g, '\\"')}"\n`]] as const) {
        const a = run(path, doc, { catalog: cat });
        for (const r of a.references) {
          const h = hover(cat, a, r.range.start, { editorMarkup: true });
          if (!h) continue;
          hovered++;
          assertInert((h.contents as { value: string }).value, ['https://hub.docker.com/_/java', 'https://hub.docker.com/_/nginx', 'https://endoflife.date/python', 'https://hub.docker.com/_/python', 'https://github.com/docker-library/docs/blob/master/java/deprecated.md'], `hover on ${img} in ${path}`);
        }
        for (const f of a.findings) assertInert(escapeMarkdown(f.message), [], `finding message for ${img}`);
      }
    }
    // Only valid references become references (the others are not hovered at all): the hostile ones above never reach a card.
    assert.ok(hovered >= 4, `hovers checked: ${hovered}`);
  });
});
