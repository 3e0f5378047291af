// A small real repository with every templates rule kind, for the templates stage tests.
import { execFileSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { makeTempDir } from '../../helpers/stage-context.js';

export async function writeFiles(root: string, files: Record<string, string>): Promise<void> {
  for (const [rel, text] of Object.entries(files)) {
    const abs = path.join(root, rel);
    await mkdir(path.dirname(abs), { recursive: true });
    await writeFile(abs, text);
  }
}

export function git(root: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd: root, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@t', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@t' } }).trim();
}

export function commitAll(root: string, message = 'c'): string {
  git(root, 'add', '-A');
  git(root, 'commit', '-q', '-m', message);
  return git(root, 'rev-parse', 'HEAD');
}

export const RULES = `version: 1
rules:
  - id: feature-unit
    kind: unit
    message: A feature {name} has an index, a service and a test
    pattern: src/features/{name}/
    require: [index.ts, "{name}.service.ts", "{name}.test.ts"]
    allow: ["*.ts", README.md]
  - id: file-case
    kind: naming
    message: Source files are kebab-case
    files: ["src/**/*.ts"]
    case: kebab
  - id: no-console
    kind: content
    message: Use the logger, not console
    level: warning
    files: ["src/**/*.ts"]
    forbid: ['console\\.log\\(']
  - id: adr
    kind: content
    message: ADRs follow the template
    files: ["docs/adr/*.md"]
    headings: ["## Context", "## Decision", "## Consequences"]
  - id: layers
    kind: imports
    message: The domain does not depend on infrastructure
    files: ["src/**/*.ts"]
    layers:
      - from: ["src/domain/**"]
        disallow: ["src/infra/**"]
    cycles: true
    entryPoints:
      - unit: src/features/{name}/
        entry: [index.ts]
  - id: http
    kind: one-way
    message: One HTTP client
    concern: HTTP
    modules: [axios, node-fetch]
    through: [src/lib/http.ts]
  - id: feature-template
    kind: template
    message: Features keep the feature template
    template: feature
    pattern: src/features/{name}/
`;

export const TEMPLATE: Record<string, string> = {
  '.andon/templates/feature/index.ts': "export { create{name:pascal}Service } from './{name}.service.js';\n",
  '.andon/templates/feature/{name}.service.ts': 'export function create{name:pascal}Service() {\n  return {};\n}\n',
  '.andon/templates/feature/{name}.test.ts': "import { create{name:pascal}Service } from './{name}.service.js';\nvoid create{name:pascal}Service;\n",
};

export function feature(name: string, pascal: string): Record<string, string> {
  return {
    [`src/features/${name}/index.ts`]: `export { create${pascal}Service } from './${name}.service.js';\n`,
    [`src/features/${name}/${name}.service.ts`]: `import { get } from '../../lib/http.js';\nexport function create${pascal}Service() {\n  return { get };\n}\n`,
    [`src/features/${name}/${name}.test.ts`]: `import { create${pascal}Service } from './${name}.service.js';\nvoid create${pascal}Service;\n`,
  };
}

/** A conforming repository: two features, a domain, infra, the HTTP module, an ADR. */
export async function makeRepo(): Promise<string> {
  const root = await makeTempDir('andon-templates-');
  git(root, 'init', '-q', '-b', 'main');
  await writeFiles(root, {
    '.andon/templates.yml': RULES,
    ...TEMPLATE,
    ...feature('billing', 'Billing'),
    ...feature('user-profile', 'UserProfile'),
    'src/lib/http.ts': "import axios from 'axios';\nexport const get = axios.get;\n",
    'src/domain/order.ts': "export interface Order { id: string }\n",
    'src/infra/db.ts': "import type { Order } from '../domain/order.js';\nexport const save = (o: Order) => o;\n",
    'docs/adr/0001-start.md': '# Start\n\n## Context\n\nx\n\n## Decision\n\ny\n\n## Consequences\n\nz\n',
  });
  commitAll(root, 'init');
  return root;
}
