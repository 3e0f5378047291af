import { createRequire as __andonCreateRequire } from 'node:module'; const require = __andonCreateRequire(import.meta.url);
import "./chunk-TZYN2FJC.js";

// src/cli/output-stream.ts
function streamWriter(stream) {
  let gone = false;
  stream.on("error", () => {
    gone = true;
  });
  return (text) => {
    if (gone || stream.destroyed) return;
    stream.write(text);
  };
}
export {
  streamWriter
};
