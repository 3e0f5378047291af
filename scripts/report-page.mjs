// Builds the report page's script and style (src/report/html/page) for the HTML writer: one minified browser
// bundle with uPlot inside, and the page CSS with uPlot's. The CLI bundle inlines both (scripts/build.mjs).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, transform } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const pageDir = path.join(root, 'src/report/html/page');

/** @returns {Promise<{ script: string; style: string }>} */
export async function buildReportPage() {
  const out = await build({
    entryPoints: [path.join(pageDir, 'main.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: ['chrome109', 'firefox115', 'safari15'],
    minify: true,
    legalComments: 'none',
    logLevel: 'warning',
  });
  const script = out.outputFiles[0].text;
  const uplotCss = readFileSync(createRequire(import.meta.url).resolve('uplot/dist/uPlot.min.css'), 'utf8');
  const css = `${uplotCss}\n${readFileSync(path.join(pageDir, 'report.css'), 'utf8')}`;
  const style = (await transform(css, { loader: 'css', minify: true, logLevel: 'warning' })).code;
  return { script, style };
}
