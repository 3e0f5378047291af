import { createRequire as __andonCreateRequire } from 'node:module'; const require = __andonCreateRequire(import.meta.url);

// src/core/exit-guard.ts
var ExitGuard = class {
  open = /* @__PURE__ */ new Set();
  /** Holds a line while it runs; the returned function lets go of it when the line finished by itself. */
  hold(line) {
    this.open.add(line);
    return () => this.open.delete(line);
  }
  /**
   * For the process's `exit` event: finishes every line still running and returns the exit code to end with
   * (never 0: an unfinished line did not pass), or null when no line was running.
   */
  onExit(code) {
    if (this.open.size === 0) return null;
    const reason = `the process ended (exit code ${code}) while this stage ran; a stage's code must not end the process (process.exit in an ESLint config or plugin, an error nothing caught)`;
    let exit = 1;
    for (const line of [...this.open]) {
      this.open.delete(line);
      try {
        exit = Math.max(exit, line.abandon(reason));
      } catch {
      }
    }
    return exit;
  }
};

export {
  ExitGuard
};
