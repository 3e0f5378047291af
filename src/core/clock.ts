// Time as a dependency, so records and serials are reproducible in tests.

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
