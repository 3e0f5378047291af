// Writes small spec workspaces for the spec stage tests and runs the stage on them for real.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { makeStageContext, makeTempDir } from '../../helpers/stage-context.js';
import { SpecOptions, specStage } from '../../../src/stages/spec/index.js';
import type { StageView } from '../../../src/core/stage-kind.js';

export async function workspaceWith(files: Record<string, string | Buffer>): Promise<string> {
  const ws = await makeTempDir('andon-spec-');
  for (const [rel, body] of Object.entries(files)) {
    const abs = path.join(ws, rel);
    await mkdir(path.dirname(abs), { recursive: true });
    await writeFile(abs, body);
  }
  return ws;
}

export async function runSpec(workspace: string, options: Record<string, unknown> = {}, extra: { earlier?: StageView[]; baseSha?: string | null; stageId?: string } = {}) {
  const ctx = await makeStageContext({
    workspace,
    options: SpecOptions.parse(options),
    stageId: extra.stageId ?? 'spec',
    uses: 'spec',
    earlier: extra.earlier ?? [],
    baseSha: extra.baseSha ?? null,
  });
  const outcome = await specStage.run(ctx);
  return { ctx, outcome, findings: outcome.findings ?? [] };
}

export const goodAndonSpec = `---
id: login
title: Login
status: ready
---
# Login

## REQ-1: Sign in with a password

The system MUST let a registered user sign in with an email address and a password.

- Given a registered user
- When they submit the right password
- Then they see their dashboard

## REQ-2: Lock after failed attempts

The system SHALL lock the account after 5 failed attempts within 10 minutes.

- Given 5 failed attempts within 10 minutes
- When a sixth attempt arrives
- Then it is refused and the account is locked
`;

/** A valid OpenSpec main spec of one capability, auth. */
export const openSpecAuth = `# auth Specification

## Purpose
Authentication of users of the service, from sign-in to sign-out, for every client.

## Requirements
### Requirement: Sign in
The system SHALL sign a user in with valid credentials.

#### Scenario: Valid credentials
- **WHEN** the user submits valid credentials
- **THEN** a session is created

#### Scenario: Invalid credentials
- **WHEN** the password is wrong
- **THEN** the attempt is refused
`;
