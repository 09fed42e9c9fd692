import { RULE_IDS, isRuleId, type RuleId } from '../common/rules';
import { SEVERITIES, type Severity } from '../common/model';
import { DEFAULT_EOL_WARNING_DAYS, today, type AnalysisOptions } from '../analysis/model';
import { DEFAULT_MAX_DIAGNOSTICS } from '../features/diagnostics';

/**
 * The settings of the language service, and their one validator. The editor's
 * `containerAtlas.*` settings and the CLI's flags are both read through readSettings, so a value is
 * accepted or refused the same way in both; only the name a message uses differs.
 */
export interface Settings {
  asOf: string;
  kubernetesVersion: string;
  rules: Partial<Record<RuleId, Severity | 'off'>>;
  /** Megabytes. */
  maxFileSize: number;
  /** Days before a release's end of life that eol-image-soon reports it (0: never). */
  eolWarningDays: number;
  maxDiagnosticsPerFile: number;
  workspaceScan: { enabled: boolean; include: string[]; exclude: string[] };
  catalogs: string[];
  /** A baseline file (scan --write-baseline; relative to the workspace folder) and the severity its findings are shown at. */
  baseline: { file: string; severity: Severity };
}

export const DEFAULT_MAX_FILE_SIZE_MB = 20;

export const DEFAULT_SETTINGS: Settings = {
  asOf: '',
  kubernetesVersion: '',
  rules: {},
  maxFileSize: DEFAULT_MAX_FILE_SIZE_MB,
  eolWarningDays: DEFAULT_EOL_WARNING_DAYS,
  maxDiagnosticsPerFile: DEFAULT_MAX_DIAGNOSTICS,
  workspaceScan: { enabled: true, include: [], exclude: [] },
  catalogs: [],
  baseline: { file: '', severity: 'hint' },
};

/** What a problem message calls each setting: the editor's setting names, or the CLI's flags. */
export type SettingNames = Record<'asOf' | 'kubernetesVersion' | 'rules' | 'maxFileSize' | 'maxDiagnosticsPerFile' | 'eolWarningDays' | 'baseline', string> & {
  /** The CLI stops on a bad value (a usage error); the editor falls back to the default and says so. */
  strict?: boolean;
};
export const EDITOR_NAMES: SettingNames = {
  asOf: 'containerAtlas.asOf', kubernetesVersion: 'containerAtlas.kubernetesVersion', rules: 'containerAtlas.rules',
  maxFileSize: 'containerAtlas.maxFileSize', maxDiagnosticsPerFile: 'containerAtlas.maxDiagnosticsPerFile', eolWarningDays: 'containerAtlas.eolWarningDays',
  baseline: 'containerAtlas.baseline',
};
export const CLI_NAMES: SettingNames = { asOf: '--as-of', kubernetesVersion: '--k8s-version', rules: '--rule', maxFileSize: '--max-file-size', maxDiagnosticsPerFile: '--max-diagnostics', eolWarningDays: '--eol-warning-days', baseline: '--baseline', strict: true };

export const isDate = (s: string): boolean => /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(s));
export const isKubernetesVersion = (s: string): boolean => /^1\.\d+$/.test(s);

/**
 * Validates raw settings; every value that is not usable is reported (what, where, what to do) and
 * replaced by its default.
 */
export function readSettings(raw: unknown, names: SettingNames = EDITOR_NAMES): { settings: Settings; problems: string[] } {
  const problems: string[] = [];
  const say = (what: string, fallback: string) => problems.push(names.strict ? `${what}.` : `${what}; ${fallback}.`);
  const r = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const s: Settings = structuredClone(DEFAULT_SETTINGS);
  if (typeof r.asOf === 'string' && r.asOf) {
    if (isDate(r.asOf)) s.asOf = r.asOf;
    else say(`${names.asOf}: '${r.asOf}' is not a date YYYY-MM-DD`, "using today's date until it is fixed or cleared");
  }
  if (typeof r.kubernetesVersion === 'string' && r.kubernetesVersion) {
    if (isKubernetesVersion(r.kubernetesVersion)) s.kubernetesVersion = r.kubernetesVersion;
    else say(`${names.kubernetesVersion}: '${r.kubernetesVersion}' is not a version like 1.30`, 'using the newest version in the catalog');
  }
  if (r.rules && typeof r.rules === 'object') {
    for (const [rule, sev] of Object.entries(r.rules as Record<string, unknown>)) {
      if (!isRuleId(rule)) { say(`${names.rules}: unknown rule '${rule}' (known rules: ${RULE_IDS.join(', ')})`, 'it is ignored'); continue; }
      if (![...SEVERITIES, 'off'].includes(String(sev))) { say(`${names.rules}.${rule}: '${String(sev)}' is not one of ${SEVERITIES.join(', ')}, off`, 'the rule keeps its default severity'); continue; }
      s.rules[rule] = sev as Severity | 'off';
    }
  }
  if (r.maxFileSize !== undefined) {
    const n = Number(r.maxFileSize);
    if (n > 0) s.maxFileSize = n;
    else say(`${names.maxFileSize}: '${String(r.maxFileSize)}' is not a positive number of megabytes`, `using ${DEFAULT_MAX_FILE_SIZE_MB}`);
  }
  if (r.maxDiagnosticsPerFile !== undefined) {
    const n = Number(r.maxDiagnosticsPerFile);
    if (Number.isInteger(n) && n >= 1) s.maxDiagnosticsPerFile = n;
    else say(`${names.maxDiagnosticsPerFile}: '${String(r.maxDiagnosticsPerFile)}' is not a whole number of at least 1`, `using ${DEFAULT_MAX_DIAGNOSTICS}`);
  }
  if (r.eolWarningDays !== undefined) {
    const n = Number(r.eolWarningDays);
    if (Number.isInteger(n) && n >= 0) s.eolWarningDays = n;
    else say(`${names.eolWarningDays}: '${String(r.eolWarningDays)}' is not a whole number of days (0 or more)`, `using ${DEFAULT_EOL_WARNING_DAYS}`);
  }
  const ws = r.workspaceScan as Record<string, unknown> | undefined;
  if (ws && typeof ws === 'object') {
    if (typeof ws.enabled === 'boolean') s.workspaceScan.enabled = ws.enabled;
    if (Array.isArray(ws.include)) s.workspaceScan.include = ws.include.filter((g): g is string => typeof g === 'string');
    if (Array.isArray(ws.exclude)) s.workspaceScan.exclude = ws.exclude.filter((g): g is string => typeof g === 'string');
  }
  const b = r.baseline as Record<string, unknown> | undefined;
  if (b && typeof b === 'object') {
    if (b.file !== undefined && typeof b.file !== 'string') say(`${names.baseline}.file: '${String(b.file)}' is not a path`, 'no baseline is used');
    else if (b.file) s.baseline.file = b.file;
    if (b.severity !== undefined && b.severity !== '') {
      if (SEVERITIES.includes(b.severity as Severity)) s.baseline.severity = b.severity as Severity;
      else say(`${names.baseline}.severity: '${String(b.severity)}' is not one of ${SEVERITIES.join(', ')}`, `baselined findings are shown as ${DEFAULT_SETTINGS.baseline.severity}`);
    }
  }
  if (Array.isArray(r.catalogs)) s.catalogs = r.catalogs.filter((g): g is string => typeof g === 'string');
  return { settings: s, problems };
}

/** The analysis options the settings give (the date defaults to today). */
export function analysisOptions(s: Settings): AnalysisOptions {
  return {
    asOf: s.asOf || today(),
    kubernetesVersion: s.kubernetesVersion || undefined,
    severities: s.rules,
    maxFileSize: Math.round(s.maxFileSize * 1024 * 1024),
    eolWarningDays: s.eolWarningDays,
  };
}
