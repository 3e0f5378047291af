// Python imports as the templates stage reads them: the scanner's forms, resolution against the package roots,
// and the imports and one-way rules on a real Python repository.
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../../src/core/findings.js';
import { templatesStage } from '../../../src/stages/templates/index.js';
import { createResolver, pythonRoots } from '../../../src/stages/templates/module-resolver.js';
import { TemplatesOptions, type TemplatesOptionsInput } from '../../../src/stages/templates/options.js';
import { scanSource } from '../../../src/stages/templates/source-scanner.js';
import { makeStageContext, makeTempDir } from '../../helpers/stage-context.js';
import { commitAll, git, writeFiles } from './fixture.js';

const scan = (src: string) => scanSource(src, 'pkg/mod.py').imports.map((i) => `${i.specifier}@${i.line}:${i.column}${i.typeOnly ? ' type' : ''}`);

describe('the Python scanner', () => {
  it('reads every import form, with the position of the module named', () => {
    expect(
      scan(
        [
          'import os, a.b.c as abc',
          'from . import sibling',
          'from ..core import Context, helper as h',
          'from .models import (',
          '    User,',
          '    Group,',
          ')',
          'from pkg.sub import *',
          'from __future__ import annotations',
          'x = 1; import json',
          'import re \\',
          '    , sys',
        ].join('\n'),
      ),
    ).toEqual(['os@1:8', 'a.b.c@1:12', '.sibling@2:6', '..core.Context@3:6', '..core.helper@3:6', '.models.User@4:6', '.models.Group@4:6', 'pkg.sub@8:6', 'json@10:15', 're@11:8', 'sys@12:7']);
  });

  it('takes imports under if TYPE_CHECKING: as type-only, and only those', () => {
    const src = [
      'from typing import TYPE_CHECKING',
      'import typing as t',
      'if TYPE_CHECKING:',
      '    from .core import Context',
      '    if True:',
      '        import deep',
      'else:',
      '    import runtime_else',
      'if t.TYPE_CHECKING: import one_line',
      'if not TYPE_CHECKING:',
      '    import not_checking',
      'def f():',
      '    import lazy',
    ].join('\n');
    expect(scan(src)).toEqual(['typing.TYPE_CHECKING@1:6', 'typing@2:8', '.core.Context@4:10 type', 'deep@6:16 type', 'runtime_else@8:12', 'one_line@9:28 type', 'not_checking@11:12', 'lazy@13:12']);
  });

  it('skips strings, docstrings and comments, and says where a string never ends', () => {
    const src = ['"""', 'import not_in_docstring', '"""', "s = 'import nope'  # import comment", "b = rb'from x import y'", 'import real'].join('\n');
    expect(scan(src)).toEqual(['real@6:8']);
    expect(scanSource('x = """never closed\nimport a\n', 'a.py').problems).toEqual([{ message: 'unterminated triple-quoted string', line: 1, column: 5 }]);
  });

  it('lists the names a module defines at the top level', () => {
    const src = ['import os', 'VERSION = "1"', 'limit: int = 3', 'def create_user():', '    inner = 1', 'async def load():', '    pass', 'class Store:', '    x = 1', 'if x == 1:', '    pass'].join('\n');
    expect(scanSource(src, 'a.py').exports).toEqual(['VERSION', 'limit', 'create_user', 'load', 'Store']);
  });
});

describe('Python resolution', () => {
  const files = new Set([
    'src/app/__init__.py',
    'src/app/core/__init__.py',
    'src/app/core/context.py',
    'src/app/models.py',
    'src/app/cli/main.py',
    'src/app/cli/__init__.py',
    'tests/__init__.py',
    'tests/test_models.py',
    'scripts/gen.py',
    'scripts/helper.py',
  ]);
  const r = createResolver(files, { baseUrl: undefined, mappings: [] });

  it('finds the package roots: the src layout and the folder above each top-level package', () => {
    expect(pythonRoots(files)).toEqual(['src', '']);
  });

  it('resolves absolute, relative, submodule and name imports; what no root has is a package', () => {
    expect(r('app.models', 'tests/test_models.py')).toEqual({ kind: 'file', path: 'src/app/models.py' });
    expect(r('app.models.User', 'tests/test_models.py')).toEqual({ kind: 'file', path: 'src/app/models.py' });
    expect(r('app', 'tests/test_models.py')).toEqual({ kind: 'file', path: 'src/app/__init__.py' });
    // from . import models: no submodule models, so a name the package defines.
    expect(r('.models', 'src/app/cli/main.py')).toEqual({ kind: 'file', path: 'src/app/cli/__init__.py' });
    expect(r('.models', 'src/app/cli/helpers/x.py')).toEqual({ kind: 'unresolved' });
    expect(r('..models', 'src/app/cli/main.py')).toEqual({ kind: 'file', path: 'src/app/models.py' });
    expect(r('..core.Context', 'src/app/cli/main.py')).toEqual({ kind: 'file', path: 'src/app/core/__init__.py' });
    expect(r('..core.context', 'src/app/cli/main.py')).toEqual({ kind: 'file', path: 'src/app/core/context.py' });
    expect(r('.main', 'src/app/cli/__init__.py')).toEqual({ kind: 'file', path: 'src/app/cli/main.py' });
    expect(r('....escape', 'src/app/cli/main.py')).toEqual({ kind: 'unresolved' });
    expect(r('requests.adapters', 'src/app/models.py')).toEqual({ kind: 'package', name: 'requests' });
    // A script outside any package imports its neighbours, as Python puts its folder on the path.
    expect(r('helper', 'scripts/gen.py')).toEqual({ kind: 'file', path: 'scripts/helper.py' });
    expect(r('helper', 'src/app/models.py')).toEqual({ kind: 'package', name: 'helper' });
  });
});

async function pythonRepo(rules: string): Promise<string> {
  const root = await makeTempDir('andon-python-');
  git(root, 'init', '-q', '-b', 'main');
  await writeFiles(root, {
    '.andon/templates.yml': rules,
    'pyproject.toml': '[project]\nname = "app"\nversion = "0.1.0"\n',
    'src/app/__init__.py': '',
    'src/app/__main__.py': 'from .cli.main import run\nrun()\n',
    'src/app/_compat.py': 'import sys\n',
    'src/app/core/__init__.py': 'from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from ..cli.main import Options\n\nclass Context:\n    pass\n',
    'src/app/cli/__init__.py': '',
    'src/app/cli/main.py': 'from ..core import Context\nimport requests\n\nclass Options:\n    pass\n\ndef run():\n    return Context, requests\n',
    'src/app/http.py': 'import requests\n',
    'tests/conftest.py': 'import pytest\n',
    'tests/test_cli.py': 'from app.cli.main import run\n\ndef test_run():\n    assert run\n',
  });
  commitAll(root, 'init');
  return root;
}

const RULES = `rules:
  - id: layers
    kind: imports
    message: The core does not know the CLI
    layers: [{ from: ["src/app/core/**"], disallow: ["src/app/cli/**"] }]
    cycles: true
  - id: http
    kind: one-way
    message: HTTP goes through app.http
    concern: HTTP
    modules: [requests]
    through: [src/app/http.py]
  - { id: module-case, kind: naming, message: Modules are snake_case, files: ["**/*.py"], case: snake, target: both }
`;

async function runStage(ws: string, options: TemplatesOptionsInput = {}) {
  const ctx = await makeStageContext({ workspace: ws, options: TemplatesOptions.parse(options), stageId: 'templates', uses: 'templates' });
  const outcome = await templatesStage.run(ctx);
  return { outcome, findings: (outcome.findings ?? []) as Finding[], log: ctx.logger };
}

describe('the templates stage on a Python repository', () => {
  it('finds the layer violation under TYPE_CHECKING and the one-way breach; a type-only import makes no cycle; Python names pass snake case', async () => {
    const ws = await pythonRepo(RULES);
    const { outcome, findings } = await runStage(ws);
    expect(findings.map((f) => `${f.ruleId} ${f.location?.path}:${f.location?.startLine}`).sort()).toEqual(['http src/app/cli/main.py:2', 'layers src/app/core/__init__.py:3']);
    expect(findings.find((f) => f.ruleId === 'layers')!.message).toBe('The core does not know the CLI: src/app/core/__init__.py imports "..cli.main.Options" (src/app/cli/main.py), which matches src/app/cli/**');
    expect(outcome.state).toBe('failed');
    const counts = outcome.counts as { unjudged: number; drift: Record<string, number> };
    expect(counts.unjudged).toBe(0);
    expect(counts.drift['module-case']).toBe(1);
  });

  it('a run-time import back into the core closes a cycle, named with every member', async () => {
    const ws = await pythonRepo(RULES);
    await writeFiles(ws, { 'src/app/core/__init__.py': 'from ..cli.main import Options\n\nclass Context:\n    pass\n' });
    const { findings } = await runStage(ws);
    const cycle = findings.find((f) => f.message.startsWith('import cycle'))!;
    expect(cycle.message).toMatch(/^import cycle: src\/app\/cli\/main\.py → src\/app\/core\/__init__\.py → src\/app\/cli\/main\.py/);
    expect(cycle.related).toEqual([
      { path: 'src/app/cli/main.py', startLine: 1, startColumn: 6, message: 'src/app/cli/main.py imports src/app/core/__init__.py' },
      { path: 'src/app/core/__init__.py', startLine: 1, startColumn: 6, message: 'src/app/core/__init__.py imports src/app/cli/main.py' },
    ]);
  });

  it('a rule written for TypeScript says it judged nothing, and a stage that judged nothing is not a pass', async () => {
    const ws = await pythonRepo(`rules:
  - { id: ts-layers, kind: imports, message: m, files: ["src/**/*.ts"], layers: [{ from: ["src/core/**"], disallow: ["src/cli/**"] }] }
`);
    const none = await runStage(ws);
    expect(none.outcome.state).toBe('errored');
    expect(none.outcome.reason).toBe('judged nothing: no rule matched a file (ts-layers (no file matches src/**/*.ts)); set allowEmpty: true if that is expected');
    expect(none.log.text()).toContain('drift ts-layers: judged nothing: no file matches src/**/*.ts');
    expect((await runStage(ws, { allowEmpty: true })).outcome.state).toBe('passed');

    await writeFiles(ws, { 'src/app/tool.go': 'package main\n' });
    const partly = await runStage(ws, {
      rules: [
        { id: 'go-layers', kind: 'imports', message: 'm', files: ['src/**/*.go'], cycles: true },
        { id: 'case', kind: 'naming', message: 'm', files: ['**/*.py'], case: 'snake' },
        { id: 'adr', kind: 'content', message: 'm', files: ['docs/adr/*.md'], headings: ['## Decision'] },
      ],
    });
    expect(partly.outcome.state).toBe('errored');
    expect(partly.outcome.reason).toBe('rule go-layers: its files (1: .go) are in no language it reads (JavaScript, TypeScript and Python); nothing of it was judged');

    const some = await runStage(ws, { rules: [{ id: 'case', kind: 'naming', message: 'm', files: ['**/*.py'], case: 'snake' }, { id: 'adr', kind: 'content', message: 'm', files: ['docs/adr/*.md'], headings: ['## Decision'] }] });
    expect(some.outcome.state).toBe('passed');
    expect(some.outcome.reason).toContain('; judged nothing for adr (no file matches docs/adr/*.md)');
    expect(some.outcome.counts).toMatchObject({ rules: 2, unjudged: 1 });
  });
});
