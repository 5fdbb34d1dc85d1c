/** The package version and commit, fixed at build time by vite.config.ts. */
declare const __APP_VERSION__: string;
