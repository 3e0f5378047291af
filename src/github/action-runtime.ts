// What an action needs from the runner, as one small interface: the runner's file commands, or memory for tests.
import { randomUUID } from 'node:crypto';
import { appendFileSync } from 'node:fs';
import type { Logger } from '../core/logger.js';
import type { InputName, OutputName, StateName } from './constants.js';

export interface Annotation {
  level: 'error' | 'warning' | 'notice';
  message: string;
  title?: string;
  file?: string;
  line?: number;
  endLine?: number;
  col?: number;
}

export interface ActionRuntime {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly logger: Logger;
  /** The input's value, trimmed; '' when not given. */
  input(name: InputName): string;
  setOutput(name: OutputName, value: string): void;
  saveState(name: StateName, value: string): void;
  /** A value the main step saved for the post step; '' when none. */
  state(name: StateName): string;
  appendSummary(markdown: string): void;
  annotate(a: Annotation): void;
  /** From here on the runner masks this value in every log line. */
  setSecret(value: string): void;
  /** A foldable group in the step log. */
  startGroup(title: string): void;
  endGroup(): void;
  /** A line from a stage's tools: printed with workflow commands switched off, so output cannot set outputs or masks. */
  echoUntrusted(line: string): void;
}

/**
 * Every way a line can end for the runner (it reads stdout with .NET's ReadLine: \r, \n, \r\n) and for a reader
 * of the log (Unicode line and paragraph separators): untrusted text is split or escaped on all of them.
 */
export const LINE_BREAK = /\r\n|[\r\n\u2028\u2029\u0085\v\f]/;

/** A line the runner would obey: `::command` or the legacy `##[command]`, after the leading whitespace it trims. */
export function looksLikeCommand(line: string): boolean {
  return /^\s*(::|##\[)/.test(line);
}

function escapeData(s: string): string {
  return s
    .split(new RegExp(LINE_BREAK.source, 'g'))
    .join('\n')
    .replace(/%/g, '%25')
    .replace(/\r/g, '%0D')
    .replace(/\n/g, '%0A');
}

function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** The `::command k=v,...::message` form the runner reads from stdout. */
export function workflowCommand(command: string, properties: Record<string, string | number | undefined>, message: string): string {
  const props = Object.entries(properties)
    .filter((e): e is [string, string | number] => e[1] !== undefined && e[1] !== '')
    .map(([k, v]) => `${k}=${escapeProperty(String(v))}`)
    .join(',');
  return `::${command}${props ? ` ${props}` : ''}::${escapeData(message)}`;
}

/** The heredoc form of GITHUB_OUTPUT / GITHUB_STATE, with a delimiter the value cannot contain. */
export function fileCommandEntry(name: string, value: string): string {
  const delimiter = `ghadelimiter_${randomUUID()}`;
  if (name.includes(delimiter) || value.includes(delimiter)) throw new Error(`value of ${name} contains the delimiter`);
  return `${name}<<${delimiter}\n${value}\n${delimiter}\n`;
}

export function inputEnvName(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
}

/** Speaks to a GitHub runner: INPUT_* and STATE_* variables, GITHUB_OUTPUT/STATE/STEP_SUMMARY files, workflow commands on stdout. */
export class RunnerRuntime implements ActionRuntime {
  readonly logger: Logger;
  constructor(
    readonly env: Readonly<Record<string, string | undefined>>,
    private readonly write: (line: string) => void,
  ) {
    // Messages carry untrusted text (stage reasons, rule ids, paths, service errors): a warning or an error is one
    // workflow command with its data escaped; plain text is printed as is only when it is one line that cannot be
    // read as a command, and otherwise inside a stop-commands block.
    const say = (cmd: string | null) => (m: string) => {
      if (cmd) {
        this.resumeCommands();
        this.write(workflowCommand(cmd, {}, m));
      } else this.printData(m);
    };
    this.logger = { debug: say('debug'), info: say(null), warn: say('warning'), error: say('error') };
  }

  input(name: InputName): string {
    return (this.env[inputEnvName(name)] ?? '').trim();
  }

  private fileCommand(variable: string, name: string, value: string): void {
    const file = this.env[variable];
    if (!file) {
      this.logger.warn(`${variable} is not set: ${name} is not passed on`);
      return;
    }
    appendFileSync(file, fileCommandEntry(name, value), 'utf8');
  }

  setOutput(name: OutputName, value: string): void {
    this.fileCommand('GITHUB_OUTPUT', name, value);
  }

  saveState(name: StateName, value: string): void {
    this.fileCommand('GITHUB_STATE', name, value);
  }

  state(name: StateName): string {
    return this.env[`STATE_${name}`] ?? '';
  }

  appendSummary(markdown: string): void {
    const file = this.env.GITHUB_STEP_SUMMARY;
    if (!file) return;
    appendFileSync(file, markdown.endsWith('\n') ? markdown : `${markdown}\n`, 'utf8');
  }

  annotate(a: Annotation): void {
    this.resumeCommands();
    this.write(workflowCommand(a.level, { title: a.title, file: a.file, line: a.line, endLine: a.endLine, col: a.col }, a.message));
  }

  setSecret(value: string): void {
    this.resumeCommands();
    if (value) this.write(workflowCommand('add-mask', {}, value));
  }

  private stopToken: string | null = null;

  startGroup(title: string): void {
    this.resumeCommands();
    this.write(workflowCommand('group', {}, title));
  }

  endGroup(): void {
    this.resumeCommands();
    this.write('::endgroup::');
  }

  echoUntrusted(line: string): void {
    if (!this.stopToken) {
      this.stopToken = randomUUID().replace(/-/g, '');
      this.write(`::stop-commands::${this.stopToken}`);
    }
    this.write(line);
  }

  /** The one way text reaches the log outside a workflow command. */
  private printData(text: string): void {
    const lines = text.split(LINE_BREAK);
    if (lines.length === 1 && !looksLikeCommand(text)) {
      this.resumeCommands();
      this.write(text);
      return;
    }
    for (const line of lines) this.echoUntrusted(line);
  }

  private resumeCommands(): void {
    if (!this.stopToken) return;
    this.write(`::${this.stopToken}::`);
    this.stopToken = null;
  }
}

/** Keeps everything in memory: tests read back what an action said, set and saved. */
export class MemoryRuntime implements ActionRuntime {
  readonly outputs = new Map<string, string>();
  readonly states = new Map<string, string>();
  readonly annotations: Annotation[] = [];
  readonly secrets: string[] = [];
  summary = '';
  readonly lines: { level: 'debug' | 'info' | 'warn' | 'error'; message: string }[] = [];
  readonly logger: Logger;
  constructor(
    readonly env: Readonly<Record<string, string | undefined>> = {},
    private readonly inputs: Partial<Record<InputName, string>> = {},
    savedState: Partial<Record<StateName, string>> = {},
  ) {
    for (const [k, v] of Object.entries(savedState)) if (v !== undefined) this.states.set(k, v);
    const say = (level: 'debug' | 'info' | 'warn' | 'error') => (message: string) => void this.lines.push({ level, message });
    this.logger = { debug: say('debug'), info: say('info'), warn: say('warn'), error: say('error') };
  }
  input(name: InputName): string {
    return (this.inputs[name] ?? '').trim();
  }
  setOutput(name: OutputName, value: string): void {
    this.outputs.set(name, value);
  }
  saveState(name: StateName, value: string): void {
    this.states.set(name, value);
  }
  state(name: StateName): string {
    return this.states.get(name) ?? '';
  }
  appendSummary(markdown: string): void {
    this.summary += markdown.endsWith('\n') ? markdown : `${markdown}\n`;
  }
  annotate(a: Annotation): void {
    this.annotations.push(a);
  }
  setSecret(value: string): void {
    this.secrets.push(value);
  }
  startGroup(title: string): void {
    this.lines.push({ level: 'info', message: `[group] ${title}` });
  }
  endGroup(): void {
    this.lines.push({ level: 'info', message: '[endgroup]' });
  }
  echoUntrusted(line: string): void {
    this.lines.push({ level: 'info', message: line });
  }
  text(level?: 'debug' | 'info' | 'warn' | 'error'): string {
    return this.lines.filter((l) => !level || l.level === level).map((l) => l.message).join('\n');
  }
}
