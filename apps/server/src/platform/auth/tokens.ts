import { createHash, randomBytes } from 'node:crypto';

/** Token kinds by prefix, so one lookup table per kind and a leaked token says what it is. */
export const TOKEN_PREFIX = { session: 'gms', apiToken: 'gmt', operator: 'gmo' } as const;
export type TokenKind = keyof typeof TOKEN_PREFIX;

export function newToken(kind: TokenKind): { token: string; hash: string; prefix: string } {
  const token = `${TOKEN_PREFIX[kind]}_${randomBytes(32).toString('base64url')}`;
  return { token, hash: hashToken(token), prefix: token.slice(0, 10) };
}

// Tokens are 256-bit random, so a fast hash is enough; only the hash is stored.
export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export function tokenKind(token: string): TokenKind | undefined {
  const prefix = token.slice(0, 3);
  return (Object.keys(TOKEN_PREFIX) as TokenKind[]).find((k) => TOKEN_PREFIX[k] === prefix);
}
