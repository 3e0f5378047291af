// Fuzzing the SARIF reader: any JSON gives findings or a one-line refusal; positions are lines a file can have,
// and fingerprinting what was read takes bounded work.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fingerprintAll } from '../../../src/core/fingerprint.js';
import { MAX_POSITION } from '../../../src/core/findings.js';
import { mapSarifLog, parseSarifFile } from '../../../src/stages/static-analysis/sarif-source.js';
import { makeTempDir } from '../../helpers/stage-context.js';
import { hostileNumber, hostileString, hostileValue, mutated, RUNS } from './arbitraries.js';

const maybe = <T>(a: fc.Arbitrary<T>) => fc.oneof({ weight: 4, arbitrary: a }, { weight: 1, arbitrary: hostileValue });

const region = fc.record({ startLine: maybe(hostileNumber), startColumn: maybe(hostileNumber), endLine: maybe(hostileNumber), endColumn: maybe(hostileNumber) }, { requiredKeys: [] });
const artifactLocation = fc.record({ uri: maybe(fc.oneof(fc.constantFrom('src/a.js', 'file:///etc/passwd', '../x', '%zz', 'a%2Fb', 'https://x'), hostileString)), uriBaseId: maybe(hostileString), index: maybe(fc.integer({ min: -2, max: 3 })) }, { requiredKeys: [] });
const result = fc.record(
  {
    ruleId: maybe(hostileString),
    ruleIndex: maybe(fc.integer({ min: -2, max: 3 })),
    level: maybe(fc.constantFrom('error', 'warning', 'note', 'none')),
    kind: maybe(fc.constantFrom('fail', 'pass', 'open')),
    message: maybe(fc.record({ text: maybe(hostileString), id: maybe(hostileString), arguments: maybe(fc.array(hostileString, { maxLength: 3 })) }, { requiredKeys: [] })),
    locations: maybe(fc.array(fc.record({ physicalLocation: maybe(fc.record({ artifactLocation: maybe(artifactLocation), region: maybe(region) }, { requiredKeys: [] })) }), { maxLength: 2 })),
    suppressions: maybe(fc.array(hostileValue, { maxLength: 2 })),
  },
  { requiredKeys: [] },
);
const run = fc.record(
  {
    tool: maybe(fc.record({ driver: maybe(fc.record({ name: maybe(hostileString), version: maybe(hostileString), rules: maybe(fc.array(fc.record({ id: maybe(hostileString), messageStrings: maybe(fc.dictionary(hostileString, fc.record({ text: hostileString }), { maxKeys: 2 })) }), { maxLength: 3 })) }, { requiredKeys: [] })) })),
    results: maybe(fc.array(maybe(result), { maxLength: 4 })),
    originalUriBaseIds: maybe(fc.dictionary(hostileString, maybe(artifactLocation), { maxKeys: 2 })),
    artifacts: maybe(fc.array(fc.record({ location: maybe(artifactLocation) }), { maxLength: 2 })),
  },
  { requiredKeys: ['tool'] },
);
const log = fc.record({ version: maybe(fc.constant('2.1.0')), runs: maybe(fc.array(maybe(run), { maxLength: 2 })) });

describe('fuzzing the SARIF reader', () => {
  it('near-valid logs: findings whose positions are real lines, or a reason; fingerprints in bounded work', async () => {
    const ws = await makeTempDir();
    await fc.assert(
      fc.asyncProperty(log, async (l) => {
        const r = mapSarifLog(l, 'r.sarif', ws);
        if (!r.ok) {
          expect(r.reason).toMatch(/^r\.sarif: /);
          return;
        }
        for (const f of r.findings) {
          for (const v of [f.location?.startLine, f.location?.startColumn, f.location?.endLine, f.location?.endColumn]) {
            if (v !== undefined) expect(Number.isInteger(v) && v >= 1 && v <= MAX_POSITION).toBe(true);
          }
        }
        // Work counted, not timed: each file is asked for once, and each fingerprint is made.
        let reads = 0;
        const lines = ['one', 'two', 'three'];
        const fps = await fingerprintAll(r.findings, async () => (reads++, lines));
        expect(fps).toHaveLength(r.findings.length);
        expect(reads).toBeLessThanOrEqual(new Set(r.findings.map((f) => f.location?.path)).size);
      }),
      { numRuns: RUNS },
    );
  });

  it('any text as a report: a result, never an exception', async () => {
    const ws = await makeTempDir();
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 100 }), mutated(log.map((l) => JSON.stringify(l)))), (text) => {
        const r = parseSarifFile({ path: 'r.sarif', text }, ws);
        expect(typeof r.ok).toBe('boolean');
      }),
      { numRuns: RUNS },
    );
  });
});
