// Writes that fail because of the machine, not of Andon: a full disk, a quota, a file-size limit, a read-only or
// unwritable folder. They are said as what happened and what to do, never as a bug.

const CAUSES: Record<string, { what: string; fix: string }> = {
  ENOSPC: { what: 'no space left on the device', fix: 'free space on that disk' },
  EDQUOT: { what: 'the disk quota is used up', fix: 'free space within the quota' },
  EFBIG: { what: 'a file reached the file-size limit', fix: 'raise the limit (ulimit -f) or make the stage write less' },
  EROFS: { what: 'the file system is read-only', fix: 'make it writable, or point store.path in andon.yml at a writable folder' },
  EACCES: { what: 'permission denied', fix: 'make the folder writable for this user, or point store.path in andon.yml at a writable folder' },
  EPERM: { what: 'operation not permitted', fix: 'make the folder writable for this user, or point store.path in andon.yml at a writable folder' },
  EIO: { what: 'an input/output error of the device', fix: 'check the disk' },
};

export interface WriteFailure {
  code: string;
  /** What happened, e.g. "no space left on the device (ENOSPC)". */
  what: string;
  /** What the user can do about it. */
  fix: string;
}

/** The write failure an error is, or null when it is something else (which may be a bug). */
export function writeFailureOf(e: unknown): WriteFailure | null {
  const code = (e as NodeJS.ErrnoException | null)?.code;
  if (typeof code !== 'string') return null;
  const cause = CAUSES[code];
  return cause ? { code, what: `${cause.what} (${code})`, fix: cause.fix } : null;
}
