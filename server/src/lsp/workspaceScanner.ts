import type { FileAnalysis } from '../analysis/model';
import { walkFiles } from '../io/walk';
import { readTextFile, type ReadResult } from '../io/readFile';
import type { Settings } from '../service/settings';
import type { FileOutcome } from '../service/fileAnalysis';

export interface ScannerHost {
  /** The language service's analyseRead: the same handling of size limits and unreadable files as the CLI's. */
  analyse(path: string, read: ReadResult): FileOutcome;
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

  private latest: Promise<void> = Promise.resolve();

  /**
   * Scans the roots; resolves when the workspace's results are complete: a scan started meanwhile
   * (a rescan, a settings change) supersedes this one, and this one resolves when that one is done.
   */
  async scan(roots: string[], settings: Settings, progress?: (done: number, total: number, path: string) => void): Promise<void> {
    let run = this.run(roots, settings, progress);
    this.latest = run;
    await run;
    while (this.latest !== run) { run = this.latest; await run; }
  }

  private async run(roots: string[], settings: Settings, progress?: (done: number, total: number, path: string) => void): Promise<void> {
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
    // A scan after a settings change replaces results the views show: tell them.
    this.host.changed();
  }

  private async analyseFile(path: string, settings: Settings): Promise<void> {
    const read = await readTextFile(path, Math.round(settings.maxFileSize * 1024 * 1024));
    let a: FileAnalysis | null = null;
    try {
      const o = this.host.analyse(path, read);
      if (o.unreadable) this.host.log(`Container Atlas: ${path}: ${o.unreadable}`);
      a = o.analysis;
    } catch (err) { this.host.log(`Container Atlas: analysing ${path} failed: ${(err as Error).message}`); }
    if (a) {
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

  /** Publishes every result again (the baseline changed how diagnostics are shown, not the analyses). */
  republish(): void {
    for (const [path, a] of this.results) this.host.publish(path, a);
  }

  /** Scans again with the new settings (maxFileSize, include, exclude may have changed). */
  reanalyse(settings?: Settings): void {
    if (settings) this.lastSettings = settings;
    if (this.lastSettings && this.lastRoots.length && this.results.size) void this.scan(this.lastRoots, this.lastSettings);
  }
}
