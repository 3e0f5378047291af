import { describe, expect, it } from 'vitest';
import { openSpecAuth as mainSpec, runSpec, workspaceWith } from './helpers.js';


const delta = (scenarios: string) => `## MODIFIED Requirements
### Requirement: Sign in
The system SHALL sign a user in with valid credentials or a passkey.

${scenarios}
`;

describe('spec stage: OpenSpec format', () => {
  it('passes a valid tree and exposes its requirements as capability#slug', async () => {
    const ws = await workspaceWith({
      'openspec/specs/auth/spec.md': mainSpec,
      'openspec/changes/add-passkey/proposal.md': '## Why\nPasskeys.\n\n## What Changes\n- auth\n',
      'openspec/changes/add-passkey/tasks.md': '## 1. Build\n- [ ] 1.1 Passkey sign-in\n',
      'openspec/changes/add-passkey/specs/auth/spec.md': delta('#### Scenario: Valid credentials\n- ok\n\n#### Scenario: Invalid credentials\n- refused\n\n#### Scenario: Passkey\n- ok'),
    });
    const { outcome, findings } = await runSpec(ws, { paths: ['openspec'] });
    expect(findings.filter((f) => f.level === 'error')).toEqual([]);
    expect(outcome.state).toBe('passed');
    expect(outcome.result).toMatchObject({ openspec: { items: 2, passed: 2, failed: 0 } });
    expect(outcome.counts).toMatchObject({ requirements: 1 });
  });

  it('fails a MODIFIED block that drops a scenario the main spec still has, as openspec validate --strict does', async () => {
    const ws = await workspaceWith({
      'openspec/specs/auth/spec.md': mainSpec,
      'openspec/changes/add-passkey/specs/auth/spec.md': delta('#### Scenario: Valid credentials\n- ok'),
    });
    const { outcome, findings } = await runSpec(ws, { paths: ['openspec'] });
    const loss = findings.find((f) => f.ruleId === 'openspec/error');
    expect(loss?.message).toContain('omits scenario(s) the current spec still has: "Invalid credentials"');
    expect(loss?.location).toMatchObject({ path: 'openspec/changes/add-passkey/specs/auth/spec.md', startLine: 2 });
    expect(outcome.state).toBe('failed');
  });

  it('fails a change with no deltas and a spec requirement without SHALL/MUST (a strict-mode warning)', async () => {
    const ws = await workspaceWith({
      'openspec/specs/auth/spec.md': mainSpec.replace('The system SHALL sign', 'The system signs'),
      'openspec/changes/empty/proposal.md': '## Why\nNothing yet.\n',
    });
    const { outcome, findings } = await runSpec(ws, { paths: ['openspec'] });
    const verdicts = (outcome.result as { openspec: { verdicts: { id: string; valid: boolean }[] } }).openspec.verdicts;
    expect(verdicts).toEqual([
      { root: 'openspec', id: 'empty', type: 'change', valid: false },
      { root: 'openspec', id: 'auth', type: 'spec', valid: false },
    ]);
    expect(findings.find((f) => f.ruleId === 'openspec/warning')?.message).toContain('should contain SHALL or MUST');
    expect(findings.find((f) => f.ruleId === 'openspec/error')?.message).toContain('Change must have at least one delta');
  });

  it('expects a proposal and tasks in a change folder, as an Andon rule that does not change the OpenSpec verdict', async () => {
    const ws = await workspaceWith({
      'openspec/specs/auth/spec.md': mainSpec,
      'openspec/changes/add-passkey/specs/auth/spec.md': delta('#### Scenario: Valid credentials\n- ok\n\n#### Scenario: Invalid credentials\n- refused'),
    });
    const { outcome, findings } = await runSpec(ws, { paths: ['openspec'] });
    const missing = findings.filter((f) => f.ruleId === 'spec/missing-section').map((f) => [f.level, f.message, f.note]);
    expect(missing).toEqual([
      ['error', 'OpenSpec change add-passkey has no proposal.md', 'Andon rule, stricter than openspec validate --strict'],
      ['warning', 'OpenSpec change add-passkey has no tasks.md', 'Andon rule, stricter than openspec validate --strict'],
    ]);
    expect(outcome.result).toMatchObject({ openspec: { passed: 2, failed: 0 } });
  });

  it('marks its own stricter rules on OpenSpec files with a note', async () => {
    const ws = await workspaceWith({ 'openspec/specs/auth/spec.md': mainSpec.replace('is refused', 'is refused quickly') });
    const { findings } = await runSpec(ws, { paths: ['openspec'] });
    const amb = findings.find((f) => f.ruleId === 'spec/ambiguous-wording');
    expect(amb?.note).toBe('Andon rule, stricter than openspec validate --strict');
  });
});
