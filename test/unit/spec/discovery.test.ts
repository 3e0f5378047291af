// Spec discovery: with no with.paths the stage finds OpenSpec's openspec/, spec-kit's specs/ (also inside .specify/)
// and Andon's specs/, and when there is none says every place it looked.
import { describe, expect, it } from 'vitest';
import { specStage } from '../../../src/stages/spec/index.js';
import { SpecOptions } from '../../../src/stages/spec/options.js';
import { goodAndonSpec, openSpecAuth as openSpec, runSpec, workspaceWith } from './helpers.js';

const specKit = `# Feature Specification: Alerts

## User Scenarios & Testing

### User Story 1 - Get an alert (Priority: P1)

A user gets an alert.

**Acceptance Scenarios**:

1. **Given** a rule, **When** it fires, **Then** an alert is sent

## Requirements

### Functional Requirements

- **FR-001**: System MUST send an alert when a rule fires.
`;

describe('spec discovery (format: auto, no paths)', () => {
  it('finds an OpenSpec tree without being told', async () => {
    const ws = await workspaceWith({ 'openspec/specs/auth/spec.md': openSpec });
    const { outcome, ctx } = await runSpec(ws);
    expect(outcome.state).toBe('passed');
    expect(outcome.result).toMatchObject({ openspec: { items: 1, passed: 1 } });
    expect(ctx.logger.text()).toContain('specs read from openspec/ (found; with.paths not set)');
  });

  it("reads spec-kit's specs/, inside .specify/ too, and an OpenSpec tree beside them", async () => {
    const nested = await workspaceWith({ '.specify/memory/constitution.md': '# Constitution\n', '.specify/specs/001-alerts/spec.md': specKit });
    const r = await runSpec(nested);
    expect(r.outcome.result).toMatchObject({ formats: { 'spec-kit': 1 } });
    expect(r.outcome.counts).toMatchObject({ specs: 1 });

    const both = await workspaceWith({ 'specs/001-alerts/spec.md': specKit, 'specs/login.md': goodAndonSpec, 'openspec/specs/auth/spec.md': openSpec });
    const b = await runSpec(both);
    expect(b.outcome.result).toMatchObject({ formats: { andon: 1, 'spec-kit': 1, openspec: 1 } });
  });

  it('says every place it looked when there is none, and what .specify/ means', async () => {
    const none = await runSpec(await workspaceWith({ 'README.md': '# x\n' }));
    expect(none.outcome.state).toBe('errored');
    expect(none.outcome.reason).toBe("no spec folder found: looked for openspec/ (OpenSpec), specs/ (spec-kit's or Andon's), .specify/specs/ (spec-kit inside .specify/); set with.paths to where the specs are; nothing was validated");
    const setUp = await runSpec(await workspaceWith({ '.specify/memory/constitution.md': '# Constitution\n' }), { format: 'spec-kit' });
    expect(setUp.outcome.reason).toBe("no spec folder found: looked for specs/ (spec-kit's or Andon's), .specify/specs/ (spec-kit inside .specify/); .specify/ is there, so spec-kit is set up but no feature has been specified yet; set with.paths to where the specs are; nothing was validated");
    // Paths given are taken as given: a missing one is still an error of with.paths.
    const given = await runSpec(await workspaceWith({ 'openspec/specs/auth/spec.md': openSpec }), { paths: ['specs'] });
    expect(given.outcome.reason).toContain('spec folder(s) not found');
  });

  it('keys reuse on every place it may discover, so a folder appearing later is a change of inputs', async () => {
    const inputs = await specStage.inputs(SpecOptions.parse({}), { workspace: '/nowhere', baseSha: null, env: {}, runner: undefined as never });
    expect(inputs?.files).toEqual(['openspec/**', 'specs/**', '.specify/specs/**']);
  });
});
