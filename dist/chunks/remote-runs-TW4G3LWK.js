import { createRequire as __andonCreateRequire } from 'node:module'; const require = __andonCreateRequire(import.meta.url);
import {
  remoteRuns
} from "./chunk-NV7TKOX3.js";
import "./chunk-AHGUA2ZR.js";
import "./chunk-GJZJB4LS.js";
import "./chunk-WCIAZNSM.js";
import "./chunk-KRD3GCFI.js";
import "./chunk-37LQLRZV.js";
import "./chunk-TZYN2FJC.js";
export {
  remoteRuns
};
