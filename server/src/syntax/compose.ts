import type { Document } from 'yaml';
import type { SiteCollector } from './sites';
import type { TextEdit } from '../common/model';
import { mapEntries, mapGet, mapPair, isMap, isSeq, seqItems, scalar, type YNode } from './yamlDocuments';
import { imageScalar, shellValue } from './yamlSites';
import type { SkipPredicate } from './fastYaml';

const SERVICE_KEYS_READ = new Set(['image', 'command', 'entrypoint', 'volume_driver', 'links', 'external_links', 'logging', 'runtime', 'networks', 'network_mode', 'depends_on', '<<']);
/** Keys whose values extractCompose never reads (the parser may pass over them): a service's other settings. */
export const composeSkip: SkipPredicate = (path, key) => path.length === 2 && path[0] === 'services' && !SERVICE_KEYS_READ.has(key);

/** The service keys of the version-1 file format, whose services each have image or build (https://github.com/docker/compose/blob/b76ac6e633c5e8881162a34c6afdc2f50874aa02/docs/yml.md). */
const V1_SERVICE_KEYS = new Set(['build', 'dockerfile', 'cap_add', 'cap_drop', 'command', 'cgroup_parent', 'container_name', 'devices', 'dns', 'dns_search', 'entrypoint', 'env_file', 'environment', 'expose', 'extends', 'external_links', 'extra_hosts', 'image', 'labels', 'links', 'log_driver', 'log_opt', 'net', 'pid', 'ports', 'security_opt', 'stop_signal', 'ulimits', 'volumes', 'volume_driver', 'volumes_from', 'cpu_shares', 'cpu_quota', 'cpuset', 'domainname', 'hostname', 'ipc', 'mac_address', 'mem_limit', 'memswap_limit', 'oom_score_adj', 'privileged', 'read_only', 'restart', 'shm_size', 'stdin_open', 'tty', 'user', 'working_dir', '<<']);

/** The whole lines a YAML pair occupies, for edits that remove it. */
function pairLines(c: SiteCollector, keyStart: number, valueEnd: number): [number, number] {
  const start = c.text.lastIndexOf('\n', keyStart - 1) + 1;
  let end = c.text.indexOf('\n', Math.max(valueEnd - 1, keyStart));
  end = end < 0 ? c.text.length : end + 1;
  return [start, end];
}

/**
 * Compose files: service images (also in x- extension blocks and through anchors), commands and
 * entrypoints, volume/network/logging drivers and runtimes that name catalog tools, and the
 * deprecated version, links, external_links and volume_driver keys.
 */
export function extractCompose(c: SiteCollector, doc: Document.Parsed): void {
  const services = new Set(mapEntries(mapGet(doc.contents as YNode, 'services')).map(([name]) => name));
  const anyNetworks = mapEntries(mapGet(doc.contents as YNode, 'services')).some(([, svc]) => !!mapPair(svc, 'networks') || !!mapPair(svc, 'network_mode'));
  /**
   * `links: [db, cache]` → `depends_on: [db, cache]` when that keeps what links did: every link is a
   * plain name of a service of this file (no alias), no service picks its own networks (so all share
   * the default network, where service names resolve), and the service has no depends_on yet (the
   * start order links implied is kept by depends_on). Otherwise no mechanical rewrite.
   */
  const linksRewrite = (svc: YNode, p: NonNullable<ReturnType<typeof mapPair>>): { text: string; title: string; edits: TextEdit[] } | undefined => {
    if (anyNetworks || mapPair(svc, 'depends_on') || !p.key?.range) return undefined;
    const items = seqItems(p.value as YNode);
    if (!items.length || !items.every((i) => { const v = scalar(i, doc)?.value; return !!v && !v.includes(':') && services.has(v); })) return undefined;
    return { text: 'depends_on', title: 'Replace links with depends_on (services reach each other by name on the default network)', edits: [{ range: c.range(p.key.range[0], p.key.range[1]), newText: 'depends_on' }] };
  };
  const root = doc.contents as YNode;
  if (!isMap(root)) return;
  const seen = new Set<number>();
  const image = (node: YNode, context: string) => {
    const s = scalar(node, doc);
    if (!s || seen.has(s.start)) return;
    seen.add(s.start);
    imageScalar(c, node, doc, context);
  };

  const version = mapPair(root, 'version');
  if (version?.key?.range) {
    const vEnd = (version.value as YNode)?.range?.[1] ?? version.key.range[1];
    const [start, end] = pairLines(c, version.key.range[0], vEnd);
    c.deprecatedSyntax(version.key.range[0], version.key.range[1], 'Remove the top-level `version` key: Compose V2 ignores it', {
      text: 'remove the version key',
      title: 'Remove the obsolete version key',
      edits: [{ range: c.range(start, end), newText: '' }],
    });
  }

  const service = (name: string, svc: YNode, where: string) => {
    if (!isMap(svc)) return;
    where = where ? `${where}.${name}` : name;
    image(mapGet(svc, 'image'), `${where}.image`);
    shellValue(c, mapGet(svc, 'command'), doc, `${where}.command`);
    shellValue(c, mapGet(svc, 'entrypoint'), doc, `${where}.entrypoint`);
    const vd = mapPair(svc, 'volume_driver');
    if (vd) {
      const s = scalar(vd.value as YNode, doc);
      if (s) c.setting(s.value, s.start, s.end, `${where}.volume_driver`, ['compose:volume_driver', 'compose:volumes.driver']);
      if (vd.key?.range) c.deprecatedSyntax(vd.key.range[0], vd.key.range[1], 'Declare a named volume with `driver:` instead: `volume_driver` is deprecated');
    }
    for (const key of ['links', 'external_links'] as const) {
      const p = mapPair(svc, key);
      if (p?.key?.range) {
        c.deprecatedSyntax(p.key.range[0], p.key.range[1], key === 'links'
          ? 'Use `networks` (and `depends_on`) instead: `links` is a legacy option'
          : 'Join the other project\'s `external` network instead: `external_links` is legacy',
          key === 'links' ? linksRewrite(svc, p) : undefined);
      }
    }
    const logDriver = scalar(mapGet(mapGet(svc, 'logging'), 'driver'), doc);
    if (logDriver) c.setting(logDriver.value, logDriver.start, logDriver.end, `${where}.logging.driver`, ['compose:logging.driver']);
    const runtime = scalar(mapGet(svc, 'runtime'), doc);
    if (runtime) c.setting(runtime.value, runtime.start, runtime.end, `${where}.runtime`, ['compose:runtime']);
  };

  // The version-1 layout: no services key, each top-level key a service (web: {image: …, links: …}).
  if (isVersion1(root)) for (const [name, svc] of mapEntries(root)) if (!name.startsWith('x-')) service(name, svc, '');
  for (const [key, value] of mapEntries(root)) {
    if (key === 'services') for (const [name, svc] of mapEntries(value)) service(name, svc, 'services');
    else if (key === 'volumes' || key === 'networks') {
      for (const [name, def] of mapEntries(value)) {
        const d = scalar(mapGet(def, 'driver'), doc);
        if (d) c.setting(d.value, d.start, d.end, `${key}.${name}.driver`, [`compose:${key}.driver`, 'compose:volume_driver']);
      }
    } else if (key.startsWith('x-')) walkExtension(value, key);
  }

  /**
   * Recognised conservatively (the file is already compose-named): no `services` or `version` key, and
   * every top-level value is a map with `image` or `build`, whose keys are all service settings.
   */
  function isVersion1(node: YNode): boolean {
    const top = mapEntries(node).filter(([k]) => !k.startsWith('x-'));
    return top.length > 0 && !mapPair(node, 'services') && !mapPair(node, 'version') && top.every(([, svc]) => isMap(svc) && (!!mapPair(svc, 'image') || !!mapPair(svc, 'build'))
      && mapEntries(svc).every(([k]) => V1_SERVICE_KEYS.has(k)));
  }

  // Extension blocks hold fragments reused through anchors: report images wherever they are written.
  function walkExtension(node: YNode, path: string, depth = 0): void {
    if (depth > 50) return;
    if (isMap(node)) {
      for (const [k, v] of mapEntries(node)) {
        if (k === 'image') image(v, `${path}.image`);
        else walkExtension(v, `${path}.${k}`, depth + 1);
      }
    } else if (isSeq(node)) seqItems(node).forEach((v, i) => walkExtension(v, `${path}[${i}]`, depth + 1));
  }
}
