import { createRequire as __andonCreateRequire } from 'node:module'; const require = __andonCreateRequire(import.meta.url);

// src/core/logger.ts
var silentLogger = { debug() {
}, info() {
}, warn() {
}, error() {
} };

export {
  silentLogger
};
