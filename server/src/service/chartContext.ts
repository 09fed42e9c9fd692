import { remembering } from '../common/memo';
import type { ChartContext } from '../analysis/helm';

/** Reads a file's text, or null (missing, unreadable, too large). */
export type ReadText = (path: string) => string | null;

/**
 * The chart a Helm template belongs to (the folder above its `templates/`): its values.yaml,
 * Chart.yaml and templates/_helpers.tpl, read through `read`. Undefined for files outside a
 * `templates/` folder or when none of them exists.
 */
export function chartContextFor(path: string, read: ReadText): ChartContext | undefined {
  const p = path.replace(/\\/g, '/');
  const i = p.lastIndexOf('/templates/');
  if (i < 0 && !p.startsWith('templates/')) return undefined;
  const root = i < 0 ? '.' : p.slice(0, i) || '/';
  const at = (name: string) => `${root}/${name}`;
  const chart = read(at('Chart.yaml')) ?? read(at('Chart.yml'));
  if (chart === null) return undefined;
  const values = read(at('values.yaml')) ?? read(at('values.yml'));
  const helpers = read(at('templates/_helpers.tpl'));
  return { chart, ...(values !== null ? { values } : {}), ...(helpers !== null ? { helpers } : {}) };
}

/** A ReadText that remembers what it read (a scan reads each chart's files once). */
export function cachedReader(read: ReadText, max = 256): ReadText {
  return remembering(max, read);
}
