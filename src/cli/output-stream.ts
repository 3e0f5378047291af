// The process's output streams as the CLI writes to them: a reader that goes away (`andon runs | head -1`) ends
// the output, never the command, which finishes its work (a run still closes its record) and exits as it would.

/** A writer to stdout or stderr that goes quiet once the stream fails (EPIPE and the like) instead of crashing. */
export function streamWriter(stream: NodeJS.WritableStream & { destroyed?: boolean }): (text: string) => void {
  let gone = false;
  // Without a listener the failed write's 'error' event is thrown from the event loop, with a stack, exit 1.
  stream.on('error', () => {
    gone = true;
  });
  return (text) => {
    if (gone || stream.destroyed) return;
    stream.write(text);
  };
}
