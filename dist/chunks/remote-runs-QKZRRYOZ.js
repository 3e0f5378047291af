import { createRequire as __andonCreateRequire } from 'node:module'; const require = __andonCreateRequire(import.meta.url);
import {
  remoteRuns
} from "./chunk-H3NI4GGU.js";
import "./chunk-VHGE7LZA.js";
import "./chunk-UPPQ2J5F.js";
import "./chunk-WCIAZNSM.js";
import "./chunk-SPBR4F3X.js";
import "./chunk-4PTP22Z7.js";
import "./chunk-R2DVGQ2Z.js";
import "./chunk-NLHABGJB.js";
import "./chunk-K4VEHVI3.js";
import "./chunk-QTHYIHUL.js";
import "./chunk-TXGCBDM3.js";
import "./chunk-HUTQD67Y.js";
import "./chunk-AS4XOIVA.js";
import "./chunk-X4N7ZENU.js";
import "./chunk-TZYN2FJC.js";
export {
  remoteRuns
};
