import type { CatalogIndex } from '../catalog/catalogIndex';
import { RULES, type Finding, type RuleId } from '../analysis/model';
import { DOCS_URL, ruleDocsUrl } from '../common/rules';
import type { ScanResult } from './scan';

export interface ReportMeta { asOf: string; kubernetesVersion: string; version: string }

/** How many findings a baseline matched, how many are new, and how many of its findings are gone. */
export function baselineCounts(result: ScanResult): { file: string; unchanged: number; new: number; absent: number } | undefined {
  const b = result.baseline;
  if (!b) return undefined;
  const states = b.states.flat();
  return { file: b.file, unchanged: states.filter((s) => s === 'unchanged').length, new: states.filter((s) => s === 'new').length, absent: b.absent.length };
}

export function toJson(result: ScanResult, meta: ReportMeta, unknown = false): string {
  const files = result.files.map((f, i) => ({
    path: f.path, kind: f.kind, references: f.references.map(({ key: _k, ...r }) => r),
    findings: f.findings.map((x, j) => ({ ...x, ...(result.fingerprints ? { fingerprint: result.fingerprints[i][j] } : {}), ...(result.baseline ? { baselineState: result.baseline.states[i][j] } : {}) })),
    errors: f.errors,
  }));
  const baseline = baselineCounts(result);
  const summary = { scanned: result.scanned, analysed: result.analysed, skipped: result.skipped, other: result.other, unknownImageReferences: result.unknownImages.reduce((a, u) => a + u.count, 0), ...(baseline ? { baseline } : {}) };
  return JSON.stringify({ version: 1, asOf: meta.asOf, kubernetesVersion: meta.kubernetesVersion, files, unreadable: result.unreadable, summary, ...(result.baseline ? { absent: result.baseline.absent } : {}), ...(unknown ? { unknownImages: result.unknownImages } : {}) }, null, 2);
}

const COLORS = { error: '\x1b[31m', warning: '\x1b[33m', information: '\x1b[36m', hint: '\x1b[90m', dim: '\x1b[2m', bold: '\x1b[1m', reset: '\x1b[0m' };

export function toText(result: ScanResult, color: boolean): string {
  const c = (k: keyof typeof COLORS, s: string) => (color ? `${COLORS[k]}${s}${COLORS.reset}` : s);
  const out: string[] = [];
  const counts = { error: 0, warning: 0, information: 0, hint: 0 };
  const refs = result.references;
  result.files.forEach((f, i) => {
    if (!f.findings.length && !f.errors.length) return;
    out.push(c('bold', f.path));
    f.findings.forEach((x, j) => {
      counts[x.severity]++;
      const fix = x.replacements?.find((r) => r.edits?.length);
      const baselined = result.baseline?.states[i][j] === 'unchanged';
      out.push(`  ${x.range.start.line + 1}:${x.range.start.character + 1}  ${c(x.severity, x.severity.padEnd(11))} ${x.message}  ${c('dim', x.rule)}${fix ? c('dim', ` (fixable: ${fix.text})`) : ''}${baselined ? c('dim', ' (baselined)') : ''}`);
    });
    for (const e of f.errors) out.push(`  ${c('dim', 'note')}         ${e}`);
    out.push('');
  });
  for (const u of result.unreadable) out.push(`${u.path}: ${u.error}`);
  const total = counts.error + counts.warning + counts.information + counts.hint;
  const skipped = Object.values(result.skipped).reduce((a, b) => a + b, 0);
  const why = Object.entries(result.skipped).map(([k, n]) => `${n} ${k}`).join(', ');
  out.push(`${result.scanned} file${result.scanned === 1 ? '' : 's'} scanned (${result.analysed} analysed, ${skipped} skipped${skipped ? `: ${why}` : ''}${result.other ? `, ${result.other} other YAML/JSON` : ''}), ${refs} reference${refs === 1 ? '' : 's'}, ${total} finding${total === 1 ? '' : 's'} (${counts.error} error${counts.error === 1 ? '' : 's'}, ${counts.warning} warning${counts.warning === 1 ? '' : 's'}, ${counts.information + counts.hint} info)`);
  const b = baselineCounts(result);
  if (b) out.push(`baseline ${b.file}: ${b.unchanged} finding${b.unchanged === 1 ? '' : 's'} baselined (not counted by --fail-on), ${b.new} new${b.absent ? `, ${b.absent} recorded finding${b.absent === 1 ? '' : 's'} no longer found` : ''}`);
  const unknown = result.unknownImages.reduce((a, u) => a + u.count, 0);
  if (unknown) out.push(`${unknown} image reference${unknown === 1 ? '' : 's'} to ${result.unknownImages.length} repositor${result.unknownImages.length === 1 ? 'y' : 'ies'} the catalog does not know (scan --unknown lists them)`);
  return out.join('\n');
}

/** `scan --unknown`: the image repositories the catalog does not know, most referenced first, with their files. */
export function unknownText(result: ScanResult): string {
  const out = result.unknownImages.map((u) => `${String(u.count).padStart(5)}  ${u.repository}  ${u.files.slice(0, 5).join(', ')}${u.files.length > 5 ? `, … (${u.files.length} files)` : ''}`);
  const total = result.unknownImages.reduce((a, u) => a + u.count, 0);
  out.push(`${total} image reference${total === 1 ? '' : 's'} to ${result.unknownImages.length} repositor${result.unknownImages.length === 1 ? 'y' : 'ies'} the catalog does not know`);
  return out.join('\n');
}

const SARIF_LEVEL = { error: 'error', warning: 'warning', information: 'note', hint: 'note' } as const;

/** SARIF 2.1.0 for code-scanning viewers: one rule per rule id, results with relative locations and fixes. */
export function toSarif(result: ScanResult, catalog: CatalogIndex, meta: ReportMeta): string {
  const ruleIds = Object.keys(RULES) as RuleId[];
  const loc = (path: string, f: Finding['range']) => ({
    physicalLocation: {
      artifactLocation: { uri: encodeURI(path), uriBaseId: 'SRCROOT' },
      region: { startLine: f.start.line + 1, startColumn: f.start.character + 1, endLine: f.end.line + 1, endColumn: f.end.character + 1 },
    },
  });
  const results: Record<string, unknown>[] = [];
  /** SARIF's partialFingerprints key: analysis/baseline.ts's fingerprint, version 1. */
  const FP = 'containerAtlas/v1';
  result.files.forEach((file, i) => {
    file.findings.forEach((x, j) => {
      const fixes = (x.replacements ?? []).filter((r) => r.edits?.length).map((r) => ({
        description: { text: `Replace with ${r.text}` },
        artifactChanges: [{ artifactLocation: { uri: encodeURI(file.path), uriBaseId: 'SRCROOT' }, replacements: r.edits!.map((e) => ({ deletedRegion: { startLine: e.range.start.line + 1, startColumn: e.range.start.character + 1, endLine: e.range.end.line + 1, endColumn: e.range.end.character + 1 }, insertedContent: { text: e.newText } })) }],
      }));
      const entry = x.entry ? catalog.entry(x.entry) : undefined;
      results.push({
        ruleId: x.rule,
        ruleIndex: ruleIds.indexOf(x.rule),
        level: SARIF_LEVEL[x.severity],
        message: { text: x.message },
        locations: [loc(file.path, x.range)],
        ...(result.fingerprints ? { partialFingerprints: { [FP]: result.fingerprints[i][j] } } : {}),
        ...(result.baseline ? { baselineState: result.baseline.states[i][j] } : {}),
        ...(fixes.length ? { fixes } : {}),
        ...(entry || x.sources?.length ? { properties: { ...(entry ? { entry: entry.id, entryName: entry.name } : {}), ...(x.sources?.length ? { sources: x.sources } : {}) } } : {}),
      });
    });
  });
  // Recorded findings no longer found: results in state `absent`, at their file (no line: they are gone).
  for (const x of result.baseline?.absent ?? []) {
    results.push({
      ruleId: x.rule,
      ruleIndex: ruleIds.indexOf(x.rule),
      level: SARIF_LEVEL[x.severity],
      message: { text: x.message || `${x.rule}: ${x.token}` },
      locations: [{ physicalLocation: { artifactLocation: { uri: encodeURI(x.path), uriBaseId: 'SRCROOT' } } }],
      partialFingerprints: { [FP]: x.fingerprint },
      baselineState: 'absent',
    });
  }
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: 'Container Atlas',
          informationUri: DOCS_URL,
          version: meta.version,
          rules: ruleIds.map((id) => ({
            id,
            name: RULES[id].title.replace(/[^A-Za-z0-9]+(.)?/g, (_m, ch: string | undefined) => (ch ? ch.toUpperCase() : '')),
            shortDescription: { text: RULES[id].title },
            fullDescription: { text: RULES[id].help },
            help: { text: RULES[id].help, markdown: `${RULES[id].help}\n\nSee [the rule's documentation](${ruleDocsUrl(id)}).` },
            helpUri: ruleDocsUrl(id),
            defaultConfiguration: { level: SARIF_LEVEL[RULES[id].severity] },
          })),
        },
      },
      originalUriBaseIds: { SRCROOT: { uri: 'file:///' + process.cwd().replace(/\\/g, '/').replace(/^\//, '') + '/' } },
      invocations: [{ executionSuccessful: true, properties: { asOf: meta.asOf, kubernetesVersion: meta.kubernetesVersion } }],
      results,
    }],
  };
  return JSON.stringify(sarif, null, 2);
}
