// The logger interface core code talks to; the CLI and the actions choose the implementation.

export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };

/** Keeps every message; tests assert on what was said. */
export class RecordingLogger implements Logger {
  readonly messages: { level: 'debug' | 'info' | 'warn' | 'error'; message: string }[] = [];
  debug(message: string): void { this.messages.push({ level: 'debug', message }); }
  info(message: string): void { this.messages.push({ level: 'info', message }); }
  warn(message: string): void { this.messages.push({ level: 'warn', message }); }
  error(message: string): void { this.messages.push({ level: 'error', message }); }
  text(level?: 'debug' | 'info' | 'warn' | 'error'): string {
    return this.messages.filter((m) => !level || m.level === level).map((m) => m.message).join('\n');
  }
}
