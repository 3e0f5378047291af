// Commands that stage kinds and the GitHub integration add to the CLI (context, new, remote trace).
import { UserError } from '../core/errors.js';
import type { CliIo } from './io.js';

export interface RemoteTraceArgs {
  serial: string;
  repo: string;
  token: string | undefined;
  json: boolean;
}

export type ExtraCommand = (args: string[], values: Record<string, unknown>, io: CliIo) => Promise<number>;

export const extraCommands: {
  usage: string;
  commands: Record<string, ExtraCommand>;
  remoteTrace: (args: RemoteTraceArgs, io: CliIo) => Promise<number>;
} = {
  usage: '',
  commands: {},
  remoteTrace: async () => {
    throw new UserError('andon trace --repo: looking a serial up on GitHub is not available in this build');
  },
};
