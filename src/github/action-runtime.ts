// What an action needs from the runner, as one small interface: the runner's file commands, or memory for tests;
// both mask secrets in everything that leaves the action, in one place.
import { randomUUID } from 'node:crypto';
import { appendFileSync } from 'node:fs';
import type { Logger } from '../core/logger.js';
import { Masker } from '../core/mask.js';
import { Input, type InputName, type OutputName, type StateName } from './constants.js';

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
  /** Every summary, annotation, output, group title and log line is masked with it before it is written. */
  readonly masker: Masker;
  readonly logger: Logger;
  /** The input's value, trimmed; '' when not given. */
  input(name: InputName): string;
  setOutput(name: OutputName, value: string): void;
  saveState(name: StateName, value: string): void;
  /** A value the main step saved for the post step; '' when none. */
  state(name: StateName): string;
  appendSummary(markdown: string): void;
  annotate(a: Annotation): void;
  /** From here on the runner masks this value in every log line, and Andon in everything it writes. */
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

type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/**
 * What every runtime does before anything leaves the action: mask secrets, by value, in the forms they take (the
 * environment's secret-like variables and the action's token, plus every value given to setSecret). The runner masks
 * only what it was told and only in the log; the summary, the annotations and the outputs are Andon's to mask.
 */
abstract class MaskingRuntime implements ActionRuntime {
  readonly masker: Masker;
  readonly logger: Logger;

  constructor(
    readonly env: Readonly<Record<string, string | undefined>>,
    githubToken: string,
  ) {
    this.masker = Masker.fromEnv(env, githubToken ? [githubToken] : []);
    const say = (level: LogLevel) => (m: string) => this.writeLog(level, this.masker.mask(m));
    this.logger = { debug: say('debug'), info: say('info'), warn: say('warn'), error: say('error') };
  }

  abstract input(name: InputName): string;
  abstract saveState(name: StateName, value: string): void;
  abstract state(name: StateName): string;
  abstract endGroup(): void;
  protected abstract writeLog(level: LogLevel, message: string): void;
  protected abstract writeOutput(name: OutputName, value: string): void;
  protected abstract writeSummary(markdown: string): void;
  protected abstract writeAnnotation(a: Annotation): void;
  protected abstract writeSecret(value: string): void;
  protected abstract writeGroup(title: string): void;
  protected abstract writeUntrusted(line: string): void;

  setOutput(name: OutputName, value: string): void {
    this.writeOutput(name, this.masker.mask(value));
  }

  appendSummary(markdown: string): void {
    this.writeSummary(this.masker.mask(markdown.endsWith('\n') ? markdown : `${markdown}\n`));
  }

  annotate(a: Annotation): void {
    const mask = (v: string | undefined) => (v === undefined ? undefined : this.masker.mask(v));
    this.writeAnnotation({ ...a, message: this.masker.mask(a.message), ...(a.title !== undefined ? { title: mask(a.title)! } : {}), ...(a.file !== undefined ? { file: mask(a.file)! } : {}) });
  }

  setSecret(value: string): void {
    if (!value) return;
    this.masker.add(value);
    // The one write that must carry the value itself: it is how the runner learns it.
    this.writeSecret(value);
  }

  startGroup(title: string): void {
    this.writeGroup(this.masker.mask(title));
  }

  echoUntrusted(line: string): void {
    this.writeUntrusted(this.masker.mask(line));
  }
}

/** Speaks to a GitHub runner: INPUT_* and STATE_* variables, GITHUB_OUTPUT/STATE/STEP_SUMMARY files, workflow commands on stdout. */
export class RunnerRuntime extends MaskingRuntime {
  constructor(
    env: Readonly<Record<string, string | undefined>>,
    private readonly write: (line: string) => void,
  ) {
    super(env, (env[inputEnvName(Input.githubToken)] ?? '').trim());
  }

  input(name: InputName): string {
    return (this.env[inputEnvName(name)] ?? '').trim();
  }

  /**
   * Messages carry untrusted text (stage reasons, rule ids, paths, service errors): a warning or an error is one
   * workflow command with its data escaped; plain text is printed as is only when it is one line that cannot be
   * read as a command, and otherwise inside a stop-commands block.
   */
  protected writeLog(level: LogLevel, m: string): void {
    if (level === 'info') {
      this.printData(m);
      return;
    }
    this.resumeCommands();
    this.write(workflowCommand(level === 'warn' ? 'warning' : level, {}, m));
  }

  private fileCommand(variable: string, name: string, value: string): void {
    const file = this.env[variable];
    if (!file) {
      this.logger.warn(`${variable} is not set: ${name} is not passed on`);
      return;
    }
    appendFileSync(file, fileCommandEntry(name, value), 'utf8');
  }

  protected writeOutput(name: OutputName, value: string): void {
    this.fileCommand('GITHUB_OUTPUT', name, value);
  }

  /** State is not shown anywhere: it goes to the post step as it is, so what it reads back is what was saved. */
  saveState(name: StateName, value: string): void {
    this.fileCommand('GITHUB_STATE', name, value);
  }

  state(name: StateName): string {
    return this.env[`STATE_${name}`] ?? '';
  }

  protected writeSummary(markdown: string): void {
    const file = this.env.GITHUB_STEP_SUMMARY;
    if (!file) return;
    appendFileSync(file, markdown, 'utf8');
  }

  protected writeAnnotation(a: Annotation): void {
    this.resumeCommands();
    this.write(workflowCommand(a.level, { title: a.title, file: a.file, line: a.line, endLine: a.endLine, col: a.col }, a.message));
  }

  protected writeSecret(value: string): void {
    this.resumeCommands();
    this.write(workflowCommand('add-mask', {}, value));
  }

  private stopToken: string | null = null;

  protected writeGroup(title: string): void {
    this.resumeCommands();
    this.write(workflowCommand('group', {}, title));
  }

  endGroup(): void {
    this.resumeCommands();
    this.write('::endgroup::');
  }

  protected writeUntrusted(line: string): void {
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
    for (const line of lines) this.writeUntrusted(line);
  }

  private resumeCommands(): void {
    if (!this.stopToken) return;
    this.write(`::${this.stopToken}::`);
    this.stopToken = null;
  }
}

/** Keeps everything in memory, masked as a runner's would be: tests read back what an action said, set and saved. */
export class MemoryRuntime extends MaskingRuntime {
  readonly outputs = new Map<string, string>();
  readonly states = new Map<string, string>();
  readonly annotations: Annotation[] = [];
  readonly secrets: string[] = [];
  summary = '';
  readonly lines: { level: LogLevel; message: string }[] = [];
  constructor(
    env: Readonly<Record<string, string | undefined>> = {},
    private readonly inputs: Partial<Record<InputName, string>> = {},
    savedState: Partial<Record<StateName, string>> = {},
  ) {
    super(env, (inputs[Input.githubToken] ?? '').trim());
    for (const [k, v] of Object.entries(savedState)) if (v !== undefined) this.states.set(k, v);
  }
  input(name: InputName): string {
    return (this.inputs[name] ?? '').trim();
  }
  protected writeLog(level: LogLevel, message: string): void {
    this.lines.push({ level, message });
  }
  protected writeOutput(name: OutputName, value: string): void {
    this.outputs.set(name, value);
  }
  saveState(name: StateName, value: string): void {
    this.states.set(name, value);
  }
  state(name: StateName): string {
    return this.states.get(name) ?? '';
  }
  protected writeSummary(markdown: string): void {
    this.summary += markdown;
  }
  protected writeAnnotation(a: Annotation): void {
    this.annotations.push(a);
  }
  protected writeSecret(value: string): void {
    this.secrets.push(value);
  }
  protected writeGroup(title: string): void {
    this.lines.push({ level: 'info', message: `[group] ${title}` });
  }
  endGroup(): void {
    this.lines.push({ level: 'info', message: '[endgroup]' });
  }
  protected writeUntrusted(line: string): void {
    this.lines.push({ level: 'info', message: line });
  }
  text(level?: LogLevel): string {
    return this.lines.filter((l) => !level || l.level === level).map((l) => l.message).join('\n');
  }
}
