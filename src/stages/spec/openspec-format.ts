// The OpenSpec format: validates each openspec/ folder as `openspec validate --all --strict` does and reads its requirements.
import type { DraftFinding, Requirement, SpecFile } from './model.js';
import { emptyRead, type FormatRead } from './format-result.js';
import { containsShallOrMust, mainBlocksOf, treeFile, validateOpenSpecTree, type OpenSpecItem, type TreeFile } from './openspec-validate.js';

/** The openspec root of a path: the folder above its specs/ or changes/ segment, preferring one named openspec. */
export function openSpecRoot(p: string): string | null {
  const parts = p.split('/');
  for (let i = parts.length - 2; i >= 0; i--) {
    if (parts[i] === 'openspec' && (parts[i + 1] === 'specs' || parts[i + 1] === 'changes')) return parts.slice(0, i + 1).join('/');
  }
  return null;
}

export function slug(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

export interface OpenSpecRead extends FormatRead {
  items: (OpenSpecItem & { root: string })[];
}

/** Reads one openspec root; `root` is '' when the configured folder is the openspec folder itself. */
export function readOpenSpecRoot(root: string, files: readonly SpecFile[], side: ReadonlyMap<string, string>): OpenSpecRead {
  const read: OpenSpecRead = { ...emptyRead(), items: [] };
  const prefix = root ? `${root}/` : '';
  const tree = new Map<string, TreeFile>();
  const byRel = new Map<string, SpecFile>();
  for (const f of files) {
    const rel = f.path.slice(prefix.length);
    // The read file itself: its lines and fence mask are shared with every other rule.
    tree.set(rel, f);
    byRel.set(rel, f);
  }
  for (const [p, text] of side) if (p.startsWith(prefix)) tree.set(p.slice(prefix.length), treeFile(text));
  const items = validateOpenSpecTree(tree);
  for (const item of items) {
    read.items.push({ ...item, root });
    for (const issue of item.issues) {
      const finding: DraftFinding = {
        ruleId: issue.level === 'ERROR' ? 'openspec/error' : issue.level === 'WARNING' ? 'openspec/warning' : 'openspec/info',
        message: `${item.type} ${item.id}: ${issue.message}`,
        place: { path: `${prefix}${issue.file}`.replace(/\/$/, ''), line: issue.line ?? 1 },
      };
      read.findings.push(finding);
    }
  }
  // Andon's own expectation of a change folder (OpenSpec's validate does not ask for these files).
  const changes = new Set([...tree.keys()].map((k) => /^changes\/([^/]+)\//.exec(k)?.[1]).filter((c): c is string => c !== undefined && c !== 'archive'));
  for (const c of [...changes].sort()) {
    const where = { path: `${prefix}changes/${c}`, line: 1 };
    const note = 'Andon rule, stricter than openspec validate --strict';
    if (!tree.has(`changes/${c}/proposal.md`)) read.findings.push({ ruleId: 'spec/missing-section', message: `OpenSpec change ${c} has no proposal.md`, place: where, note });
    if (!tree.has(`changes/${c}/tasks.md`)) read.findings.push({ ruleId: 'spec/missing-section', level: 'warning', message: `OpenSpec change ${c} has no tasks.md`, place: where, note });
  }
  for (const [rel, file] of byRel) {
    const main = /^specs\/(.+)\/spec\.md$/.exec(rel);
    const delta = /^changes\/(?!archive\/)[^/]+\/specs\/.+\/spec\.md$/.test(rel);
    if (main) {
      const capability = main[1]!;
      read.docs.push({ id: capability, format: 'openspec', path: file.path });
      read.prose.push({ file, bodyStart: 0, note: 'Andon rule, stricter than openspec validate --strict' });
      for (const block of mainBlocksOf(file)) {
        const line = file.lines[block.index]!;
        const col = line.indexOf(block.name) + 1;
        const requirement: Requirement = {
          id: `${capability}#${slug(block.name)}`,
          aliases: [`${capability}/${block.name}`],
          title: block.name,
          format: 'openspec',
          place: { path: file.path, line: block.index + 1, column: col, endColumn: col + block.name.length },
          normative: containsShallOrMust(block.lines.join('\n')),
          // OpenSpec's own rules already require a scenario per requirement.
          criteria: null,
          spec: capability,
        };
        read.requirements.push(requirement);
      }
    } else if (delta) {
      read.prose.push({ file, bodyStart: 0, note: 'Andon rule, stricter than openspec validate --strict' });
    }
  }
  return read;
}
