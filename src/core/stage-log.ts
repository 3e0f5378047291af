// A stage's logger: every line masked, appended to the stage's log.txt and echoed to the console;
// warnings also reach the run's logger.
import { appendFileSync } from 'node:fs';
import type { Logger } from './logger.js';
import type { Masker } from './mask.js';

export function stageLog(
  file: string,
  masker: Masker,
  parent: Logger,
  stageId: string,
  echo: (line: string) => void,
  /** Hears of a write that failed for another reason than the folder being gone (a full disk, a file-size limit). */
  onWriteError: (e: NodeJS.ErrnoException) => void = () => undefined,
): Logger {
  const write = (level: string, message: string) => {
    const text = masker.mask(message);
    for (const line of text.split('\n')) {
      const l = level === 'info' ? line : `${level}: ${line}`;
      try {
        appendFileSync(file, l + '\n');
      } catch (e) {
        // The stage folder is gone (cancelled run cleaning up): the console still has it.
        if ((e as NodeJS.ErrnoException).code !== 'ENOENT') onWriteError(e as NodeJS.ErrnoException);
      }
      echo(l);
    }
  };
  return {
    debug: (m) => parent.debug(`[${stageId}] ${masker.mask(m)}`),
    info: (m) => write('info', m),
    warn: (m) => {
      write('warning', m);
      parent.warn(`[${stageId}] ${masker.mask(m)}`);
    },
    error: (m) => {
      write('error', m);
    },
  };
}
