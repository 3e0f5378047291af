// Every stage kind Andon knows, in one registry. Only the command kind is small enough to load up front;
// the others bring their options schema now and their implementation (and their config checks) when used.
import { lazyStageKind, StageRegistry } from '../core/stage-kind.js';
import { givenPathProblems } from '../core/stage-validation.js';
import { commandStage } from './command/index.js';
import { REGRESSION_DESCRIPTION, RegressionOptions } from './regression/options.js';
import { SPEC_DESCRIPTION, SpecOptions } from './spec/options.js';
import { notJudgedAtBase, STATIC_ANALYSIS_DESCRIPTION, StaticAnalysisOptions } from './static-analysis/options.js';
import { TEMPLATES_DESCRIPTION, TemplatesOptions } from './templates/options.js';

export function defaultRegistry(): StageRegistry {
  return new StageRegistry([
    commandStage,
    lazyStageKind(
      { name: 'regression', description: REGRESSION_DESCRIPTION, options: RegressionOptions, validate: async (o, env) => givenPathProblems(o, env, [{ path: ['cwd'], wanted: 'folder' }]) },
      async () => (await import('./regression/index.js')).regressionStage,
    ),
    lazyStageKind(
      { name: 'static-analysis', description: STATIC_ANALYSIS_DESCRIPTION, options: StaticAnalysisOptions, judgesBase: true, notJudgedAtBase, validate: async (o, env) => (await import('./static-analysis/validate-options.js')).validateStaticAnalysis(o, env) },
      async () => (await import('./static-analysis/index.js')).staticAnalysisStage,
    ),
    lazyStageKind(
      {
        name: 'spec',
        description: SPEC_DESCRIPTION,
        options: SpecOptions,
        completes: true,
        judgesBase: true,
        validate: async (o, env) => (await import('./spec/validate-options.js')).validateSpec(o, env),
        // The spec kind has no `inputs` option: what keeps it from reuse is what it reads of this run.
        whyNotReusable: (o) =>
          `it reads ${o.changes ? 'the change (`changes`)' : `this run's test results (\`requireCoverage: ${o.requireCoverage}\`)`}, which no earlier result saw; it runs every time${o.changes ? '' : ' (with `requireCoverage: none` an unchanged result is reused)'}`,
      },
      async () => (await import('./spec/index.js')).specStage,
    ),
    lazyStageKind(
      { name: 'templates', description: TEMPLATES_DESCRIPTION, options: TemplatesOptions, judgesBase: true, validate: async (o, env) => (await import('./templates/validate-options.js')).validateTemplates(o, env) },
      async () => (await import('./templates/index.js')).templatesStage,
    ),
  ]);
}
