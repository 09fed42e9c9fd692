import { basename } from 'node:path';
import { pathToFileURL } from 'node:url';
import { statSync } from 'node:fs';
import { DiagnosticSeverity, type Connection } from 'vscode-languageserver';
import { formatProblem } from '../catalog/withOrgCatalogs';
import type { CatalogProblem } from '../catalog/orgCatalog';
import { ORG_CATALOG_NAMES } from '../service/orgCatalogs';
import type { LanguageService } from '../service/languageService';

/**
 * The organisation catalogs of the workspace: .container-atlas.yaml at each root and the files of
 * containerAtlas.catalogs (those outside the workspace only in trusted workspaces), found by the
 * language service's discovery like the CLI's. Their problems are published as diagnostics on the
 * file, logged, and announced once.
 */
export class WorkspaceCatalogs {
  /**
   * What was applied last: at start, no catalog files and nothing skipped, which is the built-in
   * catalog the service starts with (a workspace without organisation catalogs then costs no new
   * index and no second analysis of the documents opened meanwhile).
   */
  private key: string | undefined = JSON.stringify([[], []]);
  private files: string[] = [];
  private published = new Set<string>();

  constructor(private readonly connection: Connection, private readonly log: (m: string) => void) {}

  /** Whether a changed file is (or could become) one of the catalogs. */
  concerns(path: string): boolean {
    return ORG_CATALOG_NAMES.includes(basename(path)) || this.files.includes(path);
  }

  /** Applies the catalogs again when their list, sizes or times changed; returns whether it did. */
  reload(service: LanguageService, roots: string[], trusted: boolean): boolean {
    const { files, skipped } = service.discoverCatalogs({
      folders: roots, named: service.settings.catalogs, base: roots[0] ?? process.cwd(), ignore: service.settings.workspaceScan.exclude, trusted,
    });
    const key = JSON.stringify([files.map((f) => { try { const st = statSync(f); return [f, st.size, st.mtimeMs]; } catch { return [f]; } }), skipped]);
    if (key === this.key) return false;
    this.key = key;
    for (const s of skipped) this.log(`Container Atlas: ${s}`);
    const r = service.useCatalogs(files);
    this.files = files;
    if (r.loaded.length) this.log(`Container Atlas: organisation catalogs: ${r.loaded.join(', ')}`);
    this.publish(r.problems);
    return true;
  }

  private publish(problems: CatalogProblem[]): void {
    const byFile = new Map<string, CatalogProblem[]>();
    for (const p of problems) byFile.set(p.file, [...(byFile.get(p.file) ?? []), p]);
    for (const f of this.published) if (!byFile.has(f)) this.connection.sendDiagnostics({ uri: pathToFileURL(f).toString(), diagnostics: [] });
    this.published = new Set(byFile.keys());
    for (const [file, list] of byFile) {
      this.connection.sendDiagnostics({ uri: pathToFileURL(file).toString(), diagnostics: list.map((p) => ({
        range: { start: { line: p.line - 1, character: p.column - 1 }, end: { line: p.line - 1, character: Number.MAX_SAFE_INTEGER } },
        severity: DiagnosticSeverity.Error, source: 'Container Atlas', code: 'catalog-error', message: p.message,
      })) });
      for (const p of list) this.connection.console.error(`Container Atlas: ${formatProblem(p)}`);
    }
    if (problems.length) {
      const first = problems[0];
      void this.connection.window.showErrorMessage(`Container Atlas: ${problems.length} problem${problems.length > 1 ? 's' : ''} in organisation catalog ${basename(first.file)} (first: line ${first.line}: ${first.message}). The rest of the catalog is in use; see Problems.`);
    }
  }
}
