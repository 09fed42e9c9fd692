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
  /** GitHub Actions (owner/repo or owner/repo/path, lower case) that install or run it. */
  actions?: string[];
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
  /** The job it does (catalog/roles.yaml): peers in Suggest Alternative share it. */
  role?: string;
}

/** A role of catalog/roles.yaml, as compiled (its entries carry `role`). */
export interface Role {
  id: string;
  name: string;
  /** What a major-version upgrade of such software involves. */
  majorUpgrade?: string;
  /** false: entries of this role are no alternatives to each other. */
  peers?: boolean;
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
  /** Long-term support release: true, or the date it became LTS. */
  lts?: boolean | string;
  /** Newest version of the cycle (endoflife.date `latest`). */
  latest?: string;
  /** End of extended (often paid) support, when it is later than eol. */
  extendedSupport?: string;
  /** The source says the cycle ended without a date: eol is the date of its last release. */
  eolUndated?: boolean;
  /** Hand-written correction: what changed and where it was read. */
  note?: string;
  source?: string;
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
  /** Regular expression over the OS part of other images' tags (alpine3.20) whose first group is a cycle of this product. */
  osTag?: string;
  note?: string;
}

/**
 * The tags of one Docker Official Image (catalog/imported/official-images.yaml). `groups` has one
 * string per library entry (one build: a version line with one variant and OS). A group is parts
 * separated by "; "; a part "V1 V2|S1 S2" stands for every tag V-S (V alone where S is "-", S alone
 * where V is "-"), a part without "|" lists tags separated by spaces. Example: "- 26 26.7|alpine alpine3.24"
 * = alpine, alpine3.24, 26-alpine, 26-alpine3.24, 26.7-alpine, 26.7-alpine3.24.
 * `os`: the OS parts its tags carry (alpine3.24, bookworm, noble, ubi9-minimal, windowsservercore-ltsc2022…).
 */
export interface OfficialImage {
  groups: string[];
  os?: string[];
}

/** Snapshot of an upstream source the derived catalog data was imported from (catalog/sources.yaml). */
export interface CatalogSource {
  project: string;
  commit?: string;
  date?: string;
  url: string;
  /** A second repository read by the same importer (docker-library/docs for the official images). */
  docs?: CatalogSource;
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
  roles?: Role[];
  /** Every Docker Official Image by name (built-in catalog only). */
  officialImages?: Record<string, OfficialImage>;
  /** Date of the newest upstream snapshot the catalog data comes from ("catalog data as of"). */
  dataAsOf?: string;
  /** The upstream snapshots, by importer (endoflife, official-images, landscape…). */
  sources?: Record<string, CatalogSource>;
  settings?: CatalogSettings;
}
