// Small, deterministic YAML output for the importers: one scalar at a time, so each importer
// controls its layout (flow maps for table rows, one line per item) and re-imports are byte-identical.
const DATE = /^\d{4}(-\d{2}(-\d{2})?)?$/;
const KEYWORD = /^(true|false|null|yes|no|on|off|y|n|~)$/i;
const PLAIN = /^[A-Za-z][A-Za-z0-9._/+-]*$/;

/** A scalar as YAML text: booleans and full dates bare, simple words bare, everything else JSON-quoted. */
export function yamlScalar(v) {
  if (v === true || v === false) return String(v);
  if (typeof v === 'number') return String(v);
  const s = String(v);
  if (DATE.test(s) && s.length === 10) return s;
  if (PLAIN.test(s) && !KEYWORD.test(s)) return s;
  return JSON.stringify(s);
}
