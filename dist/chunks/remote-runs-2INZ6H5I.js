import { createRequire as __andonCreateRequire } from 'node:module'; const require = __andonCreateRequire(import.meta.url);
import {
  remoteRuns
} from "./chunk-YEQGZBWK.js";
import "./chunk-VRP6IBBV.js";
import "./chunk-VA36WLMY.js";
import "./chunk-WCIAZNSM.js";
import "./chunk-UPAB3UWU.js";
import "./chunk-4FVKWYBG.js";
import "./chunk-TZYN2FJC.js";
export {
  remoteRuns
};
