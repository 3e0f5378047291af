// Fuzzing the spec readers (Andon format, OpenSpec, Spec Kit): any Markdown gives requirements and findings, never
// an exception, and every finding points at a line the file has.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { andonIdPattern, readAndonSpec } from '../../../src/stages/spec/andon-format.js';
import type { FormatRead } from '../../../src/stages/spec/format-result.js';
import { splitLines } from '../../../src/stages/spec/markdown.js';
import type { SpecFile } from '../../../src/stages/spec/model.js';
import { readOpenSpecRoot } from '../../../src/stages/spec/openspec-format.js';
import { readSpecKitFeature } from '../../../src/stages/spec/spec-kit-format.js';
import { hostileString, mutated, RUNS } from './arbitraries.js';

const line = fc.oneof(
  hostileString,
  fc.constantFrom('## Requirements', '### Requirement: Login', '#### Scenario: ok', '- **WHEN** a', '- **THEN** b', 'The system SHALL work.', '## ADDED Requirements', '## Purpose', '```', '~~~'),
  fc.tuple(fc.constantFrom('#', '##', '###', '- ', '**', '- [ ] T001 '), fc.constantFrom('REQ', 'FR', 'SC', 'US'), fc.integer({ min: -1, max: 99999 }), hostileString).map(([h, p, n, t]) => `${h} ${p}-${n} ${t}`),
);
const frontMatter = fc.oneof(
  fc.constant(''),
  fc.tuple(fc.oneof(fc.constant('REQ-1'), hostileString), fc.oneof(fc.constant('draft'), hostileString), hostileString).map(([id, status, extra]) => `---\nid: ${id}\ntitle: T\nstatus: ${status}\n${extra}\n---\n`),
);
const markdown = fc.tuple(frontMatter, fc.array(line, { maxLength: 25 })).map(([fm, ls]) => fm + ls.join('\n'));
const file = (p: string) => mutated(markdown).map((text): SpecFile => ({ path: p, text, lines: splitLines(text) }));

/** Every finding's line is one of the file's lines (or the line after the last, for "missing at the end"). */
function placesAreLines(read: FormatRead, files: readonly SpecFile[]): void {
  const sizes = new Map(files.map((f) => [f.path, f.lines.length]));
  for (const f of read.findings) {
    if (!f.place) continue;
    const size = sizes.get(f.place.path);
    if (size === undefined) continue;
    expect(Number.isInteger(f.place.line) && f.place.line >= 1 && f.place.line <= size + 1, `${f.ruleId} at ${f.place.line} of ${size}`).toBe(true);
  }
}

describe('fuzzing the spec readers', () => {
  it('the Andon format', () => {
    const ids = andonIdPattern(['REQ', 'FR']);
    fc.assert(
      fc.property(file('specs/a.md'), (f) => placesAreLines(readAndonSpec(f, ids), [f])),
      { numRuns: RUNS },
    );
  });

  it('OpenSpec trees', () => {
    fc.assert(
      fc.property(file('openspec/specs/auth/spec.md'), file('openspec/changes/add-x/specs/auth/spec.md'), file('openspec/changes/add-x/proposal.md'), (a, b, c) => {
        placesAreLines(readOpenSpecRoot('openspec', [a, b, c], new Map([['openspec/changes/add-x/tasks.md', c.text]])), [a, b, c]);
      }),
      { numRuns: RUNS },
    );
  });

  it('Spec Kit features', () => {
    fc.assert(
      fc.property(file('specs/001-x/spec.md'), file('specs/001-x/tasks.md'), (spec, tasks) => {
        const known = new Set([spec.path, tasks.path]);
        placesAreLines(readSpecKitFeature('specs/001-x', [spec, tasks], { known, clarifyOverride: false }), [spec, tasks]);
      }),
      { numRuns: RUNS },
    );
  });
});
