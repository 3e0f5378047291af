// What a CLI command may touch of the outside world, passed in so commands stay testable.
import type { SourceAnswers } from '../core/source-git.js';
import type { ExitGuard } from '../core/exit-guard.js';
import type { Style } from '../report/style.js';

export interface CliIo {
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  out(text: string): void;
  err(text: string): void;
  style: Style;
  /** stderr is a terminal: progress may redraw. */
  isTty: boolean;
  /** Aborted on SIGINT/SIGTERM with the signal name as reason. */
  signal: AbortSignal;
  /** The workspace's git answers, asked by the entry point while the rest of Andon loaded (`andon run`). */
  sourceAnswers?: Promise<SourceAnswers>;
  /** Finishes the record of a line still running when the process ends (the entry point holds it). */
  exitGuard?: ExitGuard;
}
