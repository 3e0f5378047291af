// Arguments of `andon trace <serial> --repo owner/name`, shared by the CLI and src/github/remote-trace.ts.

export interface RemoteTraceArgs {
  serial: string;
  repo: string;
  token: string | undefined;
  json: boolean;
}
