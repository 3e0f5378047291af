// The report page's script and style: inlined into the bundle by scripts/build.mjs; built on demand when Andon runs
// from source (tests, benches), so both paths serve the same page.
declare const __ANDON_REPORT_SCRIPT__: string | undefined;
declare const __ANDON_REPORT_STYLE__: string | undefined;

export interface PageAssets {
  script: string;
  style: string;
}

let built: Promise<PageAssets> | undefined;

export function pageAssets(): Promise<PageAssets> {
  if (typeof __ANDON_REPORT_SCRIPT__ === 'string' && typeof __ANDON_REPORT_STYLE__ === 'string') {
    return Promise.resolve({ script: __ANDON_REPORT_SCRIPT__, style: __ANDON_REPORT_STYLE__ });
  }
  // A computed specifier, so the bundler leaves it alone: this branch only runs from source, where esbuild is installed.
  const builder = new URL('../../../scripts/report-page.mjs', import.meta.url).href;
  built ??= (import(builder) as Promise<{ buildReportPage(): Promise<PageAssets> }>).then((m) => m.buildReportPage());
  return built;
}
