import type { CatalogIndex } from '../catalog/catalogIndex';
import type { Entry } from '../catalog/types';
import type { ApiSite, ImageSite, Site, SiteCollector, SyntaxSite } from '../syntax/sites';
import type { Reference } from './model';
import type { ImageReference } from '../syntax/imageReference';

/** What the parsers found in one text, linked to the catalog: the input of the rules. */
export interface Extraction {
  references: Reference[];
  images: ImageSite[];
  apis: ApiSite[];
  syntax: SyntaxSite[];
  errors: string[];
  parseFailed: boolean;
}

function settingEntry(catalog: CatalogIndex, key: string, value: string): Entry | undefined {
  const colon = key.indexOf(':');
  const domain = key.slice(0, colon);
  const name = key.slice(colon + 1);
  return domain === 'compose' ? catalog.entryForComposeValue(name, value) : catalog.entryForK8sField(name, value);
}

function link(entry: Entry | undefined): Partial<Reference> {
  return entry ? { entry: entry.id, entryName: entry.name } : {};
}

/**
 * A reference's image parts, one object per parsed reference (parsed references are shared by text,
 * see parseImageReference): a file that names one image many times holds one copy. Frozen, as it is shared.
 */
function imagePartsOf(ref: ImageReference): NonNullable<Reference['image']> {
  let parts = imageParts.get(ref);
  if (!parts) {
    parts = Object.freeze({ registry: ref.registry, repository: ref.repository, tag: ref.tag, digest: ref.digest });
    imageParts.set(ref, parts);
  }
  return parts;
}
const imageParts = new WeakMap<ImageReference, NonNullable<Reference['image']>>();

/** Links one site to the catalog: the reference a user sees (hover, inventory), or null when the site names nothing the catalog knows. */
function resolveSite(catalog: CatalogIndex, s: Site): Reference | null {
  switch (s.type) {
    case 'image': {
      // The most frequent site: built without spreads, in the key order of the others (JSON output).
      const { ref } = s;
      const e = catalog.entryForImage(ref.key);
      const image = imagePartsOf(ref);
      const r: Reference = e
        ? { kind: 'image', text: s.text, range: s.range, entry: e.id, entryName: e.name, context: s.context, key: ref.key, image }
        : { kind: 'image', text: s.text, range: s.range, context: s.context, key: ref.key, image };
      if (!s.rewritable) r.rewritable = false;
      return r;
    }
    case 'command': {
      const e = catalog.entryForCommand(s.text);
      return e ? { kind: 'command', text: s.text, range: s.range, ...link(e), context: s.context } : null;
    }
    case 'package': {
      // Only the manager a name was catalogued for: one package name can mean different software per distribution.
      const e = catalog.entryForPackage(s.manager, s.name);
      return e ? { kind: 'tool', text: s.name, range: s.range, ...link(e), context: `${s.context} (${s.manager} install)` } : null;
    }
    case 'download': {
      const e = catalog.entryForDownload(s.text);
      return e ? { kind: 'tool', text: s.text, range: s.range, ...link(e), context: `${s.context} (download)` } : null;
    }
    case 'action': {
      const e = catalog.entryForAction(s.name);
      return e ? { kind: 'tool', text: s.name, range: s.range, ...link(e), context: `${s.context} (GitHub Action)` } : null;
    }
    case 'setting': {
      let e: Entry | undefined;
      for (const k of s.keys) if ((e = settingEntry(catalog, k, s.text))) break;
      return e ? { kind: 'tool', text: s.text, range: s.range, ...link(e), context: s.context } : null;
    }
    case 'dependency': {
      const e = catalog.byNameOrAlias(s.name);
      return e ? { kind: 'tool', text: s.name, range: s.range, ...link(e), context: `${s.context} (Helm chart dependency${s.repository ? ` from ${s.repository}` : ''})` } : null;
    }
    case 'api': {
      const slash = s.apiVersion.indexOf('/');
      const group = slash > 0 ? s.apiVersion.slice(0, slash) : '';
      return { kind: 'apiVersion', text: s.apiVersion, range: s.range, ...link(group ? catalog.entryForApiGroup(group) : undefined), context: s.kind, key: s.kind };
    }
  }
}

/** The sites of one collector linked to the catalog. */
export function resolveSites(c: SiteCollector, catalog: CatalogIndex, parseFailed = false): Extraction {
  const references: Reference[] = [];
  const images: ImageSite[] = [];
  const apis: ApiSite[] = [];
  for (const s of c.sites) {
    const r = resolveSite(catalog, s);
    if (r) references.push(r);
    if (s.type === 'image') images.push(s);
    else if (s.type === 'api') apis.push(s);
  }
  return { references, images, apis, syntax: c.syntax, errors: c.errors, parseFailed };
}
