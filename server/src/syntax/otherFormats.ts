import type { Document } from 'yaml';
import type { SiteCollector } from './sites';
import { mapEntries, mapGet, isMap, seqItems, scalar, type YNode } from './yamlDocuments';
import { imageScalar, shellValue } from './yamlSites';

/** kustomization.yaml: images: [{ name, newName, newTag, digest }]. */
export function extractKustomization(c: SiteCollector, doc: Document.Parsed): void {
  for (const item of seqItems(mapGet(doc.contents as YNode, 'images'))) {
    imageScalar(c, mapGet(item, 'name'), doc, 'images.name');
    imageScalar(c, mapGet(item, 'newName'), doc, 'images.newName');
  }
}

/** GitHub Actions workflows: job containers, service containers, docker:// actions, actions that install or run a tool, and run scripts. */
export function extractGithubActions(c: SiteCollector, doc: Document.Parsed): void {
  for (const [jobId, job] of mapEntries(mapGet(doc.contents as YNode, 'jobs'))) {
    const container = mapGet(job, 'container');
    if (isMap(container)) imageScalar(c, mapGet(container, 'image'), doc, `jobs.${jobId}.container.image`);
    else imageScalar(c, container, doc, `jobs.${jobId}.container`);
    for (const [name, svc] of mapEntries(mapGet(job, 'services'))) {
      if (isMap(svc)) imageScalar(c, mapGet(svc, 'image'), doc, `jobs.${jobId}.services.${name}.image`);
      else imageScalar(c, svc, doc, `jobs.${jobId}.services.${name}`);
    }
    seqItems(mapGet(job, 'steps')).forEach((step, i) => {
      const uses = scalar(mapGet(step, 'uses'), doc);
      if (uses && uses.value.startsWith('docker://')) c.image(uses.value.slice(9), uses.start + 9, uses.end, `jobs.${jobId}.steps[${i}].uses`);
      else if (uses) c.action(uses.value, uses.start, uses.end, `jobs.${jobId}.steps[${i}].uses`);
      shellValue(c, mapGet(step, 'run'), doc, `jobs.${jobId}.steps[${i}].run`);
    });
  }
}

/** .devcontainer/devcontainer.json: image, and features (which are OCI artifacts). */
export function extractDevcontainer(c: SiteCollector, doc: Document.Parsed): void {
  const root = doc.contents as YNode;
  imageScalar(c, mapGet(root, 'image'), doc, 'image');
  for (const [, , pair] of mapEntries(mapGet(root, 'features'))) {
    const key = pair.key as YNode;
    const s = scalar(key, doc);
    if (s && /^[a-z0-9.-]+\.[a-z]+\//.test(s.value)) c.image(s.value, s.start, s.end, 'features');
  }
  const post = ['postCreateCommand', 'postStartCommand', 'onCreateCommand', 'updateContentCommand', 'initializeCommand'];
  for (const k of post) shellValue(c, mapGet(root, k), doc, k);
}

/** JSON with comments (devcontainer.json) parses as YAML once its comments are blanked out. */
export function blankJsonComments(text: string): string {
  let out = '';
  let i = 0;
  const n = text.length;
  while (i < n) {
    const ch = text[i];
    if (ch === '"') {
      let j = i + 1;
      while (j < n && text[j] !== '"' && text[j] !== '\n') j += text[j] === '\\' ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j + 1;
    } else if (ch === '/' && text[i + 1] === '/') {
      // A line comment ends at the line break: \n, or a lone \r (a line break to LSP and to YAML).
      let end = i + 2;
      while (end < n && text[end] !== '\n' && text[end] !== '\r') end++;
      out += ' '.repeat(end - i);
      i = end;
    } else if (ch === '/' && text[i + 1] === '*') {
      const j = text.indexOf('*/', i + 2);
      const end = j < 0 ? n : j + 2;
      out += text.slice(i, end).replace(/[^\n\r]/g, ' ');
      i = end;
    } else {
      out += ch;
      i++;
    }
  }
  // Trailing commas are allowed in JSONC, not in YAML flow collections.
  return out.replace(/,(\s*[}\]])/g, ' $1');
}

/** Podman Quadlet units (.container, .image, .build, .pod, .kube, .volume): Image= and Exec= keys. */
export function extractQuadlet(c: SiteCollector): void {
  const re = /^[ \t]*(Image|Exec|ImageTag|BaseImage)[ \t]*=[ \t]*(.*?)[ \t]*\r?$/gm;
  for (let m = re.exec(c.text); m; m = re.exec(c.text)) {
    const value = m[2];
    const start = m.index + m[0].indexOf(value, m[0].indexOf('=') + 1);
    if (m[1] === 'Exec') c.shell(value, start, 'Exec=');
    else if (!value.endsWith('.image') && !value.endsWith('.build')) c.image(value, start, start + value.length, `${m[1]}=`);
  }
}
