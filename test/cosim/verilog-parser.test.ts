import { describe, expect, it } from 'vitest';
import { blankComments, type Expr, findAssigns, parseExpr, tokenize } from '../../src/cosim/verilog-parser.ts';

/** Fully parenthesized rendering, to check precedence and structure. */
function show(src: string, e: Expr): string {
  switch (e.kind) {
    case 'num':
      return e.text;
    case 'id':
      return e.name;
    case 'select':
      return `${show(src, e.base)}[${show(src, e.msb)}${e.lsb ? (e.indexed ?? ':') + show(src, e.lsb) : ''}]`;
    case 'unary':
      return `(${e.op}${show(src, e.operand)})`;
    case 'binary':
      return `(${show(src, e.left)} ${e.op} ${show(src, e.right)})`;
    case 'ternary':
      return `(${show(src, e.cond)} ? ${show(src, e.then)} : ${show(src, e.else)})`;
    case 'concat':
      return `{${e.items.map((x) => show(src, x)).join(', ')}}`;
    case 'repl':
      return `{${show(src, e.count)}{${e.items.map((x) => show(src, x)).join(', ')}}}`;
    case 'call':
      return `${e.name}(${e.args.map((x) => show(src, x)).join(', ')})`;
    case 'paren':
      return show(src, e.inner);
  }
}

const parse = (src: string): string => show(src, parseExpr(tokenize(src)));

describe('tokenize', () => {
  it('splits literals, identifiers, system names and longest-match operators with offsets', () => {
    const toks = tokenize("8'sd5 + $signed(a_1) <<< 2'b1x >= b");
    expect(toks.map((t) => `${t.kind}:${t.text}`)).toEqual([
      "num:8'sd5", 'op:+', 'sys:$signed', 'op:(', 'id:a_1', 'op:)', 'op:<<<', "num:2'b1x", 'op:>=', 'id:b',
    ]);
    expect(toks[2]).toMatchObject({ start: 8, end: 15 });
  });
});

describe('parseExpr', () => {
  it.each([
    ['a + b * c', '(a + (b * c))'],
    ['a - b - c', '((a - b) - c)'],
    ['a < b == c', '((a < b) == c)'],
    ['a & b | c ^ d', '((a & b) | (c ^ d))'],
    ['a << 2 + b', '(a << (2 + b))'],
    ['s ? a + 1 : b ? c : d', '(s ? (a + 1) : (b ? c : d))'],
    ['-a + ~b', '((-a) + (~b))'],
    ['&a[3:0] | b', '((&a[3:0]) | b)'],
    ["{a[7:1], 1'b0, {2{b[0]}}}", "{a[7:1], 1'b0, {2{b[0]}}}"],
    ['x[i+:4] - $signed(y)', '(x[i+:4] - $signed(y))'],
    ['(a + b) * c', '((a + b) * c)'],
  ])('%s', (src, want) => {
    expect(parse(src)).toBe(want);
  });

  it('keeps source spans of sub-expressions', () => {
    const src = 'x + (a - b)';
    const e = parseExpr(tokenize(src));
    expect(e.kind === 'binary' && src.slice(e.right.start, e.right.end)).toBe('(a - b)');
  });

  it('rejects what it does not understand', () => {
    expect(() => parse('a +')).toThrow(SyntaxError);
    expect(() => parse('a b')).toThrow(/unexpected 'b'/);
    expect(() => tokenize('a @@ `b')).toThrow(/unexpected character '`'/);
  });
});

describe('findAssigns', () => {
  it('finds continuous assignments, skipping comments and keeping offsets', () => {
    const src = [
      'module m(input [3:0] a, output [3:0] y, output z);',
      '  // assign fake = 1;',
      '  /* assign fake2 = 2; */ assign y = a <= 4\'d3 ? a : ~a; // tail',
      '  assign z = a == 4\'d1;',
      'endmodule',
    ].join('\n');
    const found = findAssigns(src);
    expect(found.map((a) => [a.lhs, src.slice(a.rhsStart, a.rhsEnd).trim()])).toEqual([
      ['y', "a <= 4'd3 ? a : ~a"],
      ['z', "a == 4'd1"],
    ]);
    expect(blankComments(src).length).toBe(src.length);
  });
});
