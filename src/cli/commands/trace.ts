// `andon trace <serial>`: the lineage back to the root run, and for each stage where its result came from.
import { buildTrace } from '../../core/lineage.js';
import { renderTrace } from '../../report/trace-text.js';
import type { CliIo } from '../io.js';
import { openStore } from '../workspace.js';

export interface TraceArgs {
  serial: string;
  json: boolean;
  config?: string;
  store?: string;
}

export async function traceCommand(args: TraceArgs, io: CliIo): Promise<number> {
  const store = await openStore(io.cwd, args.config, args.store, io.env);
  const trace = await buildTrace(store, args.serial);
  if (args.json) {
    io.out(JSON.stringify(trace, null, 2) + '\n');
    return 0;
  }
  io.out(renderTrace(trace, (await store.loadRecord(args.serial)).stages, io.style));
  return 0;
}
