/** Shapes of the compiled catalog (scripts/catalog.mjs writes them; catalog/schema.json defines them). */

export type StatusValue = 'active' | 'deprecated' | 'archived' | 'discontinued' | 'end-of-life' | 'renamed' | 'merged' | 'inactive';

export interface Status {
  value: StatusValue;
  since?: string;
  note?: string;
  sources?: string[];
}

export interface EntryLink {
  id: string;
  reason?: string;
}

export interface Entry {
  id: string;
  name: string;
  aliases?: string[];
  kind: string;
  layer: string;
  category: string;
  also?: string[];
  summary: string;
  vendor?: string;
  maintainer?: string;
  license?: string;
  spdx?: string;
  homepage?: string;
  repository?: string;
  status: Status;
  successors?: EntryLink[];
  alternatives?: string[];
  parent?: string;
  partOf?: string;
  images?: string[];
  commands?: string[];
  packages?: string[];
  downloads?: string[];
  apiGroups?: string[];
  composeKeys?: { key: string; value: string }[];
  k8sFields?: { field: string; value: string }[];
  mentionedIn?: string[];
  /** The CNCF project this entry is, by its landscape name. */
  cncf?: string;
  /** CNCF maturity of that project (from the landscape), set by the catalog compiler. */
  maturity?: 'graduated' | 'incubating' | 'sandbox' | 'archived';
  /** Set for entries that come from an organisation catalog. */
  origin?: string;
}

export interface TagRule {
  match: string;
  to: string;
}

export interface ImageReplacement {
  repository: string;
  entry?: string;
  reason?: string;
  tags?: 'keep' | TagRule[];
  keepDigest?: boolean;
}

export interface ImageFact {
  match: string;
  entry?: string;
  status: 'deprecated' | 'moved' | 'renamed' | 'frozen' | 'end-of-life' | 'removed';
  since?: string;
  summary: string;
  sources?: string[];
  replacements?: ImageReplacement[];
  origin?: string;
}

export interface KubernetesApi {
  apiVersion: string;
  kinds: string[];
  deprecatedIn?: string;
  removedIn?: string;
  replacement?: string;
  replacementAvailableIn?: string;
  /** Custom resources of an add-on: versions are the add-on's releases (top-level deprecatedIn/removedIn stay unset). */
  addon?: { name: string; entry?: string; deprecatedIn?: string; removedIn?: string; replacementAvailableIn?: string };
  note?: string;
  sources: string[];
}

/** A Kubernetes minor release (catalog/kubernetes-apis.yaml, kubernetesReleases). */
export interface KubernetesRelease {
  version: string;
  date: string;
  sources: string[];
}

export interface EolCycle {
  cycle: string;
  codename?: string;
  eol: string | false;
}

export interface EolProduct {
  id: string;
  name: string;
  entry?: string;
  images: string[];
  tagPattern?: string;
  tagAliases?: Record<string, string>;
  cycles: EolCycle[];
  sources: string[];
}

export interface Category {
  id: string;
  name: string;
  summary?: string;
}

export interface Layer {
  id: string;
  name: string;
  summary?: string;
  categories: Category[];
}

export interface CatalogSettings {
  allowedRegistries?: string[];
  severities?: Record<string, 'error' | 'warning' | 'information' | 'hint' | 'off'>;
}

export interface CatalogData {
  version: 1;
  layers: Layer[];
  entries: Entry[];
  images: ImageFact[];
  kubernetesApis: KubernetesApi[];
  kubernetesReleases?: KubernetesRelease[];
  eolProducts: EolProduct[];
  settings?: CatalogSettings;
}
