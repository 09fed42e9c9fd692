import type { RuleId, Severity } from '../analysis/model';
import { RULES, today, type AnalysisOptions } from '../analysis/model';
import { DEFAULT_MAX_DIAGNOSTICS } from '../features/diagnostics';

/** The containerAtlas.* settings the server reads (package.json declares them for the UI). */
export interface Settings {
  asOf: string;
  kubernetesVersion: string;
  rules: Partial<Record<RuleId, Severity | 'off'>>;
  maxFileSize: number;
  maxDiagnosticsPerFile: number;
  workspaceScan: { enabled: boolean; include: string[]; exclude: string[] };
  catalogs: string[];
}

export const DEFAULT_SETTINGS: Settings = {
  asOf: '',
  kubernetesVersion: '',
  rules: {},
  maxFileSize: 20,
  maxDiagnosticsPerFile: DEFAULT_MAX_DIAGNOSTICS,
  workspaceScan: { enabled: true, include: [], exclude: [] },
  catalogs: [],
};

/** Validates raw settings; every value that is not usable is reported (what, where, what to do) and replaced by its default. */
export function readSettings(raw: unknown): { settings: Settings; problems: string[] } {
  const problems: string[] = [];
  const r = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const s: Settings = structuredClone(DEFAULT_SETTINGS);
  if (typeof r.asOf === 'string' && r.asOf) {
    if (/^\d{4}-\d{2}-\d{2}$/.test(r.asOf) && !Number.isNaN(Date.parse(r.asOf))) s.asOf = r.asOf;
    else problems.push(`containerAtlas.asOf: '${r.asOf}' is not a date YYYY-MM-DD; using today's date. Fix or clear the setting.`);
  }
  if (typeof r.kubernetesVersion === 'string' && r.kubernetesVersion) {
    if (/^1\.\d+$/.test(r.kubernetesVersion)) s.kubernetesVersion = r.kubernetesVersion;
    else problems.push(`containerAtlas.kubernetesVersion: '${r.kubernetesVersion}' is not a version like 1.30; using the newest version in the catalog.`);
  }
  if (r.rules && typeof r.rules === 'object') {
    for (const [rule, sev] of Object.entries(r.rules as Record<string, unknown>)) {
      if (!(rule in RULES)) { problems.push(`containerAtlas.rules: unknown rule '${rule}'; known rules: ${Object.keys(RULES).join(', ')}.`); continue; }
      if (!['error', 'warning', 'information', 'hint', 'off'].includes(String(sev))) { problems.push(`containerAtlas.rules.${rule}: '${String(sev)}' is not one of error, warning, information, hint, off.`); continue; }
      s.rules[rule as RuleId] = sev as Severity | 'off';
    }
  }
  if (r.maxFileSize !== undefined) {
    const n = Number(r.maxFileSize);
    if (n > 0) s.maxFileSize = n;
    else problems.push(`containerAtlas.maxFileSize: '${String(r.maxFileSize)}' is not a positive number of megabytes; using 20.`);
  }
  if (r.maxDiagnosticsPerFile !== undefined) {
    const n = Number(r.maxDiagnosticsPerFile);
    if (Number.isInteger(n) && n >= 1) s.maxDiagnosticsPerFile = n;
    else problems.push(`containerAtlas.maxDiagnosticsPerFile: '${String(r.maxDiagnosticsPerFile)}' is not a whole number of at least 1; using ${DEFAULT_MAX_DIAGNOSTICS}.`);
  }
  const ws = r.workspaceScan as Record<string, unknown> | undefined;
  if (ws && typeof ws === 'object') {
    if (typeof ws.enabled === 'boolean') s.workspaceScan.enabled = ws.enabled;
    if (Array.isArray(ws.include)) s.workspaceScan.include = ws.include.filter((g): g is string => typeof g === 'string');
    if (Array.isArray(ws.exclude)) s.workspaceScan.exclude = ws.exclude.filter((g): g is string => typeof g === 'string');
  }
  if (Array.isArray(r.catalogs)) s.catalogs = r.catalogs.filter((g): g is string => typeof g === 'string');
  return { settings: s, problems };
}

export function analysisOptions(s: Settings): AnalysisOptions {
  return {
    asOf: s.asOf || today(),
    kubernetesVersion: s.kubernetesVersion || undefined,
    severities: s.rules,
    maxFileSize: Math.round(s.maxFileSize * 1024 * 1024),
  };
}
