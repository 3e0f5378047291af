import { createRequire as __andonCreateRequire } from 'node:module'; const require = __andonCreateRequire(import.meta.url);

// src/core/clock.ts
var systemClock = { now: () => /* @__PURE__ */ new Date() };

export {
  systemClock
};
