declare const PIPESCTL_VERSION: string | undefined;

/** The package version, baked in by the bundler (scripts/build.mjs) and by vitest's define. */
export const VERSION: string = typeof PIPESCTL_VERSION === 'string' ? PIPESCTL_VERSION : '0.0.0-dev';
