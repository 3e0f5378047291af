// What an entry point holds while lines run, so that a process ending under them (a stage's code calling
// process.exit, an error nothing caught) still leaves every record finished and a non-zero exit code.

/** A running line that can be ended at once. */
export interface Abandonable {
  /** Finishes the record synchronously with the reason; returns the exit code its stages now give. */
  abandon(reason: string): number;
}

export class ExitGuard {
  private readonly open = new Set<Abandonable>();

  /** Holds a line while it runs; the returned function lets go of it when the line finished by itself. */
  hold(line: Abandonable): () => void {
    this.open.add(line);
    return () => this.open.delete(line);
  }

  /**
   * For the process's `exit` event: finishes every line still running and returns the exit code to end with
   * (never 0: an unfinished line did not pass), or null when no line was running.
   */
  onExit(code: number): number | null {
    if (this.open.size === 0) return null;
    const reason = `the process ended (exit code ${code}) while this stage ran; a stage's code must not end the process (process.exit in an ESLint config or plugin, an error nothing caught)`;
    let exit = 1;
    for (const line of [...this.open]) {
      this.open.delete(line);
      try {
        exit = Math.max(exit, line.abandon(reason));
      } catch {
        // The record cannot be written (the disk that failed the run): the exit code still says it did not pass.
      }
    }
    return exit;
  }
}
