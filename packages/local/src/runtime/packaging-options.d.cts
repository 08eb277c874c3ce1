// Types of packaging-options.cjs (plain CommonJS, required as is by the benchmark).
import type { BuildOptions } from 'esbuild';

export declare const PACKAGING_ONLY_KEYS: ReadonlySet<string>;
/** esbuild's options from a `custom.esbuild` object, without serverless-esbuild's own keys. */
export declare const esbuildOptionsOf: (customEsbuild: Record<string, unknown> | undefined) => BuildOptions;
/** `custom.esbuild` of serverless.base.yml at the workspace root. */
export declare const baseCustomEsbuild: (workspaceRoot: string) => Record<string, unknown>;
