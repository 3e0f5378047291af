// Removes secret values from text before it reaches a log, a record or an artifact.

const SECRET_NAME = /(TOKEN|SECRET|PASSWORD|PASSWD|PRIVATE|CREDENTIAL|API_?KEY|ACCESS_KEY|AUTH)/i;
const MIN_SECRET_LENGTH = 4;
export const MASK = '***';

export class Masker {
  private readonly secrets = new Set<string>();
  private pattern: RegExp | null = null;

  /** Secrets from the environment: every variable whose name says it holds one. */
  static fromEnv(env: Readonly<Record<string, string | undefined>>, extra: readonly string[] = []): Masker {
    const m = new Masker();
    for (const [name, value] of Object.entries(env)) {
      if (value && SECRET_NAME.test(name)) m.add(value);
    }
    for (const v of extra) m.add(v);
    return m;
  }

  add(secret: string): void {
    // A multi-line secret is masked line by line, since logs are masked a line at a time.
    for (const part of secret.split(/\r?\n/)) {
      const p = part.trim();
      if (p.length >= MIN_SECRET_LENGTH) this.secrets.add(p);
    }
    this.pattern = null;
  }

  get size(): number {
    return this.secrets.size;
  }

  mask(text: string): string {
    if (this.secrets.size === 0) return text;
    if (!this.pattern) {
      const parts = [...this.secrets].sort((a, b) => b.length - a.length).map(escapeRegExp);
      this.pattern = new RegExp(parts.join('|'), 'g');
    }
    return text.replace(this.pattern, MASK);
  }
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
