/**
 * `--where EXPR`: a small expression language over a point's parameters, parsed here and
 * evaluated by walking the tree — never `eval`, no property access, no calls beyond the listed
 * functions. Grammar (loosest first):
 *
 *   expr    := or ('?' expr ':' expr)?
 *   or      := and ('||' and)*          and := cmp ('&&' cmp)*
 *   cmp     := sum (('=='|'!='|'<'|'<='|'>'|'>=') sum)?
 *   sum     := prod (('+'|'-') prod)*   prod := unary (('*'|'/'|'%') unary)*
 *   unary   := ('!'|'-') unary | atom
 *   atom    := number | 'string' | "string" | true | false | name | fn '(' expr (',' expr)* ')' | '(' expr ')'
 *   fn      := min | max | abs | floor | ceil | log2 | pow
 *
 * Names are the design's parameters (each point's value, defaults filled in). `==` compares
 * values of the same type; arithmetic and ordering need numbers; `&&`, `||`, `!`, `?:` need
 * booleans. Type errors at evaluation are reported with the point's values. A point is kept
 * when the expression is `true`.
 */
import type { ParamValue } from '../dsl/design.ts';
import { SweepUsageError } from './grid.ts';

type Node =
  | { k: 'lit'; v: ParamValue; at: number }
  | { k: 'name'; name: string; at: number }
  | { k: 'un'; op: '!' | '-'; a: Node; at: number }
  | { k: 'bin'; op: string; a: Node; b: Node; at: number }
  | { k: 'if'; c: Node; a: Node; b: Node; at: number }
  | { k: 'call'; fn: string; args: Node[]; at: number };

interface Token {
  readonly t: 'num' | 'str' | 'id' | 'op' | 'end';
  readonly v: string;
  readonly at: number;
}

const FUNCTIONS: Record<string, { arity: [number, number]; f: (...x: number[]) => number }> = {
  min: { arity: [1, 64], f: Math.min },
  max: { arity: [1, 64], f: Math.max },
  abs: { arity: [1, 1], f: Math.abs },
  floor: { arity: [1, 1], f: Math.floor },
  ceil: { arity: [1, 1], f: Math.ceil },
  log2: { arity: [1, 1], f: Math.log2 },
  pow: { arity: [2, 2], f: Math.pow },
};

const OPS = ['==', '!=', '<=', '>=', '&&', '||', '<', '>', '+', '-', '*', '/', '%', '!', '(', ')', ',', '?', ':'];

function fail(src: string, at: number, msg: string): never {
  throw new SweepUsageError(`--where: ${msg} at column ${at + 1}\n  ${src}\n  ${' '.repeat(at)}^`);
}

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const num = /^(\d+(\.\d+)?|\.\d+)([eE][+-]?\d+)?/.exec(src.slice(i));
    if (num) {
      out.push({ t: 'num', v: num[0], at: i });
      i += num[0].length;
      continue;
    }
    const id = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i));
    if (id) {
      out.push({ t: 'id', v: id[0], at: i });
      i += id[0].length;
      continue;
    }
    if (c === "'" || c === '"') {
      const end = src.indexOf(c, i + 1);
      if (end < 0) fail(src, i, 'unterminated string');
      out.push({ t: 'str', v: src.slice(i + 1, end), at: i });
      i = end + 1;
      continue;
    }
    const op = OPS.find((o) => src.startsWith(o, i));
    if (!op) fail(src, i, `unexpected character '${c}'`);
    out.push({ t: 'op', v: op, at: i });
    i += op.length;
  }
  out.push({ t: 'end', v: '', at: src.length });
  return out;
}

/** A parsed `--where` expression. */
export interface WhereExpr {
  readonly source: string;
  /** Parameter names the expression reads. */
  readonly names: readonly string[];
  /** True if the point passes. Throws SweepUsageError on a type error. */
  test(point: Readonly<Record<string, ParamValue>>): boolean;
}

/** Parse `src`; every name must be one of `known` (the design's parameters). */
export function parseWhere(src: string, known: readonly string[]): WhereExpr {
  const toks = tokenize(src);
  let pos = 0;
  const peek = (): Token => toks[pos]!;
  const isOp = (v: string): boolean => peek().t === 'op' && peek().v === v;
  const expect = (v: string): void => {
    if (!isOp(v)) fail(src, peek().at, peek().t === 'end' ? `expected '${v}' before the end` : `expected '${v}', found '${peek().v}'`);
    pos++;
  };
  const binary = (next: () => Node, ops: readonly string[], once = false): (() => Node) => () => {
    let a = next();
    while (peek().t === 'op' && ops.includes(peek().v)) {
      const t = toks[pos++]!;
      a = { k: 'bin', op: t.v, a, b: next(), at: t.at };
      if (once && peek().t === 'op' && ops.includes(peek().v)) fail(src, peek().at, `comparisons do not chain; use && between them`);
    }
    return a;
  };
  const atom = (): Node => {
    const t = toks[pos++]!;
    if (t.t === 'num') return { k: 'lit', v: Number(t.v), at: t.at };
    if (t.t === 'str') return { k: 'lit', v: t.v, at: t.at };
    if (t.t === 'id') {
      if (t.v === 'true' || t.v === 'false') return { k: 'lit', v: t.v === 'true', at: t.at };
      if (isOp('(')) {
        const fn = FUNCTIONS[t.v];
        if (!fn) fail(src, t.at, `unknown function '${t.v}' (functions: ${Object.keys(FUNCTIONS).join(', ')})`);
        pos++;
        const args = [expr()];
        while (isOp(',')) {
          pos++;
          args.push(expr());
        }
        expect(')');
        if (args.length < fn.arity[0] || args.length > fn.arity[1]) fail(src, t.at, `${t.v}() takes ${fn.arity[0] === fn.arity[1] ? fn.arity[0] : `${fn.arity[0]} or more`} argument(s)`);
        return { k: 'call', fn: t.v, args, at: t.at };
      }
      if (!known.includes(t.v)) fail(src, t.at, `unknown parameter '${t.v}' (the design's parameters are: ${known.join(', ') || '(none)'})`);
      return { k: 'name', name: t.v, at: t.at };
    }
    if (t.t === 'op' && t.v === '(') {
      const e = expr();
      expect(')');
      return e;
    }
    fail(src, t.at, t.t === 'end' ? 'expression ends too early' : `unexpected '${t.v}'`);
  };
  const unary = (): Node => {
    if (isOp('!') || isOp('-')) {
      const t = toks[pos++]!;
      return { k: 'un', op: t.v as '!' | '-', a: unary(), at: t.at };
    }
    return atom();
  };
  const prod = binary(unary, ['*', '/', '%']);
  const sum = binary(prod, ['+', '-']);
  const cmp = binary(sum, ['==', '!=', '<', '<=', '>', '>='], true);
  const and = binary(cmp, ['&&']);
  const or = binary(and, ['||']);
  function expr(): Node {
    const c = or();
    if (!isOp('?')) return c;
    const at = toks[pos++]!.at;
    const a = expr();
    expect(':');
    return { k: 'if', c, a, b: expr(), at };
  }
  if (peek().t === 'end') fail(src, 0, 'empty expression');
  const root = expr();
  if (peek().t !== 'end') fail(src, peek().at, `unexpected '${peek().v}'`);

  const names = new Set<string>();
  const collect = (n: Node): void => {
    if (n.k === 'name') names.add(n.name);
    if (n.k === 'un') collect(n.a);
    if (n.k === 'bin') [n.a, n.b].forEach(collect);
    if (n.k === 'if') [n.c, n.a, n.b].forEach(collect);
    if (n.k === 'call') n.args.forEach(collect);
  };
  collect(root);

  return {
    source: src,
    names: [...names],
    test(point) {
      const v = evaluate(root, point, src);
      if (typeof v !== 'boolean') fail(src, 0, `the expression gives ${JSON.stringify(v)}, not true or false`);
      return v;
    },
  };
}

function evaluate(n: Node, env: Readonly<Record<string, ParamValue>>, src: string): ParamValue {
  const num = (x: Node): number => {
    const v = evaluate(x, env, src);
    if (typeof v !== 'number') fail(src, x.at, `expected a number, got ${JSON.stringify(v)} (point ${JSON.stringify(env)})`);
    return v;
  };
  const bool = (x: Node): boolean => {
    const v = evaluate(x, env, src);
    if (typeof v !== 'boolean') fail(src, x.at, `expected true or false, got ${JSON.stringify(v)} (point ${JSON.stringify(env)})`);
    return v;
  };
  switch (n.k) {
    case 'lit':
      return n.v;
    case 'name': {
      const v = env[n.name];
      if (v === undefined) fail(src, n.at, `parameter '${n.name}' has no value at this point (it has no default)`);
      return v;
    }
    case 'un':
      return n.op === '!' ? !bool(n.a) : -num(n.a);
    case 'if':
      return bool(n.c) ? evaluate(n.a, env, src) : evaluate(n.b, env, src);
    case 'call':
      return FUNCTIONS[n.fn]!.f(...n.args.map(num));
    case 'bin':
      switch (n.op) {
        case '&&':
          return bool(n.a) && bool(n.b);
        case '||':
          return bool(n.a) || bool(n.b);
        case '==':
        case '!=': {
          const [a, b] = [evaluate(n.a, env, src), evaluate(n.b, env, src)];
          if (typeof a !== typeof b) fail(src, n.at, `cannot compare ${JSON.stringify(a)} with ${JSON.stringify(b)}`);
          return n.op === '==' ? a === b : a !== b;
        }
        case '<':
          return num(n.a) < num(n.b);
        case '<=':
          return num(n.a) <= num(n.b);
        case '>':
          return num(n.a) > num(n.b);
        case '>=':
          return num(n.a) >= num(n.b);
        case '+':
          return num(n.a) + num(n.b);
        case '-':
          return num(n.a) - num(n.b);
        case '*':
          return num(n.a) * num(n.b);
        case '/':
          return num(n.a) / num(n.b);
        default:
          return num(n.a) % num(n.b);
      }
  }
}
