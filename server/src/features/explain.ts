import type { CatalogIndex } from '../catalog/catalogIndex';
import { analyze } from '../analysis/analyze';
import type { AnalysisOptions } from '../analysis/model';
import { parseImageReference } from '../syntax/imageReference';
import { entryCard } from '../features/entryCard';
import { hover } from '../features/hover';

/** Markdown from the card renderer as terminal text. */
export function markdownToText(md: string): string {
  return md
    .replace(/\[([^\]]*)\]\((https?:[^)]+)\)/g, '$1 <$2>')
    .replace(/\[([^\]]*)\]\(command:[^)]*\)/g, '$1')
    .replace(/\$\([a-z-]+\) ?/g, '')
    .replace(/\*\*|__|`/g, '')
    .replace(/(^|\s)_([^_]+)_/g, '$1$2')
    .replace(/^---$/gm, '')
    .replace(/\\([\\`*_{}[\]()#+\-.!|<>~&:=])/g, '$1')
    .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/**
 * What `explain` prints for a name, an image reference or an apiVersion[/kind]: the hover card as text.
 * Returns null when nothing in the catalog matches.
 */
export function explain(catalog: CatalogIndex, query: string, options: AnalysisOptions): string | null {
  const q = query.trim();
  const byName = catalog.byNameOrAlias(q);
  if (byName) return markdownToText(entryCard(catalog, byName, { full: true }));
  // apiVersion/Kind, e.g. extensions/v1beta1/Deployment or batch/v1beta1 CronJob
  const api = /^(?:([a-z0-9.-]+)\/)?(v\d+(?:(?:alpha|beta)\d+)?)(?:[/ ]([A-Za-z]+))?$/.exec(q);
  if (api && !parseImageReference(q)?.tag) {
    const apiVersion = api[1] ? `${api[1]}/${api[2]}` : api[2];
    const kinds = api[3] ? [api[3]] : catalog.data.kubernetesApis.filter((a) => a.apiVersion === apiVersion).flatMap((a) => a.kinds);
    const out: string[] = [];
    for (const kind of kinds) {
      const text = `apiVersion: ${apiVersion}\nkind: ${kind}\n`;
      const a = analyze({ path: 'explain.yaml', text, kind: 'kubernetes' }, catalog, options);
      const h = a && hover(catalog, a, { line: 0, character: 13 }, { kubernetesVersion: options.kubernetesVersion });
      if (h) out.push(markdownToText((h.contents as { value: string }).value));
      else if (catalog.kubernetesApi(apiVersion, kind)) out.push(`${kind} ${apiVersion}: served at Kubernetes ${options.kubernetesVersion ?? catalog.newestKubernetesVersion}.`);
    }
    if (out.length) return out.join('\n\n');
    const group = api[1] && catalog.entryForApiGroup(api[1]);
    if (group) return markdownToText(entryCard(catalog, group, { full: true }));
  }
  const ref = parseImageReference(q);
  if (ref) {
    const text = `FROM ${q}\n`;
    const a = analyze({ path: 'Dockerfile', text, kind: 'dockerfile' }, catalog, options);
    const h = a && hover(catalog, a, { line: 0, character: 5 }, { kubernetesVersion: options.kubernetesVersion });
    if (h) return markdownToText((h.contents as { value: string }).value);
  }
  return null;
}
