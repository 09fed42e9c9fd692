import { promises as fs } from 'node:fs';
import { RULES, type FileAnalysis, type FileKind } from '../analysis/model';
import { kindFromContent, kindFromPath } from '../common/fileKinds';
import { walkFiles } from '../io/walk';
import { readTextFile } from '../io/readFile';
import type { Settings } from './settings';

/** The kind of a file too large to read: from its name, or for YAML/JSON from its first 64 KB. */
async function kindOfLargeFile(path: string): Promise<FileKind | null> {
  const k = kindFromPath(path);
  if (k !== 'yaml' && k !== 'json') return k;
  let fh: fs.FileHandle | undefined;
  try {
    fh = await fs.open(path, 'r');
    const buf = Buffer.alloc(65536);
    const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
    return kindFromContent(path, buf.subarray(0, bytesRead).toString('utf8'));
  } catch { return null; } finally { await fh?.close(); }
}

function tooLargeAnalysis(path: string, kind: FileKind, size: number, max: number): FileAnalysis {
  const zero = { line: 0, character: 0 };
  return {
    path, kind, references: [], errors: [`file larger than maxFileSize (${size} > ${max} bytes)`],
    findings: [{ rule: 'analysis-skipped', severity: RULES['analysis-skipped'].severity, range: { start: zero, end: zero },
      message: `File not analysed: it is ${(size / 1048576).toFixed(1)} MB, larger than containerAtlas.maxFileSize (${(max / 1048576).toFixed(1)} MB). Raise the setting to analyse it.` }],
  };
}

export interface ScannerHost {
  analyse(path: string, text: string): FileAnalysis | null;
  publish(path: string, analysis: FileAnalysis | null): void;
  log(message: string): void;
  changed(): void;
}

/**
 * Analyses every matching file of the workspace (not only open ones) and keeps the results per file,
 * so that the inventory, "where used" and diagnostics of closed files are available. Works in small
 * batches and yields to the event loop between them so that requests stay fast during a scan.
 */
export class WorkspaceScanner {
  private results = new Map<string, FileAnalysis>();
  private generation = 0;
  private lastRoots: string[] = [];
  private lastSettings: Settings | null = null;
  scanning = false;

  constructor(private readonly host: ScannerHost) {}

  get size(): number { return this.results.size; }
  has(path: string): boolean { return this.results.has(path); }
  entries(): IterableIterator<[string, FileAnalysis]> { return this.results.entries(); }

  async scan(roots: string[], settings: Settings, progress?: (done: number, total: number, path: string) => void): Promise<void> {
    const gen = ++this.generation;
    this.lastRoots = roots;
    this.lastSettings = settings;
    this.scanning = true;
    const started = Date.now();
    const files: string[] = [];
    for await (const f of walkFiles(roots, {
      ignore: settings.workspaceScan.exclude,
      include: settings.workspaceScan.include.length ? settings.workspaceScan.include : undefined,
      onError: (p, m) => this.host.log(`Container Atlas: skipped ${p}: ${m}`),
    })) {
      if (gen !== this.generation) return;
      files.push(f);
      if (files.length % 500 === 0) await new Promise((r) => setImmediate(r));
    }
    const previous = new Set(this.results.keys());
    let done = 0;
    for (const path of files) {
      if (gen !== this.generation) return;
      previous.delete(path);
      await this.analyseFile(path, settings);
      if (++done % 25 === 0) {
        progress?.(done, files.length, path);
        await new Promise((r) => setImmediate(r));
      }
    }
    for (const gone of previous) this.remove(gone);
    if (gen === this.generation) this.scanning = false;
    this.host.log(`Container Atlas: scanned ${files.length} files in ${Date.now() - started} ms (${this.results.size} analysed)`);
  }

  private async analyseFile(path: string, settings: Settings): Promise<void> {
    const max = Math.round(settings.maxFileSize * 1024 * 1024);
    const read = await readTextFile(path, max);
    if (read.text === null) {
      this.host.log(`Container Atlas: ${path}: ${read.error}`);
      // Too large: say so on the file (an information diagnostic), as for an open document.
      const kind = read.tooLarge ? await kindOfLargeFile(path) : null;
      const sev = settings.rules['analysis-skipped'];
      if (kind && read.tooLarge && sev !== 'off') {
        const a = tooLargeAnalysis(path, kind, read.tooLarge, max);
        if (sev) a.findings[0].severity = sev;
        this.results.set(path, a);
        this.host.publish(path, a);
      } else if (this.results.delete(path)) this.host.publish(path, null);
      return;
    }
    let a: FileAnalysis | null = null;
    try { a = this.host.analyse(path, read.text); } catch (err) { this.host.log(`Container Atlas: analysing ${path} failed: ${(err as Error).message}`); }
    if (a) {
      if (read.warning) a.errors.push(read.warning);
      const had = this.results.has(path);
      this.results.set(path, a);
      if (a.findings.length || had) this.host.publish(path, a);
    } else if (this.results.delete(path)) this.host.publish(path, null);
  }

  async refresh(path: string): Promise<void> {
    if (!this.lastSettings) return;
    await this.analyseFile(path, this.lastSettings);
    this.host.changed();
  }

  remove(path: string): void {
    if (this.results.delete(path)) { this.host.publish(path, null); this.host.changed(); }
  }

  /** Scans again with the new settings (maxFileSize, include, exclude may have changed). */
  reanalyse(settings?: Settings): void {
    if (settings) this.lastSettings = settings;
    if (this.lastSettings && this.lastRoots.length && this.results.size) void this.scan(this.lastRoots, this.lastSettings);
  }
}
