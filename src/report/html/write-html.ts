// Puts a report page together: a static template, the run data as inert JSON, one script and one style, under a
// Content-Security-Policy that lets only those two run (by hash) and the page load nothing from anywhere.
import { createHash } from 'node:crypto';
import { InternalError } from '../../core/errors.js';
import type { PageAssets } from './page-assets.js';
import type { ReportData } from './report-data.js';

function sha256Source(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/** The policy of a page whose script and style are the given texts: nothing else runs, nothing is fetched. */
export function contentSecurityPolicy(assets: PageAssets): string {
  return [
    "default-src 'none'",
    `script-src ${sha256Source(assets.script)}`,
    `style-src ${sha256Source(assets.style)}`,
    // The empty data: icon keeps browsers from asking a server for /favicon.ico.
    'img-src data:',
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

const escapeLt = (json: string) => (json.includes('<') ? json.replace(/</g, '\\u003c') : json);

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && typeof (v as { toJSON?: unknown }).toJSON !== 'function';

/**
 * JSON that can sit inside <script type="application/json">: every `<` is escaped, so no `</script>` or `<!--` in
 * the data can end the element or start a comment, whatever a test name or finding message holds. In pieces, objects
 * opened `depth` levels deep: a page's data (200,000 tests in columns) is written piece by piece, never as one string
 * of many megabytes, which V8 builds and encodes far slower per byte.
 */
export function embedJsonPieces(value: unknown, depth: number, out: string[] = []): string[] {
  if (depth > 0 && isPlainObject(value)) {
    let sep = '{';
    for (const [k, v] of Object.entries(value)) {
      if (v === undefined || typeof v === 'function' || typeof v === 'symbol') continue;
      out.push(`${sep}${escapeLt(JSON.stringify(k))}:`);
      embedJsonPieces(v, depth - 1, out);
      sep = ',';
    }
    out.push(sep === '{' ? '{}' : '}');
  } else out.push(escapeLt(JSON.stringify(value) ?? 'null'));
  return out;
}

function escapeText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** The whole page, in pieces to write one after another: self-contained, opens from file:// or as a downloaded artifact. */
export function renderReportHtml(data: ReportData, assets: PageAssets): string[] {
  // The script and style are ours, built with the page; a closing tag in them would be a build bug.
  if (/<\/script/i.test(assets.script) || /<\/style/i.test(assets.style)) throw new InternalError('the report page script or style holds a closing tag');
  const verdict = data.run.interrupted ? 'interrupted' : data.run.verdict;
  const page = [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${escapeText(contentSecurityPolicy(assets))}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="referrer" content="no-referrer">',
    `<title>${escapeText(`Andon run ${data.run.serial}: ${verdict}`)}</title>`,
    '<link rel="icon" href="data:,">',
    `<style>${assets.style}</style>`,
    '</head>',
    '<body>',
    '<div id="app"></div>',
    `<noscript><p>This report needs JavaScript to draw its pages; the run data is in the page source as JSON.</p></noscript>`,
    '<script type="application/json" id="andon-data">',
  ].join('\n');
  return [page, ...embedJsonPieces(data, 2), `</script>\n<script>${assets.script}</script>\n</body>\n</html>\n`];
}
