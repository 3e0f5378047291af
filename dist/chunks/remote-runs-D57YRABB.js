import { createRequire as __andonCreateRequire } from 'node:module'; const require = __andonCreateRequire(import.meta.url);
import {
  remoteRuns
} from "./chunk-ZYLVBKR2.js";
import "./chunk-FHGB2TW6.js";
import "./chunk-TFNZXSZA.js";
import "./chunk-WCIAZNSM.js";
import "./chunk-GS5XCBM6.js";
import "./chunk-V5USY6ZM.js";
import "./chunk-EXVQH3W4.js";
import "./chunk-TZYN2FJC.js";
export {
  remoteRuns
};
