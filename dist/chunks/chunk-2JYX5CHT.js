import { createRequire as __andonCreateRequire } from 'node:module'; const require = __andonCreateRequire(import.meta.url);

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
var RunnerRuntime = class {
  constructor(env, write) {
    this.env = env;
    this.write = write;
    const say = (cmd) => (m) => {
      if (cmd) {
        this.resumeCommands();
        this.write(workflowCommand(cmd, {}, m));
      } else this.printData(m);
    };
    this.logger = { debug: say("debug"), info: say(null), warn: say("warning"), error: say("error") };
  }
  env;
  write;
  logger;
  input(name) {
    return (this.env[inputEnvName(name)] ?? "").trim();
  }
  fileCommand(variable, name, value) {
    const file = this.env[variable];
    if (!file) {
      this.logger.warn(`${variable} is not set: ${name} is not passed on`);
      return;
    }
    appendFileSync(file, fileCommandEntry(name, value), "utf8");
  }
  setOutput(name, value) {
    this.fileCommand("GITHUB_OUTPUT", name, value);
  }
  saveState(name, value) {
    this.fileCommand("GITHUB_STATE", name, value);
  }
  state(name) {
    return this.env[`STATE_${name}`] ?? "";
  }
  appendSummary(markdown) {
    const file = this.env.GITHUB_STEP_SUMMARY;
    if (!file) return;
    appendFileSync(file, markdown.endsWith("\n") ? markdown : `${markdown}
`, "utf8");
  }
  annotate(a) {
    this.resumeCommands();
    this.write(workflowCommand(a.level, { title: a.title, file: a.file, line: a.line, endLine: a.endLine, col: a.col }, a.message));
  }
  setSecret(value) {
    this.resumeCommands();
    if (value) this.write(workflowCommand("add-mask", {}, value));
  }
  stopToken = null;
  startGroup(title) {
    this.resumeCommands();
    this.write(workflowCommand("group", {}, title));
  }
  endGroup() {
    this.resumeCommands();
    this.write("::endgroup::");
  }
  echoUntrusted(line) {
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
    for (const line of lines) this.echoUntrusted(line);
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

export {
  runnerRuntime,
  cancelSignal,
  exitWith
};
