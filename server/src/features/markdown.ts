/**
 * Markdown for hover cards and pages. Every string that comes from the catalog or the user's file is
 * escaped so that it renders as text: it can never become a link, an image, HTML, or a command URI.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/\r?\n/g, ' ')
    .replace(/[\\`*_{}[\]()#|<>~&:!]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : `\\${c}`))
    // Block syntax only matters at the start: a list marker or a numbered list.
    .replace(/^([-+])(\s)/, '\\$1$2')
    .replace(/^(\d+)([.)])(\s)/, '$1\\$2$3');
}

/** Inline code that cannot break out of its backticks: the fence is longer than any run of backticks inside. */
export function code(text: string): string {
  const clean = text.replace(/[\r\n]+/g, ' ');
  if (!clean.includes('`')) return `\`${clean}\``;
  const longest = Math.max(...(clean.match(/`+/g) ?? ['']).map((r) => r.length));
  const fence = '`'.repeat(longest + 1);
  return `${fence} ${clean} ${fence}`;
}

/** A link only to an http(s) URL; anything else becomes plain escaped text. */
export function link(label: string, url: string | undefined): string {
  if (!url || !/^https?:\/\/[^\s<>()]+$/.test(url)) return escapeMarkdown(label);
  return `[${escapeMarkdown(label)}](${url.replace(/[()]/g, (c) => encodeURIComponent(c))})`;
}
