import { describe, expect, it } from 'vitest';
import { runSpec, workspaceWith } from './helpers.js';

const spec = (status: string) => `# Feature Specification: Login

**Feature Branch**: \`001-login\`
**Status**: ${status}

## User Scenarios & Testing *(mandatory)*

### User Story 1 - Sign in (Priority: P1)

A user signs in.

**Acceptance Scenarios**:

1. **Given** a registered user, **When** they sign in, **Then** they see the dashboard

### User Story 2 - Remember me (Priority: P3)

A user stays signed in.

## Requirements *(mandatory)*

### Functional Requirements

- **FR-001**: System MUST authenticate users by email and password
- **FR-002**: System MUST retain sessions for [NEEDS CLARIFICATION: retention period not specified]

## Success Criteria *(mandatory)*

- **SC-001**: 95% of sign-ins complete within 2 seconds; see FR-003
`;

const tasks = `# Tasks

- [ ] T001 Set up project
- [ ] T002 [P] [US1] Login form
- [x] T002 [US4] Duplicate id and a story that does not exist
`;

describe('spec stage: spec-kit format', () => {
  it('reads stories, FR and SC ids; a clarification in a draft spec is a warning', async () => {
    const ws = await workspaceWith({ 'specs/001-login/spec.md': spec('Draft'), 'specs/001-login/plan.md': '# Plan\n\nSee [spec](spec.md).\n' });
    const { findings, outcome } = await runSpec(ws);
    expect(outcome.counts).toMatchObject({ specs: 1, requirements: 5 });
    const clar = findings.filter((f) => f.ruleId === 'spec/needs-clarification');
    expect(clar).toHaveLength(1);
    expect(clar[0]!.level).toBe('warning');
    expect(clar[0]!.location).toMatchObject({ startLine: 25, startColumn: 47 });
    // SC-001 references FR-003, which the feature does not define.
    expect(findings.filter((f) => f.ruleId === 'spec/broken-reference').map((f) => f.message)).toEqual(['FR-003 is referenced but not defined in feature 001-login']);
    // User story 2 has no acceptance scenarios.
    expect(findings.filter((f) => f.ruleId === 'spec/no-acceptance-criteria').map((f) => f.traceTo)).toEqual([['001-login/US2']]);
  });

  it('makes a clarification left in a ready spec an error, and checks tasks.md ids and stories', async () => {
    const ws = await workspaceWith({ 'specs/001-login/spec.md': spec('Ready'), 'specs/001-login/tasks.md': tasks });
    const { findings, outcome } = await runSpec(ws);
    expect(findings.find((f) => f.ruleId === 'spec/needs-clarification')?.level).toBe('error');
    const taskFindings = findings.filter((f) => f.ruleId === 'spec/task-id').map((f) => f.message);
    expect(taskFindings).toEqual([
      'task T002 is declared twice in specs/001-login/tasks.md (first on line 4)',
      'task T002 names story US4, which the spec of 001-login does not define',
    ]);
    expect(findings.some((f) => f.ruleId === 'spec/plan-missing')).toBe(true);
    expect(outcome.state).toBe('failed');
  });

  it('reports missing mandatory sections', async () => {
    const ws = await workspaceWith({ 'specs/002-x/spec.md': '# Feature Specification: X\n\n## Requirements\n\n- **FR-001**: System MUST x\n', 'specs/002-x/plan.md': '# Plan\n\nx\n' });
    const { findings } = await runSpec(ws);
    expect(findings.filter((f) => f.ruleId === 'spec/missing-section').map((f) => f.message)).toEqual([
      'spec-kit spec specs/002-x/spec.md has no "## User Scenarios & Testing" section (mandatory)',
      'spec-kit spec specs/002-x/spec.md has no "## Success Criteria" section (mandatory)',
    ]);
  });
});
