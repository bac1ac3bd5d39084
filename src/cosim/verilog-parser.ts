/**
 * The Verilog-2005 expression parser of mutation testing (`mutate.ts`), not an emitter (the
 * emitter's expression writer is `src/emit/verilog-expr.ts`): tokens and AST nodes keep their
 * source offsets so a mutant is the original text with one span replaced. Covers what emitted
 * `assign` right-hand sides use: literals, identifiers, bit/part selects, concatenation and
 * replication, unary/binary/ternary operators with Verilog precedence, and function calls.
 * Also finds `assign` statements in a file (comments blanked so offsets stay valid).
 */

export interface Token {
  readonly kind: 'id' | 'sys' | 'num' | 'op';
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

interface Span {
  readonly start: number;
  readonly end: number;
}

export type Expr = Span &
  (
    | { readonly kind: 'num'; readonly text: string }
    | { readonly kind: 'id'; readonly name: string }
    | { readonly kind: 'select'; readonly base: Expr; readonly msb: Expr; readonly lsb?: Expr; readonly indexed?: '+:' | '-:' }
    | { readonly kind: 'unary'; readonly op: string; readonly operand: Expr }
    | { readonly kind: 'binary'; readonly op: string; readonly opStart: number; readonly left: Expr; readonly right: Expr }
    | { readonly kind: 'ternary'; readonly cond: Expr; readonly then: Expr; readonly else: Expr }
    | { readonly kind: 'concat'; readonly items: readonly Expr[] }
    | { readonly kind: 'repl'; readonly count: Expr; readonly items: readonly Expr[] }
    | { readonly kind: 'call'; readonly name: string; readonly args: readonly Expr[] }
    | { readonly kind: 'paren'; readonly inner: Expr }
  );

const OPS = [
  '<<<', '>>>', '===', '!==', '==', '!=', '<=', '>=', '&&', '||', '<<', '>>', '**', '~&', '~|', '~^', '^~', '+:', '-:',
  '+', '-', '*', '/', '%', '<', '>', '&', '|', '^', '~', '!', '?', ':', '(', ')', '[', ']', '{', '}', ',', '=', ';', '#', '@', '.',
];
const NUMBER = /^(?:\d[\d_]*\s*)?'[sS]?[bBoOdDhH]\s*[0-9a-fA-FxXzZ?_]+|^\d[\d_]*/;
const IDENT = /^[A-Za-z_][A-Za-z0-9_$]*/;
const SYSTEM = /^\$[A-Za-z_][A-Za-z0-9_$]*/;

/** Tokenize `src[from, to)`; throws on characters outside the expression language. */
export function tokenize(src: string, from = 0, to = src.length): Token[] {
  const out: Token[] = [];
  let i = from;
  while (i < to) {
    const c = src[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const rest = src.slice(i, to);
    const m = NUMBER.exec(rest) ?? null;
    if (m && (/\d/.test(c) || c === "'")) {
      out.push({ kind: 'num', text: m[0], start: i, end: i + m[0].length });
      i += m[0].length;
      continue;
    }
    const id = IDENT.exec(rest) ?? SYSTEM.exec(rest);
    if (id) {
      out.push({ kind: id[0][0] === '$' ? 'sys' : 'id', text: id[0], start: i, end: i + id[0].length });
      i += id[0].length;
      continue;
    }
    const op = OPS.find((o) => rest.startsWith(o));
    if (!op) throw new SyntaxError(`unexpected character '${c}' at offset ${i}`);
    out.push({ kind: 'op', text: op, start: i, end: i + op.length });
    i += op.length;
  }
  return out;
}

/** Binding power of binary operators (higher binds tighter); the ternary is handled separately. */
const BINARY: Record<string, number> = {
  '||': 2, '&&': 3, '|': 4, '~|': 4, '^': 5, '^~': 5, '~^': 5, '&': 6, '~&': 6,
  '==': 7, '!=': 7, '===': 7, '!==': 7, '<': 8, '<=': 8, '>': 8, '>=': 8,
  '<<': 9, '>>': 9, '<<<': 9, '>>>': 9, '+': 10, '-': 10, '*': 11, '/': 11, '%': 11, '**': 12,
};
const UNARY = new Set(['+', '-', '!', '~', '&', '|', '^', '~&', '~|', '~^', '^~']);

/** Parse a whole token list as one expression. */
export function parseExpr(tokens: readonly Token[]): Expr {
  let pos = 0;
  const peek = (): Token | undefined => tokens[pos];
  const isOp = (text: string): boolean => tokens[pos]?.kind === 'op' && tokens[pos].text === text;
  const expect = (text: string): Token => {
    const t = tokens[pos];
    if (!t || t.kind !== 'op' || t.text !== text) throw new SyntaxError(`expected '${text}' at token ${pos}`);
    pos++;
    return t;
  };

  const expr = (): Expr => {
    const cond = binary(0);
    if (!isOp('?')) return cond;
    pos++;
    const then = expr();
    expect(':');
    const els = expr();
    return { kind: 'ternary', cond, then, else: els, start: cond.start, end: els.end };
  };

  const binary = (minBp: number): Expr => {
    let left = unary();
    for (;;) {
      const t = peek();
      if (!t || t.kind !== 'op') break;
      const bp = BINARY[t.text];
      if (bp === undefined || bp <= minBp) break;
      pos++;
      const right = binary(bp);
      left = { kind: 'binary', op: t.text, opStart: t.start, left, right, start: left.start, end: right.end };
    }
    return left;
  };

  const unary = (): Expr => {
    const t = peek();
    if (t && t.kind === 'op' && UNARY.has(t.text)) {
      pos++;
      const operand = unary();
      return { kind: 'unary', op: t.text, operand, start: t.start, end: operand.end };
    }
    return postfix(primary());
  };

  const postfix = (base: Expr): Expr => {
    while (isOp('[')) {
      pos++;
      const msb = expr();
      let lsb: Expr | undefined;
      let indexed: '+:' | '-:' | undefined;
      if (isOp(':') || isOp('+:') || isOp('-:')) {
        const sep = tokens[pos++].text;
        if (sep !== ':') indexed = sep as '+:' | '-:';
        lsb = expr();
      }
      const close = expect(']');
      base = { kind: 'select', base, msb, lsb, indexed, start: base.start, end: close.end };
    }
    return base;
  };

  const list = (close: string): Expr[] => {
    const items = [expr()];
    while (isOp(',')) {
      pos++;
      items.push(expr());
    }
    expect(close);
    return items;
  };

  const primary = (): Expr => {
    const t = tokens[pos++];
    if (!t) throw new SyntaxError('unexpected end of expression');
    if (t.kind === 'num') return { kind: 'num', text: t.text, start: t.start, end: t.end };
    if (t.kind === 'id' || t.kind === 'sys') {
      if (isOp('(')) {
        pos++;
        let args: Expr[] = [];
        if (isOp(')')) pos++;
        else args = list(')');
        return { kind: 'call', name: t.text, args, start: t.start, end: tokens[pos - 1].end };
      }
      if (t.kind === 'sys') throw new SyntaxError(`system function ${t.text} without arguments`);
      return { kind: 'id', name: t.text, start: t.start, end: t.end };
    }
    if (t.text === '(') {
      const inner = expr();
      const close = expect(')');
      return { kind: 'paren', inner, start: t.start, end: close.end };
    }
    if (t.text === '{') {
      const first = expr();
      if (isOp('{')) {
        pos++;
        const items = list('}');
        const close = expect('}');
        return { kind: 'repl', count: first, items, start: t.start, end: close.end };
      }
      const items = [first];
      while (isOp(',')) {
        pos++;
        items.push(expr());
      }
      const close = expect('}');
      return { kind: 'concat', items, start: t.start, end: close.end };
    }
    throw new SyntaxError(`unexpected '${t.text}'`);
  };

  const e = expr();
  if (pos !== tokens.length) throw new SyntaxError(`unexpected '${tokens[pos].text}' after expression`);
  return e;
}

/** `src` with comments replaced by spaces (newlines kept), so offsets and lines are unchanged. */
export function blankComments(src: string): string {
  return src.replace(/\/\/[^\n]*|\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' '));
}

/** One continuous assignment: `assign LHS = RHS;` with the RHS span in the original text. */
export interface AssignStmt {
  readonly lhs: string;
  readonly rhsStart: number;
  readonly rhsEnd: number;
}

/** Find `assign` statements (single assignment each; others are skipped). */
export function findAssigns(src: string): AssignStmt[] {
  const clean = blankComments(src);
  const out: AssignStmt[] = [];
  const re = /\bassign\b/g;
  for (let m = re.exec(clean); m; m = re.exec(clean)) {
    const semi = clean.indexOf(';', m.index);
    if (semi < 0) break;
    const body = clean.slice(m.index + 6, semi);
    const eq = /(?<![=!<>])=(?!=)/.exec(body);
    if (!eq) continue;
    out.push({ lhs: body.slice(0, eq.index).trim(), rhsStart: m.index + 6 + eq.index + 1, rhsEnd: semi });
  }
  return out;
}
