import { createRequire as __andonCreateRequire } from 'node:module'; const require = __andonCreateRequire(import.meta.url);

// src/version.ts
var ANDON_VERSION = true ? "0.1.0" : "0.0.0-dev";

export {
  ANDON_VERSION
};
