// Types for bench/serverEnvironment.mjs (used by test/unit/serverEnvironment.test.ts).
export declare const DROPPED_VARIABLES: string[];
export declare const SERVER_EXEC_ARGV: string[];
export declare function serverEnvironment(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
