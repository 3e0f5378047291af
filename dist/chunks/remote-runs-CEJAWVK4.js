import { createRequire as __andonCreateRequire } from 'node:module'; const require = __andonCreateRequire(import.meta.url);
import {
  remoteRuns
} from "./chunk-EHIWYQJK.js";
import "./chunk-6WTWHWPA.js";
import "./chunk-GBDQJ4VV.js";
import "./chunk-WCIAZNSM.js";
import "./chunk-OLMCVOXU.js";
import "./chunk-O4JUAHO6.js";
import "./chunk-YKR6NAYJ.js";
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
