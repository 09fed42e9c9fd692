import type { CatalogIndex, EolVerdict } from '../catalog/catalogIndex';
import { compareVersions } from '../catalog/catalogIndex';
import type { EolCycle, EolProduct } from '../catalog/types';
import { formatImageReference, type ImageReference } from '../syntax/imageReference';

/**
 * In-family upgrades of an image tag: supported release cycles of the same product, each as a tag the
 * image really publishes (the official library's tag lists), in the same variant family (alpine,
 * slim, jdk, fpm… on a supported OS release), preferring a floating tag (node:26-alpine) over a
 * copied patch pin. Used by the eol-image quick fixes and by Suggest Alternative.
 */
export interface Upgrade {
  /** The new reference (key:tag, and the digest only if the tag did not change). */
  text: string;
  tag: string;
  product: EolProduct;
  cycle: EolCycle;
  /** newest: the newest supported cycle; lts: the newest long-term-support one; next: the next supported one up. */
  label: 'newest' | 'lts' | 'next';
  /** The upgrade crosses a major version. */
  major: boolean;
  /** A pinned digest could not be kept (it belongs to the old tag). */
  dropsDigest: boolean;
}

/** How a tag describes its build: version, the other words of its variant (OS words apart), and the OS it names. */
interface TagShape {
  version: string | null;
  /** The variant's words without OS words and build numbers (slim, jdk, fpm, windowsservercore-ltsc2022…). */
  words: string;
  /** The OS product the tag names (alpine for a bare `alpine`), or null when it names none (the image's default). */
  os: string | null;
  /** The OS release the tag pins, when it pins one. */
  osCycle: EolVerdict | null;
  prerelease: boolean;
}

const BUILD_WORD = /^(?:b\d+|r\d+|\d{8})$/;

/** `product`: the image's own product, whose codenames (debian:bookworm) are versions, not OS words. */
function shape(catalog: CatalogIndex, key: string, tag: string, product?: EolProduct): TagShape {
  const parts = tag.split('-');
  let version: string | null = null;
  const codename = (w: string) => !!product && (!!product.tagAliases?.[w] || product.cycles.some((c) => c.codename?.toLowerCase() === w));
  if (/^v?\d/.test(parts[0]) || codename(parts[0])) version = parts.shift()!;
  const prerelease = (!!version && /[a-z]/i.test(version.replace(/^v/, '').replace(/u\d+$/, ''))) || parts.includes('rc');
  const words: string[] = [];
  let os: string | null = null;
  let osCycle: EolVerdict | null = null;
  for (let i = 0; i < parts.length; i++) {
    const w = parts[i];
    if (BUILD_WORD.test(w)) continue;
    const pair = i + 1 < parts.length ? catalog.osWord(`${w}-${parts[i + 1]}`, product) : undefined;
    const single = catalog.osWord(w, product);
    const v = single ?? pair;
    if (v) {
      os = v.product.id;
      osCycle = v;
      if (!single) i++;
      continue;
    }
    if (w === 'alpine') { os = 'alpine'; continue; }
    words.push(w);
  }
  return { version, words: words.join('-'), os, osCycle, prerelease };
}

const supported = (c: EolCycle | undefined, asOf: string) => !!c && (c.eol === false || c.eol > asOf);

/** A product's newest release cycle still supported on `asOf`. */
export function newestSupported(product: EolProduct, asOf: string): EolCycle | undefined {
  return product.cycles.filter((c) => supported(c, asOf)).sort((a, b) => compareVersions(b.cycle, a.cycle))[0];
}
const majorOf = (v: string) => v.split('.')[0];

/**
 * Upgrades for an image reference whose cycle (or OS) has ended or is ending. Empty when the image is
 * not an official one with tag data, or nothing supported exists in the family.
 */
export function upgradesFor(catalog: CatalogIndex, ref: ImageReference, asOf: string): Upgrade[] {
  if (!ref.tag) return [];
  // The same image and tag recur all over a manifest (thousands of findings): the family search reads
  // every tag the image publishes, so it runs once per catalog, image, tag and date. The cache holds no
  // digest (the one thing of the reference it does not key on) and hands out copies.
  let memo = upgradeMemo.get(catalog);
  if (!memo) upgradeMemo.set(catalog, (memo = new Map()));
  const k = `${ref.key}\n${ref.tag}\n${asOf}`;
  let base = memo.get(k);
  if (!base) {
    if (memo.size >= UPGRADE_MEMO_MAX) memo.clear();
    memo.set(k, (base = computeUpgrades(catalog, { ...ref, digest: null }, asOf)));
  }
  const dropsDigest = !!ref.digest;
  return base.map((u) => ({ ...u, dropsDigest }));
}

const upgradeMemo = new WeakMap<CatalogIndex, Map<string, Upgrade[]>>();
const UPGRADE_MEMO_MAX = 4096;

/** upgradesFor without the cache (tests compare the two). */
export function computeUpgrades(catalog: CatalogIndex, ref: ImageReference, asOf: string): Upgrade[] {
  if (!ref.tag) return [];
  const groups = catalog.officialTags(ref.key);
  const current = catalog.eolCycle(ref.key, ref.tag);
  if (!groups || !current) return [];
  const product = current.product;
  const want = shape(catalog, ref.key, ref.tag, product);

  // Every build (a group of tags) on a supported cycle and a supported OS release, and its best tag in the family.
  const builds: { tag: string; cycle: EolCycle }[] = [];
  for (const tags of groups) {
    const shapes = tags.map((t) => ({ t, s: shape(catalog, ref.key, t, product) }));
    const versioned = shapes.filter(({ s }) => s.version);
    if (!versioned.length || versioned.every(({ s }) => s.prerelease)) continue;
    // The build's OS: the release a tag of it pins, or the OS a tag names (bare alpine), or the image's default.
    const pinned = shapes.find(({ s }) => s.osCycle);
    const buildOs = pinned?.s.os ?? shapes.find(({ s }) => s.os)?.s.os ?? null;
    if (pinned && !supported(pinned.s.osCycle!.cycle, asOf)) continue;
    const fullest = versioned.reduce((a, b) => (b.s.version!.split('.').length > a.s.version!.split('.').length ? b : a));
    const cycle = catalog.eolCycle(ref.key, fullest.t)?.cycle;
    if (!cycle || !supported(cycle, asOf)) continue;
    // Tags that keep the family: the same variant words and the same OS (a tag naming no OS stands for its build's).
    // (A tag that names no OS is the image's default when the original names none, else its build's OS.)
    const keepsOs = (t: TagShape) => (want.os === null ? t.os === null : (t.os ?? buildOs) === want.os);
    const ok = versioned.filter(({ s }) => !s.prerelease && s.words === want.words && keepsOs(s));
    // Floating first: the version is the cycle itself (26, 3.13), the OS release unpinned (alpine, not alpine3.24), fewest words.
    ok.sort((a, b) => Number(a.s.version !== cycle.cycle) - Number(b.s.version !== cycle.cycle)
      || Number(!!a.s.osCycle) - Number(!!b.s.osCycle)
      || a.t.split('-').length - b.t.split('-').length || a.t.length - b.t.length);
    if (ok.length) builds.push({ tag: ok[0].t, cycle });
  }
  if (!builds.length) return [];
  // One tag per cycle: the best one (a cycle has several builds, one per OS release).
  const byCycle = new Map<string, { tag: string; cycle: EolCycle }>();
  for (const b of builds) {
    const prev = byCycle.get(b.cycle.cycle);
    if (!prev || b.tag.split('-').length < prev.tag.split('-').length || (b.tag.split('-').length === prev.tag.split('-').length && b.tag.length < prev.tag.length)) byCycle.set(b.cycle.cycle, b);
  }
  const cycles = [...byCycle.values()].sort((a, b) => compareVersions(b.cycle.cycle, a.cycle.cycle));
  const picks: [Upgrade['label'], { tag: string; cycle: EolCycle }][] = [];
  const newest = cycles[0];
  picks.push(['newest', newest]);
  const lts = cycles.find((c) => c.cycle.lts);
  if (lts && lts !== newest) picks.push(['lts', lts]);
  const next = [...cycles].reverse().find((c) => compareVersions(c.cycle.cycle, current.cycle.cycle) > 0);
  if (next && !picks.some(([, p]) => p === next)) picks.push(['next', next]);
  return picks.filter(([, p]) => p.tag !== ref.tag).map(([label, p]) => ({
    text: formatImageReference(ref.key, p.tag, null),
    tag: p.tag,
    product,
    cycle: p.cycle,
    label,
    major: majorOf(p.cycle.cycle) !== majorOf(current.cycle.cycle),
    dropsDigest: !!ref.digest,
  }));
}
