// Fuzzing andon.yml: whatever the text, the config loader gives a config or a UserError with a place, nothing else.
import fc from 'fast-check';
import { isUtf8 } from 'node:buffer';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { loadConfig, parseConfig, type LoadedConfig } from '../../../src/core/config.js';
import { UserError } from '../../../src/core/errors.js';
import { defaultRegistry } from '../../../src/stages/index.js';
import { makeTempDir } from '../../helpers/stage-context.js';
import { FILE_RUNS, hostileString, hostileValue, mutated, RUNS, withBadBytes } from './arbitraries.js';

const registry = defaultRegistry();

/** The config, or the UserError it was refused with; any other throw fails the property. */
function outcome(load: () => LoadedConfig): LoadedConfig | UserError {
  try {
    return load();
  } catch (e) {
    if (e instanceof UserError) return e;
    throw e;
  }
}

/** Mostly `good`, sometimes hostile: every field has its turn at being wrong, and whole configs often load. */
const mostly = <T>(good: fc.Arbitrary<T>, bad: fc.Arbitrary<unknown> = hostileValue) => fc.oneof({ weight: 9, arbitrary: good }, { weight: 1, arbitrary: bad });

const stageEntry = fc.record(
  {
    id: mostly(fc.constantFrom('unit', 'lint', 'a-1'), hostileString),
    uses: mostly(fc.constant('command'), hostileString),
    blocking: mostly(fc.boolean()),
    passEnv: mostly(fc.constant(['ACTIONS_ID_TOKEN_REQUEST_TOKEN']), fc.array(hostileString, { maxLength: 2 })),
    with: mostly(
      fc.record({ run: mostly(fc.array(hostileString, { minLength: 1, maxLength: 3 })), cwd: mostly(fc.constant('.'), hostileString), env: fc.dictionary(hostileString, hostileString, { maxKeys: 2 }) }, { requiredKeys: ['run'] }),
      fc.dictionary(hostileString, hostileValue, { maxKeys: 4 }),
    ),
  },
  { requiredKeys: ['id', 'uses'] },
);

/** Near-valid configs: the right shape, hostile values here and there. */
const nearValid = fc
  .record(
    {
      version: mostly(fc.constant(1)),
      line: fc.array(stageEntry, { minLength: 1, maxLength: 3 }),
      store: fc.record({ path: mostly(fc.constantFrom('.andon/runs', 'runs', '/tmp/rt/runs'), hostileString) }),
      cache: fc.record({ path: mostly(fc.constant('.andon/cache'), hostileString), enabled: mostly(fc.boolean()) }),
    },
    { requiredKeys: ['version', 'line'] },
  )
  .map((c) => stringify(c));

describe('fuzzing the config loader', () => {
  it('near-valid configs, mutated: a LoadedConfig or a UserError with file:line:col', () => {
    fc.assert(
      fc.property(fc.oneof(nearValid, mutated(nearValid)), (text) => {
        const r = outcome(() => parseConfig(text, 'andon.yml', registry, 'andon.yml', { env: { RUNNER_TEMP: '/tmp/rt' } }));
        if (r instanceof UserError) expect(r.message).toMatch(/^andon\.yml(:\d+:\d+)?: /m);
        else for (const s of r.line) expect(Object.getPrototypeOf(s.rawOptions)).toBe(Object.prototype);
      }),
      { numRuns: RUNS },
    );
  });

  it('any text: never an exception other than UserError', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 200 }), mutated(fc.constant('version: 1\nline:\n  - id: a\n    uses: command\n    with: { run: [echo] }\n'))), (text) => {
        outcome(() => parseConfig(text, 'andon.yml', registry));
      }),
      { numRuns: RUNS },
    );
  });

  it('bytes from disk, some not UTF-8: a config or a UserError, read as strictly as it is decoded', async () => {
    const ws = await makeTempDir();
    const file = path.join(ws, 'andon.yml');
    await fc.assert(
      fc.asyncProperty(withBadBytes(nearValid), async (bytes) => {
        await writeFile(file, bytes);
        try {
          const cfg = await loadConfig(ws, undefined, registry);
          // Loaded only when the bytes were UTF-8: no U+FFFD slipped in.
          expect(isUtf8(bytes)).toBe(true);
          expect(cfg.path).toBe('andon.yml');
        } catch (e) {
          if (!(e instanceof UserError)) throw e;
        }
      }),
      { numRuns: FILE_RUNS },
    );
  });
});
