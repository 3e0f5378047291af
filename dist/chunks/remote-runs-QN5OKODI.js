import { createRequire as __andonCreateRequire } from 'node:module'; const require = __andonCreateRequire(import.meta.url);
import {
  remoteRuns
} from "./chunk-LWMIFCHW.js";
import "./chunk-6WTWHWPA.js";
import "./chunk-GEUDXVYL.js";
import "./chunk-WCIAZNSM.js";
import "./chunk-MMCNLW2Y.js";
import "./chunk-JUX2MTQK.js";
import "./chunk-YVWVGOMA.js";
import "./chunk-M4BUQAOK.js";
import "./chunk-5W5UWLHK.js";
import "./chunk-VXCLKI4Z.js";
import "./chunk-6JA6VXJX.js";
import "./chunk-AS4XOIVA.js";
import "./chunk-AHBW6X22.js";
import "./chunk-TZYN2FJC.js";
export {
  remoteRuns
};
