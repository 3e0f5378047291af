// Action inputs are parsed once; a bad value is a usage error naming the input.
import { describe, expect, it } from 'vitest';
import { UserError } from '../../../src/core/errors.js';
import { MemoryRuntime } from '../../../src/github/action-runtime.js';
import { DEFAULT_SERVICE_DEADLINE_MS } from '../../../src/github/constants.js';
import { readInputs } from '../../../src/github/inputs.js';

describe('readInputs', () => {
  it('applies the defaults', () => {
    const i = readInputs(new MemoryRuntime({ GITHUB_TOKEN: 'from-env' }));
    expect(i).toEqual({
      config: 'andon.yml',
      workingDirectory: '.',
      stages: [],
      fromStage: null,
      resume: null,
      githubToken: 'from-env',
      retentionDays: null,
      upload: true,
      cache: true,
      annotations: true,
      deadlineMs: DEFAULT_SERVICE_DEADLINE_MS,
    });
  });

  it('parses every given input', () => {
    const i = readInputs(
      new MemoryRuntime({}, {
        stage: 'lint, unit',
        resume: 'gh-12-3',
        'from-stage': 'unit',
        'retention-days': '7',
        upload: 'false',
        cache: 'no',
        annotations: 'TRUE',
        'service-deadline-seconds': '5',
        'github-token': 'tok',
      }),
    );
    expect(i.stages).toEqual(['lint', 'unit']);
    expect(i.resume).toBe('gh-12-3');
    expect(i.fromStage).toBe('unit');
    expect(i.retentionDays).toBe(7);
    expect([i.upload, i.cache, i.annotations]).toEqual([false, false, true]);
    expect(i.deadlineMs).toBe(5000);
    expect(i.githubToken).toBe('tok');
  });

  it.each([
    [{ upload: 'maybe' }, 'upload must be true or false'],
    [{ 'retention-days': '0' }, 'input retention-days'],
    [{ 'retention-days': '401' }, 'input retention-days'],
    [{ 'retention-days': 'ten' }, 'retention-days must be a whole number'],
    [{ resume: 'not-a-serial' }, 'resume must be an Andon serial'],
    [{ 'from-stage': 'unit' }, 'from-stage needs resume'],
    [{ stage: 'Bad_Id' }, 'input stage'],
  ])('refuses %j', (inputs, message) => {
    let err: unknown;
    try {
      readInputs(new MemoryRuntime({}, inputs));
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(UserError);
    expect((err as Error).message).toContain(message);
  });
});
