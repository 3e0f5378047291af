import { createRequire as __andonCreateRequire } from 'node:module'; const require = __andonCreateRequire(import.meta.url);
import {
  KILL_GRACE_MS
} from "./chunk-JBUSEVB6.js";
import {
  number
} from "./chunk-QTHYIHUL.js";

// src/core/stage-deadline.ts
var TimeoutSeconds = number().positive().max(24 * 3600).optional().describe('Stop the stage after this many seconds: it is errored ("timed out") and the line goes on as after any error.');
var STOP_GRACE_MS = KILL_GRACE_MS + 1e3;
function timeoutSecondsOf(options) {
  const t = options?.timeoutSeconds;
  return typeof t === "number" && t > 0 ? t : void 0;
}
var StageDeadline = class {
  constructor(line, seconds) {
    this.seconds = seconds;
    if (line.aborted) this.controller.abort(line.reason);
    else line.addEventListener("abort", () => this.controller.abort(line.reason), { once: true });
    if (seconds !== void 0) {
      this.timer = setTimeout(() => {
        this.passed = true;
        this.controller.abort("timeout");
      }, seconds * 1e3);
    }
  }
  seconds;
  controller = new AbortController();
  timer;
  passed = false;
  /** The stage's signal: aborted at the deadline or when the line is cancelled. */
  get signal() {
    return this.controller.signal;
  }
  /** Whether the deadline passed before the stage returned. */
  get timedOut() {
    return this.passed;
  }
  /** The stage's work, or `left` when it did not return within the grace once its signal aborted. */
  async settle(work) {
    const done = work.then((value) => ({ kind: "done", value }));
    const stopped = new Promise((resolve) => {
      if (this.signal.aborted) resolve();
      else this.signal.addEventListener("abort", () => resolve(), { once: true });
    });
    let grace;
    let over = false;
    const left = stopped.then(
      () => new Promise((resolve) => {
        if (!over) grace = setTimeout(() => resolve({ kind: "left", why: this.passed ? "deadline" : "cancelled" }), STOP_GRACE_MS);
      })
    );
    try {
      const first = await Promise.race([done, left]);
      if (first.kind === "left") done.catch(() => void 0);
      return first;
    } finally {
      over = true;
      clearTimeout(grace);
      clearTimeout(this.timer);
    }
  }
};

export {
  TimeoutSeconds,
  STOP_GRACE_MS,
  timeoutSecondsOf,
  StageDeadline
};
