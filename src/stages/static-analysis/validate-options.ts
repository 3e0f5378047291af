// What `andon validate-config` checks of a static-analysis stage: the ESLint folder and config file, and the tsconfig.
import type { UserError } from '../../core/errors.js';
import type { ValidateEnv } from '../../core/stage-kind.js';
import { givenPathProblems, pathProblem } from '../../core/stage-validation.js';
import type { StaticAnalysisOptions } from './options.js';

export async function validateStaticAnalysis(o: StaticAnalysisOptions, env: ValidateEnv): Promise<UserError[]> {
  const out = givenPathProblems(o, env, [
    { path: ['eslint', 'cwd'], wanted: 'folder' },
    { path: ['eslint', 'config'], wanted: 'file' },
  ]);
  // tsc reads its tsconfig whether it is named or the default one.
  if (o.tsc) {
    const why = pathProblem(env.workspace, o.tsc.project, 'file');
    if (why) out.push(env.problem(['tsc', 'project'], env.given(['tsc', 'project']) ? why : `${why} (the default; name the tsconfig with tsc.project)`));
  }
  return out;
}
