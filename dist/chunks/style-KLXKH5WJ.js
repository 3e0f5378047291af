import { createRequire as __andonCreateRequire } from 'node:module'; const require = __andonCreateRequire(import.meta.url);
import "./chunk-TZYN2FJC.js";

// src/report/style.ts
function makeStyle(isTty, env) {
  const color = isTty && !env.NO_COLOR && env.TERM !== "dumb";
  const wrap = (open, close) => (s) => color ? `\x1B[${open}m${s}\x1B[${close}m` : s;
  return {
    color,
    bold: wrap(1, 22),
    dim: wrap(2, 22),
    red: wrap(31, 39),
    green: wrap(32, 39),
    yellow: wrap(33, 39),
    cyan: wrap(36, 39)
  };
}
export {
  makeStyle
};
