import { createHash } from 'node:crypto';
import type { FileAnalysis, Finding, RuleId, Severity } from './model';
import { isRuleId } from '../common/rules';
import { SEVERITIES } from '../common/model';

/**
 * Baselines: today's findings recorded in a file, so that only new ones fail a build
 * (`container-atlas scan --write-baseline FILE` / `--baseline FILE`) and the editor can show the
 * recorded ones at a lower severity (`containerAtlas.baseline.file`).
 *
 * A finding's fingerprint is the rule, the file's path relative to the folder scanned from (the
 * repository root in CI, the workspace folder in the editor), the normalised text of the reference
 * the finding is about (for a finding on no reference: its entry, or its message with digits
 * dropped), and an occurrence index among the findings of that file with the same three — never a
 * line number, so an edit elsewhere in the file does not make a finding new.
 */

/** The version of the baseline file format; a file of another version is refused with a message. */
export const BASELINE_VERSION = 1;

export interface BaselineFinding { fingerprint: string; rule: RuleId; path: string; token: string; severity: Severity; message: string }
export interface Baseline { version: number; tool: 'container-atlas'; findings: BaselineFinding[] }

/** What each finding is against a baseline (SARIF's baselineState). */
export type BaselineState = 'new' | 'unchanged';

const normalise = (s: string) => s.trim().replace(/^["']|["']$/g, '').replace(/\s+/g, ' ');

/** The token a finding's fingerprint uses: what it is about, not where it is. */
function tokenOf(a: FileAnalysis, f: Finding): string {
  const at = a.references.find((r) => r.range.start.line === f.range.start.line && r.range.start.character === f.range.start.character);
  if (at) return normalise(at.text);
  return f.entry ?? normalise(f.message.replace(/\d+/g, '#'));
}

/** The fingerprints of a file's findings, in the order of `a.findings`. `path`: the file relative to the folder scanned from, with `/`. */
export function fingerprints(path: string, a: FileAnalysis): { fingerprint: string; token: string }[] {
  const seen = new Map<string, number>();
  // Occurrences are counted in the order of the file, whatever order the findings come in.
  const order = a.findings.map((f, i) => ({ f, i })).sort((x, y) => x.f.range.start.line - y.f.range.start.line || x.f.range.start.character - y.f.range.start.character || x.i - y.i);
  const out: { fingerprint: string; token: string }[] = new Array(a.findings.length);
  for (const { f, i } of order) {
    const token = tokenOf(a, f);
    const key = `${f.rule}\n${path}\n${token}`;
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    out[i] = { fingerprint: createHash('sha256').update(`${key}\n${n}`).digest('hex').slice(0, 32), token };
  }
  return out;
}

/** The baseline of a set of analysed files (each with its path relative to the folder scanned from). */
export function makeBaseline(files: Iterable<[string, FileAnalysis]>): Baseline {
  const findings: BaselineFinding[] = [];
  for (const [path, a] of files) {
    fingerprints(path, a).forEach(({ fingerprint, token }, i) => {
      const f = a.findings[i];
      findings.push({ fingerprint, rule: f.rule, path, token, severity: f.severity, message: f.message });
    });
  }
  findings.sort((x, y) => (x.path < y.path ? -1 : x.path > y.path ? 1 : x.fingerprint < y.fingerprint ? -1 : 1));
  return { version: BASELINE_VERSION, tool: 'container-atlas', findings };
}

/**
 * Reads a baseline file's text. A problem is an Error whose message says what is wrong and what to
 * do (`where` names the file).
 */
export function parseBaseline(text: string, where: string): Baseline {
  const fail = (why: string): never => { throw new Error(`${where}: ${why}. Write a new one with 'container-atlas scan --write-baseline ${where}'.`); };
  let raw: unknown;
  try { raw = JSON.parse(text); } catch (err) { return fail(`not a baseline file (not JSON: ${(err as Error).message})`); }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return fail('not a baseline file (expected a JSON object with "version" and "findings")');
  const r = raw as Record<string, unknown>;
  if (r.version !== BASELINE_VERSION) return fail(`baseline version ${JSON.stringify(r.version)} is not supported (this version of Container Atlas reads version ${BASELINE_VERSION})`);
  if (!Array.isArray(r.findings)) return fail('"findings" is missing or not a list');
  const findings = r.findings.map((f, i): BaselineFinding => {
    const x = (f ?? {}) as Record<string, unknown>;
    if (typeof x.fingerprint !== 'string' || !x.fingerprint) return fail(`findings[${i}] has no "fingerprint"`);
    if (typeof x.path !== 'string') return fail(`findings[${i}] has no "path"`);
    if (typeof x.rule !== 'string' || !isRuleId(x.rule)) return fail(`findings[${i}] has an unknown "rule" ${JSON.stringify(x.rule)}`);
    const severity = SEVERITIES.includes(x.severity as Severity) ? (x.severity as Severity) : 'warning';
    return { fingerprint: x.fingerprint, rule: x.rule, path: x.path, token: typeof x.token === 'string' ? x.token : '', severity, message: typeof x.message === 'string' ? x.message : '' };
  });
  return { version: BASELINE_VERSION, tool: 'container-atlas', findings };
}

export function serialiseBaseline(b: Baseline): string {
  return JSON.stringify(b, null, 2) + '\n';
}

/**
 * Compares findings with a baseline: each finding is `unchanged` (its fingerprint is recorded) or
 * `new`; `absent` are the recorded findings no longer found. A fingerprint recorded once matches one
 * finding.
 */
export function compareWithBaseline(baseline: Baseline, current: { fingerprint: string }[]): { states: BaselineState[]; absent: BaselineFinding[] } {
  const left = new Map<string, BaselineFinding[]>();
  for (const f of baseline.findings) left.set(f.fingerprint, [...(left.get(f.fingerprint) ?? []), f]);
  const states = current.map(({ fingerprint }) => {
    const l = left.get(fingerprint);
    if (!l?.length) return 'new' as const;
    l.shift();
    return 'unchanged' as const;
  });
  return { states, absent: [...left.values()].flat() };
}
