// Types of scripts/import/pluto.mjs for the unit tests.
export interface PlutoRow { apiVersion: string; kind: string; component: string; deprecatedIn?: string; removedIn?: string; replacement?: string; replacementAvailableIn?: string }
export const flag: string;
export const describe: string;
export function normVersion(v: unknown): string | undefined;
export function rowsOf(doc: unknown): PlutoRow[];
export function run(input: string, ctx: { write(relPath: string, text: string): boolean }): Promise<{ source: Record<string, string>; summary: string }>;
