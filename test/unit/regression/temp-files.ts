// Collectors and baseline matches that own temporary files, closed (their files removed) after each test that made them.
import { afterEach } from 'vitest';
import { TestCollector } from '../../../src/stages/regression/test-collector.js';
import { Spill } from '../../../src/stages/regression/test-spill.js';

const open: { close(): void }[] = [];
afterEach(() => {
  for (const o of open.splice(0)) o.close();
});

/** Closes `o` after the current test. */
export function closeAfterTest<T extends { close(): void }>(o: T): T {
  open.push(o);
  return o;
}

/** A collector of tests in a workspace at /ws, its spill file removed after the test. */
export function collector(): TestCollector {
  return new TestCollector('/ws', closeAfterTest(new Spill()));
}
