import { createRequire as __andonCreateRequire } from 'node:module'; const require = __andonCreateRequire(import.meta.url);
import {
  ExitGuard
} from "./chunk-L5N3V36Q.js";
import "./chunk-TZYN2FJC.js";
export {
  ExitGuard
};
