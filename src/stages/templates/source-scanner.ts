// The imports and exports of a source file in any language the templates stage reads: Python to its scanner,
// JS/TS to core's, so callers need not know the language.
import { scanScript, type ScanResult } from '../../core/script-scanner.js';
import { isPythonFile, scanPython } from './python-scanner.js';

export type { ImportRef, ScanProblem, ScanResult } from '../../core/script-scanner.js';

export function scanSource(src: string, fileName = ''): ScanResult {
  return isPythonFile(fileName) ? scanPython(src) : scanScript(src, fileName);
}
