// Types of packaging-options.cjs (plain CommonJS, required as is by the benchmark).
import type { BuildOptions } from 'esbuild';

export declare const PACKAGING_ONLY_KEYS: ReadonlySet<string>;
/** esbuild's options from a `custom.esbuild` object, without serverless-esbuild's own keys. */
export declare const esbuildOptionsOf: (customEsbuild: Record<string, unknown> | undefined) => BuildOptions;
/** `custom.esbuild` of serverless.base.yml at the workspace root. */
export declare const baseCustomEsbuild: (workspaceRoot: string) => Record<string, unknown>;
/** The packaging plugins file, serverless.esbuild-plugins.cjs at the workspace root. */
export declare const pluginsFileOf: (workspaceRoot: string) => string;
/** The packaging build's plugins that change what a bundle holds (not the source-map mover). */
export declare const bundleContentPlugins: (workspaceRoot: string) => NonNullable<BuildOptions['plugins']>;
