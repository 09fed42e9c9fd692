import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import { CatalogIndex } from '../catalog/catalogIndex';
import type { CatalogData } from '../catalog/types';
import { analyze } from '../analysis/analyze';
import { detectKind } from '../analysis/fileKind';
import { DEFAULT_MAX_FILE_SIZE, type AnalysisOptions, type FileAnalysis } from '../analysis/model';
import { readTextFile } from '../workspace/readFile';

/** What analysing one file gives: its analysis (null: not a kind we handle) and the bytes read. */
export interface FileOutcome { analysis: FileAnalysis | null; bytes: number }

/** Reads and analyses one file; never throws. */
export async function analyseFile(file: string, relPath: string, catalog: CatalogIndex, options: AnalysisOptions): Promise<FileOutcome> {
  const read = await readTextFile(file, options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE);
  if (read.text === null) {
    return { analysis: { path: relPath, kind: detectKind(file, '') ?? 'kubernetes', references: [], findings: [], errors: [read.error!] }, bytes: 0 };
  }
  let a: FileAnalysis | null;
  try { a = analyze({ path: relPath, text: read.text }, catalog, options); } catch (err) {
    a = { path: relPath, kind: detectKind(file, read.text) ?? 'kubernetes', references: [], findings: [], errors: [`analysis failed: ${(err as Error).message}`] };
  }
  if (a && read.warning) a.errors.push(read.warning);
  return { analysis: a, bytes: read.text.length };
}

const ROLE = 'container-atlas-scan-worker';

/**
 * Analyses files on every core: worker threads (running this same bundle) each read and analyse
 * the files they are handed, a few at a time, while the main thread keeps them fed. Results come
 * back in the order of the input. Falls back to the main thread for small scans.
 */
export async function analyseAll(files: { file: string; rel: string }[], catalog: CatalogIndex, options: AnalysisOptions, onDone?: (n: number, file: string) => void): Promise<FileOutcome[]> {
  const out: FileOutcome[] = new Array(files.length);
  const workers = Math.min(availableParallelism(), 4);
  const canFork = __filename.endsWith('.js') && process.env.ATLAS_WORKERS !== '0';
  let done = 0;
  if (!canFork || workers < 2 || files.length < 200) {
    // Several reads in flight, analysis one at a time.
    let next = 0;
    const lane = async () => {
      while (next < files.length) {
        const i = next++;
        out[i] = await analyseFile(files[i].file, files[i].rel, catalog, options);
        onDone?.(++done, files[i].file);
      }
    };
    await Promise.all(Array.from({ length: 8 }, lane));
    return out;
  }
  await new Promise<void>((resolve, reject) => {
    let next = 0;
    let live = workers;
    for (let w = 0; w < workers; w++) {
      const worker = new Worker(__filename, { workerData: { role: ROLE, catalog: catalog.data, options } });
      const inFlight = new Set<number>();
      const feed = () => {
        while (inFlight.size < 8 && next < files.length) {
          const i = next++;
          inFlight.add(i);
          worker.postMessage({ i, file: files[i].file, rel: files[i].rel });
        }
        if (!inFlight.size) void worker.terminate();
      };
      worker.on('message', (m: { i: number; outcome: FileOutcome }) => {
        out[m.i] = m.outcome;
        inFlight.delete(m.i);
        onDone?.(++done, files[m.i].file);
        feed();
      });
      worker.on('error', reject);
      worker.on('exit', () => {
        // Anything a dying worker had not finished is analysed here.
        const left = [...inFlight];
        inFlight.clear();
        void Promise.all(left.map(async (i) => { out[i] = await analyseFile(files[i].file, files[i].rel, catalog, options); })).then(() => { if (--live === 0) resolve(); });
      });
      feed();
    }
  });
  return out;
}

/** The worker side: started by analyseAll with this bundle as the worker script. */
export function isScanWorker(): boolean {
  return !isMainThread && (workerData as { role?: string } | null)?.role === ROLE;
}

export function runScanWorker(): void {
  const { catalog: data, options } = workerData as { catalog: CatalogData; options: AnalysisOptions };
  const catalog = new CatalogIndex(data);
  const queue: { i: number; file: string; rel: string }[] = [];
  let busy = false;
  const pump = async () => {
    if (busy) return;
    busy = true;
    while (queue.length) {
      const t = queue.shift()!;
      const outcome = await analyseFile(t.file, t.rel, catalog, options);
      parentPort!.postMessage({ i: t.i, outcome });
    }
    busy = false;
  };
  parentPort!.on('message', (t: { i: number; file: string; rel: string }) => { queue.push(t); void pump(); });
}
