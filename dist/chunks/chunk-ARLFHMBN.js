import { createRequire as __andonCreateRequire } from 'node:module'; const require = __andonCreateRequire(import.meta.url);
import {
  ExitGuard
} from "./chunk-L5N3V36Q.js";
import {
  Input
} from "./chunk-UPPQ2J5F.js";
import {
  Masker
} from "./chunk-MGRT4P43.js";

// src/github/action-runtime.ts
import { randomUUID } from "node:crypto";
import { appendFileSync } from "node:fs";
var LINE_BREAK = /\r\n|[\r\n\u2028\u2029\u0085\v\f]/;
function looksLikeCommand(line) {
  return /^\s*(::|##\[)/.test(line);
}
function escapeData(s) {
  return s.split(new RegExp(LINE_BREAK.source, "g")).join("\n").replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}
function escapeProperty(s) {
  return escapeData(s).replace(/:/g, "%3A").replace(/,/g, "%2C");
}
function workflowCommand(command, properties, message) {
  const props = Object.entries(properties).filter((e) => e[1] !== void 0 && e[1] !== "").map(([k, v]) => `${k}=${escapeProperty(String(v))}`).join(",");
  return `::${command}${props ? ` ${props}` : ""}::${escapeData(message)}`;
}
function fileCommandEntry(name, value) {
  const delimiter = `ghadelimiter_${randomUUID()}`;
  if (name.includes(delimiter) || value.includes(delimiter)) throw new Error(`value of ${name} contains the delimiter`);
  return `${name}<<${delimiter}
${value}
${delimiter}
`;
}
function inputEnvName(name) {
  return `INPUT_${name.replace(/ /g, "_").toUpperCase()}`;
}
var MaskingRuntime = class {
  constructor(env, githubToken) {
    this.env = env;
    this.masker = Masker.fromEnv(env, githubToken ? [githubToken] : []);
    const say = (level) => (m) => this.writeLog(level, this.masker.mask(m));
    this.logger = { debug: say("debug"), info: say("info"), warn: say("warn"), error: say("error") };
  }
  env;
  masker;
  logger;
  setOutput(name, value) {
    this.writeOutput(name, this.masker.mask(value));
  }
  appendSummary(markdown) {
    this.writeSummary(this.masker.mask(markdown.endsWith("\n") ? markdown : `${markdown}
`));
  }
  annotate(a) {
    const mask = (v) => v === void 0 ? void 0 : this.masker.mask(v);
    this.writeAnnotation({ ...a, message: this.masker.mask(a.message), ...a.title !== void 0 ? { title: mask(a.title) } : {}, ...a.file !== void 0 ? { file: mask(a.file) } : {} });
  }
  setSecret(value) {
    if (!value) return;
    this.masker.add(value);
    this.writeSecret(value);
  }
  startGroup(title) {
    this.writeGroup(this.masker.mask(title));
  }
  echoUntrusted(line) {
    this.writeUntrusted(this.masker.mask(line));
  }
};
var RunnerRuntime = class extends MaskingRuntime {
  constructor(env, write) {
    super(env, (env[inputEnvName(Input.githubToken)] ?? "").trim());
    this.write = write;
  }
  write;
  input(name) {
    return (this.env[inputEnvName(name)] ?? "").trim();
  }
  /**
   * Messages carry untrusted text (stage reasons, rule ids, paths, service errors): a warning or an error is one
   * workflow command with its data escaped; plain text is printed as is only when it is one line that cannot be
   * read as a command, and otherwise inside a stop-commands block.
   */
  writeLog(level, m) {
    if (level === "info") {
      this.printData(m);
      return;
    }
    this.resumeCommands();
    this.write(workflowCommand(level === "warn" ? "warning" : level, {}, m));
  }
  fileCommand(variable, name, value) {
    const file = this.env[variable];
    if (!file) {
      this.logger.warn(`${variable} is not set: ${name} is not passed on`);
      return;
    }
    appendFileSync(file, fileCommandEntry(name, value), "utf8");
  }
  writeOutput(name, value) {
    this.fileCommand("GITHUB_OUTPUT", name, value);
  }
  /** State is not shown anywhere: it goes to the post step as it is, so what it reads back is what was saved. */
  saveState(name, value) {
    this.fileCommand("GITHUB_STATE", name, value);
  }
  state(name) {
    return this.env[`STATE_${name}`] ?? "";
  }
  writeSummary(markdown) {
    const file = this.env.GITHUB_STEP_SUMMARY;
    if (!file) return;
    appendFileSync(file, markdown, "utf8");
  }
  writeAnnotation(a) {
    this.resumeCommands();
    this.write(workflowCommand(a.level, { title: a.title, file: a.file, line: a.line, endLine: a.endLine, col: a.col }, a.message));
  }
  writeSecret(value) {
    this.resumeCommands();
    this.write(workflowCommand("add-mask", {}, value));
  }
  stopToken = null;
  writeGroup(title) {
    this.resumeCommands();
    this.write(workflowCommand("group", {}, title));
  }
  endGroup() {
    this.resumeCommands();
    this.write("::endgroup::");
  }
  writeUntrusted(line) {
    if (!this.stopToken) {
      this.stopToken = randomUUID().replace(/-/g, "");
      this.write(`::stop-commands::${this.stopToken}`);
    }
    this.write(line);
  }
  /** The one way text reaches the log outside a workflow command. */
  printData(text) {
    const lines = text.split(LINE_BREAK);
    if (lines.length === 1 && !looksLikeCommand(text)) {
      this.resumeCommands();
      this.write(text);
      return;
    }
    for (const line of lines) this.writeUntrusted(line);
  }
  resumeCommands() {
    if (!this.stopToken) return;
    this.write(`::${this.stopToken}::`);
    this.stopToken = null;
  }
};

// src/github/runner-process.ts
function runnerRuntime() {
  return new RunnerRuntime(process.env, (line) => process.stdout.write(`${line}
`));
}
function cancelSignal() {
  const controller = new AbortController();
  for (const sig of ["SIGINT", "SIGTERM"]) process.once(sig, () => controller.abort(sig));
  return controller.signal;
}
function exitWith(code) {
  code.then(
    (c) => process.exit(c),
    (e) => {
      process.stdout.write(`::error::andon: ${e instanceof Error ? e.message : String(e)}
`);
      process.exit(3);
    }
  );
}
function processExitGuard() {
  const guard = new ExitGuard();
  process.on("exit", (code) => {
    const guarded = guard.onExit(code);
    if (guarded !== null) process.exitCode = guarded;
  });
  return guard;
}

export {
  runnerRuntime,
  cancelSignal,
  exitWith,
  processExitGuard
};
