// Races a service call against Andon's own deadline, since a hung service is given up by the clients only after ~15 minutes.

export type Deadlined<T> =
  | { kind: 'done'; value: T }
  | { kind: 'failed'; error: string }
  | { kind: 'timed-out'; afterMs: number };

/**
 * Never throws and never waits past `ms`: the call keeps running in the background when it times out,
 * so the caller must not depend on its side effects afterwards (the timer is unref'd so it cannot hold the process).
 */
export async function withDeadline<T>(ms: number, call: (signal: AbortSignal) => Promise<T>): Promise<Deadlined<T>> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<Deadlined<T>>((resolve) => {
    timer = setTimeout(() => {
      controller.abort(new Error(`deadline of ${ms} ms passed`));
      resolve({ kind: 'timed-out', afterMs: ms });
    }, ms);
    timer.unref();
  });
  const work = (async (): Promise<Deadlined<T>> => {
    try {
      return { kind: 'done', value: await call(controller.signal) };
    } catch (err) {
      return { kind: 'failed', error: err instanceof Error ? err.message : String(err) };
    }
  })();
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export function describeMiss(what: string, r: Exclude<Deadlined<unknown>, { kind: 'done' }>): string {
  if (r.kind === 'failed') return `${what} failed: ${r.error}`;
  return `${what} did not answer within ${r.afterMs < 1000 ? `${r.afterMs} ms` : `${Math.round(r.afterMs / 1000)} s`}`;
}

/**
 * Tries a call again after a failure (never after a timeout: a service that hangs once is given up) until it works
 * or `ms` have passed in all. For idempotent calls (listing, downloading); uploads have their own loop.
 */
export async function retrying<T>(ms: number, call: (signal: AbortSignal) => Promise<T>, pauseMs = 250): Promise<Deadlined<T>> {
  const end = Date.now() + ms;
  for (let i = 0; ; i++) {
    const left = end - Date.now();
    if (left <= 0) return { kind: 'timed-out', afterMs: ms };
    const r = await withDeadline(left, call);
    if (r.kind !== 'failed') return r.kind === 'timed-out' ? { kind: 'timed-out', afterMs: ms } : r;
    if (!isTransient(r.error)) return r;
    const wait = Math.min(pauseMs * 2 ** Math.min(i, 4), end - Date.now());
    if (wait <= 0) return r;
    await new Promise((resolve) => setTimeout(resolve, wait).unref());
  }
}

/** A failure worth another try: the connection dropped, the service answered 5xx or 429, or gave up retrying those. */
export function isTransient(error: string): boolean {
  return /ECONNRESET|ETIMEDOUT|ECONNREFUSED|EPIPE|EHOSTUNREACH|socket|network|fetch failed|terminated|aborted|closed|\b(5\d\d|429)\b|after \d+ attempts/i.test(error);
}
