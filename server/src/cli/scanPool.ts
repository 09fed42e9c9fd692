import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import { CatalogIndex } from '../catalog/catalogIndex';
import type { CatalogData } from '../catalog/types';
import { analyze } from '../analysis/analyze';
import { detectKind } from '../common/fileKinds';
import { DEFAULT_MAX_FILE_SIZE, type AnalysisOptions, type FileAnalysis } from '../analysis/model';
import { readTextFile, readTextFileSync, type ReadResult } from '../io/readFile';

/**
 * What analysing one file gives: its analysis (null: not a kind we handle), the bytes read and the
 * number of references (the analysis keeps the references themselves only when they are asked for).
 */
export interface FileOutcome { analysis: FileAnalysis | null; bytes: number; references: number }

function outcomeOf(read: ReadResult, file: string, relPath: string, catalog: CatalogIndex, options: AnalysisOptions, keepReferences: boolean): FileOutcome {
  if (read.text === null) {
    return { analysis: { path: relPath, kind: detectKind(file, '') ?? 'kubernetes', references: [], findings: [], errors: [read.error!] }, bytes: 0, references: 0 };
  }
  let a: FileAnalysis | null;
  try { a = analyze({ path: relPath, text: read.text }, catalog, options); } catch (err) {
    a = { path: relPath, kind: detectKind(file, read.text) ?? 'kubernetes', references: [], findings: [], errors: [`analysis failed: ${(err as Error).message}`] };
  }
  if (a && read.warning) a.errors.push(read.warning);
  const references = a?.references.length ?? 0;
  if (a && !keepReferences) a.references = [];
  return { analysis: a, bytes: read.text.length, references };
}

/** Reads and analyses one file; never throws. */
export async function analyseFile(file: string, relPath: string, catalog: CatalogIndex, options: AnalysisOptions, keepReferences = true): Promise<FileOutcome> {
  return outcomeOf(await readTextFile(file, options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE), file, relPath, catalog, options, keepReferences);
}

const ROLE = 'container-atlas-scan-worker';
/** Files handed to a worker per message, and batches a worker holds at once (one working, one waiting). */
const BATCH = 32;
const BATCHES_IN_FLIGHT = 2;

interface Task { i: number; file: string; rel: string }

export interface PoolOptions {
  /** Keep each file's references (the JSON report lists them); otherwise only their number comes back. */
  keepReferences?: boolean;
  onDone?: (n: number, file: string) => void;
}

/**
 * Analyses files on every core: worker threads (running this same bundle) each read and analyse
 * batches of files, blocking on their own reads, while the main thread keeps them fed. Results come
 * back in the order of the input. Falls back to the main thread for small scans.
 */
export async function analyseAll(files: { file: string; rel: string }[], catalog: CatalogIndex, options: AnalysisOptions, pool: PoolOptions = {}): Promise<FileOutcome[]> {
  const keepReferences = pool.keepReferences ?? true;
  const onDone = pool.onDone;
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
        out[i] = await analyseFile(files[i].file, files[i].rel, catalog, options, keepReferences);
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
      const worker = new Worker(__filename, { workerData: { role: ROLE, catalog: catalog.data, options, keepReferences } });
      const inFlight = new Set<number>();
      let batches = 0;
      const feed = () => {
        while (batches < BATCHES_IN_FLIGHT && next < files.length) {
          const tasks: Task[] = [];
          for (; tasks.length < BATCH && next < files.length; next++) {
            tasks.push({ i: next, file: files[next].file, rel: files[next].rel });
            inFlight.add(next);
          }
          batches++;
          worker.postMessage(tasks);
        }
        if (!inFlight.size) void worker.terminate();
      };
      worker.on('message', (results: { i: number; outcome: FileOutcome }[]) => {
        batches--;
        for (const r of results) {
          out[r.i] = r.outcome;
          inFlight.delete(r.i);
          onDone?.(++done, files[r.i].file);
        }
        feed();
      });
      worker.on('error', reject);
      worker.on('exit', () => {
        // Anything a dying worker had not finished is analysed here.
        const left = [...inFlight];
        inFlight.clear();
        void Promise.all(left.map(async (i) => { out[i] = await analyseFile(files[i].file, files[i].rel, catalog, options, keepReferences); })).then(() => { if (--live === 0) resolve(); });
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
  const { catalog: data, options, keepReferences } = workerData as { catalog: CatalogData; options: AnalysisOptions; keepReferences: boolean };
  const catalog = new CatalogIndex(data);
  const max = options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  parentPort!.on('message', (tasks: Task[]) => {
    parentPort!.postMessage(tasks.map((t) => ({ i: t.i, outcome: outcomeOf(readTextFileSync(t.file, max), t.file, t.rel, catalog, options, keepReferences) })));
  });
}
