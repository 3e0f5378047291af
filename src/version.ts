// Andon's version, set by the bundler from package.json; "0.0.0-dev" when run from source.
declare const __ANDON_VERSION__: string | undefined;

export const ANDON_VERSION: string = typeof __ANDON_VERSION__ === 'string' ? __ANDON_VERSION__ : '0.0.0-dev';
