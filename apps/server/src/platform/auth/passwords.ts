import { hash, verify } from '@node-rs/argon2';
import { passwordProblems } from '@greenmes/contracts';
import { AppError } from '../http/errors.ts';

// Argon2id (enum value 2 in @node-rs/argon2) with OWASP's minimum: 19 MiB, 2 passes.
const OPTIONS = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const hashPassword = (password: string) => hash(password, OPTIONS);

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false; // a malformed stored hash never authenticates
  }
}

/** A fixed hash to verify against when the user does not exist, so timing does not reveal usernames. */
let dummyHash: Promise<string> | undefined;
export async function burnVerifyTime(password: string): Promise<void> {
  dummyHash ??= hashPassword('greenmes-no-such-user');
  await verifyPassword(await dummyHash, password);
}

export function assertPasswordPolicy(password: string, username: string, field = 'password'): void {
  const problems = passwordProblems(password, username);
  if (problems.length > 0)
    throw new AppError(
      'VALIDATION',
      {},
      problems.map((p) => ({ path: field, message: `password ${p}` })),
    );
}
