import type { DocumentLink } from 'vscode-languageserver';
import type { CatalogIndex } from '../catalog/catalogIndex';
import type { FileAnalysis } from '../analysis/model';
import { parseImageReference, registryPageUrl } from '../syntax/imageReference';

/** Image references link to their registry's page (known public registries only); tools link to their homepage, GitHub Actions to their repository. */
export function documentLinks(catalog: CatalogIndex, analysis: FileAnalysis): DocumentLink[] {
  const links: DocumentLink[] = [];
  for (const r of analysis.references) {
    if (r.kind === 'image') {
      const ref = parseImageReference(r.text);
      const url = ref && registryPageUrl(ref);
      if (url) links.push({ range: r.range, target: url, tooltip: `Open ${ref!.key} on ${ref!.registry}` });
    } else if (r.entry && (r.kind === 'command' || r.kind === 'tool')) {
      const e = catalog.entry(r.entry);
      // A GitHub Action links to its own repository, the tool to its homepage.
      if (e?.actions?.includes(r.text)) {
        links.push({ range: r.range, target: `https://github.com/${r.text.split('/').slice(0, 2).join('/')}`, tooltip: `${r.text} (GitHub Action for ${e.name})` });
        continue;
      }
      const url = e?.homepage ?? e?.repository;
      if (url && /^https?:\/\//.test(url)) links.push({ range: r.range, target: url, tooltip: `${e!.name} homepage` });
    }
  }
  return links;
}
