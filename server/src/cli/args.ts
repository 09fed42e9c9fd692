/** A small argument parser: --flag value, --flag=value, repeatable flags, booleans, positionals. */
export interface ParsedArgs { positionals: string[]; flags: Map<string, string[]> }

export class UsageError extends Error {}

export function parseArgs(argv: string[], spec: { values: string[]; booleans: string[] }): ParsedArgs {
  const positionals: string[] = [];
  const flags = new Map<string, string[]>();
  const add = (k: string, v: string) => flags.set(k, [...(flags.get(k) ?? []), v]);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') { positionals.push(...argv.slice(i + 1)); break; }
    if (!a.startsWith('--') || a === '-') { positionals.push(a); continue; }
    const eq = a.indexOf('=');
    const name = a.slice(2, eq < 0 ? undefined : eq);
    if (spec.booleans.includes(name)) { add(name, 'true'); continue; }
    if (!spec.values.includes(name)) throw new UsageError(`unknown option --${name}`);
    const value = eq >= 0 ? a.slice(eq + 1) : argv[++i];
    if (value === undefined) throw new UsageError(`--${name} needs a value`);
    add(name, value);
  }
  return { positionals, flags };
}

export const one = (a: ParsedArgs, name: string): string | undefined => a.flags.get(name)?.at(-1);
export const many = (a: ParsedArgs, name: string): string[] => a.flags.get(name) ?? [];
export const bool = (a: ParsedArgs, name: string): boolean => a.flags.has(name);
