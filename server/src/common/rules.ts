import type { Severity } from './model';

/**
 * The rule registry: every finding's rule id with its default severity, title, help text and what a
 * quick fix can do. The README's rules table, package.json's `containerAtlas.rules` schema and every
 * diagnostic's documentation link are checked against this one list (test/unit/registries.test.ts).
 *
 * fixable: `always` every finding has a mechanical rewrite; `sometimes` some do (when the catalog
 * knows the replacement); `never` none. The README's rules table says which.
 */
export const RULES = {
  'deprecated-technology': { severity: 'warning', fixable: 'never', title: 'Deprecated technology', help: 'The file uses a technology whose catalog status is not active (deprecated, archived, discontinued, end of life…). Move to the successor the catalog names.' },
  'deprecated-image': { severity: 'warning', fixable: 'sometimes', fixTitle: 'Replace with {}', title: 'Deprecated or moved image', help: 'The image repository or registry is deprecated, frozen, renamed or moved. Use the replacement reference the catalog gives.' },
  'eol-image': { severity: 'warning', fixable: 'sometimes', fixTitle: 'Upgrade to {}', title: 'End-of-life image tag', help: 'The image tag belongs to a release cycle (or is built on an OS release) that is past its end-of-life date and gets no more security fixes. Move to a supported release of the same image family.' },
  'eol-image-soon': { severity: 'information', fixable: 'sometimes', fixTitle: 'Upgrade to {}', title: 'Image tag nearing end of life', help: 'The image tag belongs to a release cycle (or OS release) whose end of life is within containerAtlas.eolWarningDays (CLI: --eol-warning-days; default 90). Plan the upgrade.' },
  'removed-api': { severity: 'error', fixable: 'sometimes', fixTitle: 'Change apiVersion to {}', title: 'Removed Kubernetes API', help: 'The apiVersion/kind was removed from Kubernetes at or before the target version: the API server rejects it. Use the replacement apiVersion.' },
  'deprecated-api': { severity: 'warning', fixable: 'sometimes', fixTitle: 'Change apiVersion to {}', title: 'Deprecated Kubernetes API', help: 'The apiVersion/kind is deprecated at the target Kubernetes version and will be removed. Use the replacement apiVersion.' },
  'deprecated-syntax': { severity: 'warning', fixable: 'sometimes', title: 'Deprecated syntax', help: 'The file uses syntax that its format has deprecated (Dockerfile MAINTAINER, Compose version, links, external_links, volume_driver). Use the modern form.' },
  'unapproved-registry': { severity: 'warning', fixable: 'never', title: 'Image from an unapproved registry', help: 'Your organisation catalog lists the registries images may come from; this image comes from another one.' },
  'analysis-skipped': { severity: 'information', fixable: 'never', title: 'File not fully analysed', help: 'The file is too large, binary, or could not be parsed in part; Container Atlas analysed what it could.' },
} as const satisfies Record<string, RuleSpec>;

interface RuleSpec {
  severity: Severity;
  fixable: 'always' | 'sometimes' | 'never';
  /** The quick fix's title, `{}` standing for the replacement (a replacement may bring its own). */
  fixTitle?: string;
  title: string;
  help: string;
}

/** The title of the quick fix that applies a replacement of a finding of this rule. */
export function fixTitle(rule: RuleId, replacement: { text: string; title?: string }): string {
  const spec: RuleSpec = RULES[rule];
  return replacement.title ?? (spec.fixTitle ?? 'Replace with {}').replace('{}', replacement.text);
}

export type RuleId = keyof typeof RULES;
export const RULE_IDS = Object.keys(RULES) as RuleId[];

export function isRuleId(id: string): id is RuleId {
  return Object.prototype.hasOwnProperty.call(RULES, id);
}

/** Where the project's documentation lives: the README on the forge. */
export const DOCS_URL = 'https://github.com/container-atlas/container-atlas';

/** The README anchor of a rule (`<a id="rule-…">` in its rules table). */
export function ruleAnchor(id: RuleId): string {
  return `rule-${id}`;
}

/** The documentation link of a rule, as diagnostics carry it (codeDescription.href). */
export function ruleDocsUrl(id: RuleId): string {
  return `${DOCS_URL}#${ruleAnchor(id)}`;
}
