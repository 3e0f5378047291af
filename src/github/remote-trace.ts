// `andon trace <serial> --repo owner/name`: the CLI's lookup of a GitHub serial (token from --token or GITHUB_TOKEN / GH_TOKEN).
import path from 'node:path';
import type { CliIo } from '../cli/io.js';
import type { RemoteTraceArgs } from '../cli/remote-trace-args.js';
import { UserError } from '../core/errors.js';
import { formatTrace, traceSerial } from './trace.js';

export async function remoteTrace(args: RemoteTraceArgs, io: CliIo): Promise<number> {
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
  }
  else io.out(`${formatTrace(t)}\n`);
  return 0;
}
