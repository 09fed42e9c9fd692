import { isAbsolute, join, resolve } from 'node:path';
import { readTextFileSync } from '../io/readFile';
import { parseBaseline } from '../analysis/baseline';
import type { LanguageService } from '../service/languageService';

/**
 * The baseline of `containerAtlas.baseline.file` (relative to the first workspace folder): read
 * again when the setting or the file changes. A missing or malformed file is reported (what, where,
 * what to do) and no baseline is used until it is fixed.
 */
export class WorkspaceBaseline {
  private key = '';
  private path = '';
  constructor(private readonly warn: (msg: string) => void) {}

  /** Whether a changed file is the baseline. */
  concerns(path: string): boolean {
    return !!this.path && resolve(path) === this.path;
  }

  /** Applies the baseline again if the setting or the file changed; returns whether it did. */
  reload(service: LanguageService, roots: string[]): boolean {
    const file = service.settings.baseline.file;
    const root = roots[0];
    if (!file || !root) {
      this.path = '';
      if (!this.key) return false;
      this.key = '';
      service.useBaseline(null);
      return true;
    }
    this.path = resolve(isAbsolute(file) ? file : join(root, file));
    const read = readTextFileSync(this.path, 64 * 1024 * 1024);
    const key = `${this.path}\n${read.text ?? `error: ${read.error}`}`;
    if (key === this.key) return false;
    this.key = key;
    if (read.text === null) {
      this.warn(`Container Atlas: containerAtlas.baseline.file: cannot read ${this.path}: ${read.error ?? 'too large'}. Write it with 'container-atlas scan --write-baseline ${file}' in the workspace folder, or clear the setting.`);
      service.useBaseline(null);
      return true;
    }
    try {
      service.useBaseline({ baseline: parseBaseline(read.text, this.path), root });
    } catch (err) {
      this.warn(`Container Atlas: containerAtlas.baseline.file: ${(err as Error).message}`);
      service.useBaseline(null);
    }
    return true;
  }
}
