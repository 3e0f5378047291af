// Terminal control sequences (colours, cursor moves, titles) as they appear in tool output, and their removal.

/** CSI sequences (ESC [ or the one-byte C1 form), OSC strings ended by BEL or ESC \, and two-character escapes. */
// eslint-disable-next-line no-control-regex
export const ANSI_CODE = /(?:\u001b\[|\u009b)[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)|\u001b[@-Z\\-_]/g;

export function hasAnsi(text: string): boolean {
  return text.includes('\u001b') || text.includes('\u009b');
}

export function stripAnsi(text: string): string {
  return hasAnsi(text) ? text.replace(ANSI_CODE, '') : text;
}
