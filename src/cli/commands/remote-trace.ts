// `andon trace <serial> --repo owner/name`: looks a GitHub serial up through src/github's REST lookup
// (token from --token, GITHUB_TOKEN or GH_TOKEN) and prints what src/report renders. Loaded only for this command.
import path from 'node:path';
import { UserError } from '../../core/errors.js';
import { traceSerial } from '../../github/trace.js';
import { formatRemoteTrace } from '../../report/trace-text.js';
import type { CliIo } from '../io.js';

export interface RemoteTraceArgs {
  serial: string;
  repo: string;
  token: string | undefined;
  json: boolean;
}

export async function remoteTraceCommand(args: RemoteTraceArgs, io: CliIo): Promise<number> {
  const token = args.token || io.env.GITHUB_TOKEN || io.env.GH_TOKEN || '';
  if (!/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/.test(args.repo)) throw new UserError(`--repo ${JSON.stringify(args.repo)}: expected owner/name`);
  const t = await traceSerial({
    serial: args.serial,
    repo: args.repo,
    token,
    apiUrl: io.env.GITHUB_API_URL || 'https://api.github.com',
    // Kept next to the local store so `andon show` can read it afterwards.
    dest: path.join(io.cwd, '.andon', 'remote'),
  });
  if (args.json) {
    const { serial, run, artifacts, record, recordError, github, checkout, dir, notes } = t;
    io.out(`${JSON.stringify({ serial, run, artifacts, record, recordError, github, checkout, dir, notes }, null, 2)}\n`);
  } else io.out(`${formatRemoteTrace(t)}\n`);
  return 0;
}
