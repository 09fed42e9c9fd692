// Types for bench/generate.mjs (used by test/unit/fastYaml.test.ts).
export declare const SEED: number;
export declare function rng(seed: number): { next(): number; int(n: number): number; pick<T>(a: T[]): T; chance(p: number): boolean };
export declare function k8sDocument(r: ReturnType<typeof rng>, i: number): string;
export declare function k8sManifest(bytes: number, seed?: number): string;
export declare function dockerfile(bytes: number, seed?: number): string;
export declare function compose(bytes: number, seed?: number): string;
export declare function workspace(dir: string, files: number, bytes: number, seed?: number): { files: number; bytes: number };
export declare function generateAll(dir: string, opts?: { quick?: boolean; workspaceFiles?: number }): Record<string, { path: string; bytes: number; lines?: number; kind?: string; languageId?: string; documents?: number; files?: number }>;
export declare function manySmallDocuments(count: number, seed?: number): string;
export declare function findingsHeavy(bytes: number, seed?: number): string;
export declare function crdDocument(bytes: number, seed?: number): string;
export declare function dashboardsConfigMap(bytes: number, seed?: number): string;
export declare function helmChart(dir: string, bytes: number, seed?: number): string;
export declare function generateShapes(dir: string, opts?: { quick?: boolean }): { name: string; path: string; languageId: string; note: string }[];
