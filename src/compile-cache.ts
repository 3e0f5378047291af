// Turns on Node's on-disk cache of compiled code where it exists (Node 22+; actions run on node24), so every
// start after the first skips compiling the bundle. Call it before the rest of the program is imported.
import module from 'node:module';

export function enableCompileCache(): void {
  try {
    (module as { enableCompileCache?: () => unknown }).enableCompileCache?.();
  } catch {
    // A cache folder that cannot be written only costs speed.
  }
}
