import { describe, expect, it } from 'vitest';
import { passwordProblems } from './platform.ts';

describe('password policy', () => {
  it('accepts the demo password and mixed passwords', () => {
    expect(passwordProblems('greenmes-demo', 'admin')).toEqual([]);
    expect(passwordProblems('Tr1cky-pass')).toEqual([]);
  });
  it('explains every problem', () => {
    expect(passwordProblems('short')).toEqual([
      'must have at least 8 characters',
      'must mix at least two of: lower-case, upper-case, digits, symbols',
    ]);
    expect(passwordProblems('admin-2024', 'admin')).toEqual(['must not contain the username']);
  });
});
