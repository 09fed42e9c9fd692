import type { Document } from 'yaml';
import type { SiteCollector } from './sites';
import { scalar, seqItems, isSeq, type YNode } from './yamlDocuments';

/** Reports an image written as a YAML scalar; template expressions are never images. */
export function imageScalar(c: SiteCollector, node: YNode, doc: Document.Parsed, context: string): void {
  const s = scalar(node, doc);
  if (!s) return;
  const written = c.text.slice(s.start, s.end);
  if (written.includes('{{') || written.includes('${') || written.includes('$(')) return;
  c.image(written, s.start, s.end, context, s.value);
}

/** A command given as a string (shell form) or a list of words (exec form). */
export function shellValue(c: SiteCollector, node: YNode, doc: Document.Parsed, context: string): void {
  if (isSeq(node)) {
    const items = seqItems(node);
    // sh -c "script": the script is shell text; otherwise the words form one command.
    for (let i = 0; i < items.length; i++) {
      const s = scalar(items[i], doc);
      if (!s) continue;
      if (i === 0 || (i >= 2 && /^-[a-z]*c$/.test(scalar(items[i - 1], doc)?.value ?? '')) || (i > 0 && s.value.includes(' '))) {
        c.shell(c.text.slice(s.start, s.end), s.start, context);
      }
    }
    return;
  }
  const s = scalar(node, doc);
  if (s) c.shell(c.text.slice(s.start, s.end), s.start, context);
}
