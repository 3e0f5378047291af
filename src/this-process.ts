// The Node process the CLI or an action runs in, read at the entry points: the engine and the record
// readers are given these facts and never touch `process` themselves.
import { hostname } from 'node:os';
import type { WriterProcess } from './core/run-record.js';

/** The process that writes a run's record, so a later reader can tell a run whose writer is gone. */
export function thisProcess(): WriterProcess {
  return { pid: process.pid, hostname: hostname(), node: process.version };
}

/** Whether a process of this host is still running (a record it writes is then not interrupted). */
export function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
