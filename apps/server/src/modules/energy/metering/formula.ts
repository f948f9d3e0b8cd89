/**
 * Virtual-meter formulas: meter codes joined by + and −, whitespace around the operators (codes may contain
 * hyphens): `E-MAIN - E-MC - E-AS`. Sums and differences only, as GB 17167 loss accounting needs.
 */
export interface Term {
  sign: 1 | -1;
  code: string;
}

export function parseFormula(text: string): { terms: Term[] } | { error: string } {
  const tokens = text.trim().split(/\s+/).filter(Boolean);
  if (tokens.length === 0) return { error: 'empty formula' };
  const terms: Term[] = [];
  let sign: 1 | -1 = 1;
  let operator: string | null = null;
  for (const [i, tok] of tokens.entries()) {
    const isOperator = tok === '+' || tok === '-' || tok === '−';
    const after = terms.length > 0 && operator === null; // a code was the last token
    if (isOperator) {
      if (operator !== null) return { error: `two operators in a row at token ${i + 1}` };
      operator = tok;
      sign = tok === '+' ? 1 : -1;
    } else {
      if (terms.length > 0 && after)
        return { error: `"${tok}" at token ${i + 1}: put + or − between meter codes, with spaces around it` };
      terms.push({ sign, code: tok });
      sign = 1;
      operator = null;
    }
  }
  if (operator !== null) return { error: 'the formula ends with an operator' };
  return { terms };
}
