import type { TFunction } from 'i18next';
import { PASSWORD_MIN_LENGTH, passwordProblems } from '@greenmes/contracts';

/** The contracts describe problems in English; show them in the user's language. */
function translateProblem(problem: string, t: TFunction): string {
  if (problem.includes('two of')) return t('password.classes');
  if (problem.includes('username')) return t('password.noUsername');
  if (problem.includes('at most')) return t('password.maxLength');
  if (problem.includes('at least')) return t('password.minLength', { count: PASSWORD_MIN_LENGTH });
  return problem;
}

/** antd Form rule applying the same password policy as the server. */
export function passwordRule(t: TFunction, username?: () => string | undefined) {
  return {
    validator: async (_rule: unknown, value: string | undefined) => {
      if (!value) throw new Error(t('password.required'));
      const problems = passwordProblems(value, username?.());
      if (problems.length > 0) throw new Error(problems.map((p) => translateProblem(p, t)).join('; '));
    },
  };
}
