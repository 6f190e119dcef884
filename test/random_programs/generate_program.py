#!/usr/bin/env python3
"""Writes a random valid `ag` program (issue #20): eager, converted (JIT) and
ahead-of-time compiled runs of it must print the same bytes.

  generate_program.py --seed N [-o FILE] [--functions FILE]

The program is a function of the seed alone (Python's own random.Random,
string seeding is stable across versions). It has 1-3 AG_FUNCTIONs on int32
tensors (0-d scalars `xN`, 1-d vectors `vN` of a length known only at run
time), plain helper functions they call, and a main that calls each
AG_FUNCTION on 2-3 sets of arguments and prints the results. Every control
flow statement in a function depends on a tensor, so autograph-cc stages it;
plain C++ `for` loops run at trace time around staged code.

Validity, by construction:
- int32 only; every value assigned to a variable is bounded by 10000 (a
  clamp or a remainder after anything that may grow), so no operation
  overflows: operands are at most 10^4, results at most 10^8;
- divisors are nonzero constants or `ag::abs(x) % 7 + 1`;
- loops terminate: a staged `while` increments its counter first (before any
  `continue`) and compares it with a bound of at most 5; a staged `for`
  counts up to such a bound; range-fors walk a vector that their body does
  not assign; loop counters are never assigned in the body;
- only what autograph-cc documents as supported (docs/converted-code.md):
  `break`/`continue` only in an innermost staged loop, early `return` only
  in a function returning one `ag::Tensor` and never inside a plain C++
  loop, returned values 0-d, every variable declared with a value, no
  variable changes dtype or shape, `?:` yields tensors.

With --functions FILE, writes the AG_FUNCTIONs with their AOT signatures,
one `NAME(SIGNATURE)` a line (e.g. `f0(i32[],i32[?])`), for
autograph_add_aot_library. main calls `AG_CALL(f0)(...)`: `f0` as written,
`ag::aot::f0` when compiled with -DAG_RANDOM_PROGRAM_AOT="HEADER" (it then
includes the library's HEADER).
"""
import argparse
import random
import sys

LIMIT = 10000          # bound of every value a variable holds
MAX_VECTOR_LENGTH = 5  # vector arguments have 1..5 elements
MAX_DEPTH = 3          # nesting of compound statements


class Var:
    """A variable in scope. kind: 'S' int32 0-d, 'V' int32 1-d, 'B' bool 0-d."""

    def __init__(self, name, kind, bound=LIMIT, frozen=False):
        self.name = name
        self.kind = kind
        self.bound = bound
        self.frozen = frozen  # loop counters, vectors being iterated


class E:
    """An expression: C++ text, bound of its magnitude, kind ('S' or 'V')."""

    def __init__(self, text, bound, kind='S'):
        self.text = text
        self.bound = bound
        self.kind = kind


class Context:
    """Where a statement is generated."""

    def __init__(self, fn, depth=0, loops=(), staged=False):
        self.fn = fn
        self.depth = depth
        self.loops = loops      # enclosing loops, innermost last: 'staged'/'cpp'
        self.staged = staged    # inside tensor control flow

    def nested(self, loop=None, staged=True):
        loops = self.loops + ((loop,) if loop else ())
        return Context(self.fn, self.depth + 1, loops, self.staged or staged)

    def can_jump(self):
        return bool(self.loops) and self.loops[-1] == 'staged'

    def can_return(self):
        return self.fn.returns == 'S' and 'cpp' not in self.loops


class Function:
    def __init__(self, name, params, returns, is_ag):
        self.name = name
        self.params = params    # list of Var
        self.returns = returns  # 'S', 'V' or 'T' (tuple of two)
        self.ret_kinds = None   # for 'T': kinds of the two results
        self.is_ag = is_ag
        self.counter = len(params)
        self.prints = 0
        self.helpers = []       # helpers it may call


class Generator:
    def __init__(self, seed):
        self.r = random.Random('ag-random-program-%d' % seed)
        self.seed = seed
        self.functions = []     # AG_FUNCTIONs
        self.all_helpers = []   # helpers defined so far, in order

    # ----------------------------------------------------------------- helpers
    def chance(self, p):
        return self.r.random() < p

    def pick(self, items):
        return self.r.choice(items)

    def weighted(self, pairs):
        pairs = [(w, v) for w, v in pairs if w > 0]
        total = sum(w for w, _ in pairs)
        x = self.r.uniform(0, total)
        for w, v in pairs:
            x -= w
            if x <= 0:
                return v
        return pairs[-1][1]

    def fresh(self, fn, prefix):
        fn.counter += 1
        return '%s%d' % (prefix, fn.counter)

    @staticmethod
    def lit(n):
        return '(%d)' % n if n < 0 else str(n)

    def small_literal(self, lo=-12, hi=12):
        return self.r.randint(lo, hi)

    # ----------------------------------------------------------- expressions
    def tame(self, e):
        """e, bounded by LIMIT."""
        if e.bound <= LIMIT:
            return e
        how = self.r.randint(0, 3)
        if how == 0:
            return E('ag::minimum(ag::maximum(%s, -%d), %d)' % (e.text, LIMIT, LIMIT),
                     LIMIT, e.kind)
        m = self.pick([LIMIT, 9993, 997, 101])
        return E('(%s %% %d)' % (e.text, m), m - 1, e.kind)

    def vars_of(self, scope, kind, assignable=False):
        return [v for v in scope if v.kind == kind and not (assignable and v.frozen)]

    def cpp_ints(self, scope):
        return [v for v in scope if v.kind == 'I']

    def operand(self, scope, ctx, depth, kind='S'):
        """A tensor operand or a C++ int (a literal or a plain loop counter)."""
        ints = self.cpp_ints(scope)
        if ints and self.chance(0.2):
            k = self.pick(ints)
            return E(k.name, k.bound, 'I')
        if self.chance(0.3):
            n = self.small_literal()
            return E(self.lit(n), abs(n), 'I')
        return self.expr(scope, ctx, depth, kind)

    def scalar_leaf(self, scope, ctx):
        scalars = self.vars_of(scope, 'S')
        vectors = self.vars_of(scope, 'V')
        choices = [(6, 'var')] if scalars else []
        if vectors:
            choices += [(2, 'reduce'), (1, 'index')]
        if not choices:
            choices = [(1, 'const')]
        what = self.weighted(choices)
        if what == 'var':
            v = self.pick(scalars)
            return E(v.name, v.bound)
        if what == 'const':
            return E('ag::constant(%s)' % self.lit(self.small_literal()), 12)
        v = self.pick(vectors)
        if what == 'reduce':
            red = self.pick(['reduce_sum', 'reduce_min', 'reduce_max', 'reduce_mean'])
            bound = v.bound * MAX_VECTOR_LENGTH if red == 'reduce_sum' else v.bound
            return E('ag::%s(%s)' % (red, v.name), bound)
        # an element: first, last, or at a position known at run time
        form = self.r.randint(0, 3)
        if form == 0:
            return E('%s[0]' % v.name, v.bound)
        if form == 1:
            return E('%s[-1]' % v.name, v.bound)
        if form == 2:
            idx = self.tame(self.scalar_leaf_no_index(scope))
            return E('%s[ag::abs(%s) %% ag::cast(ag::dim(%s, 0), ag::int32)]'
                     % (v.name, idx.text, v.name), v.bound)
        return E('ag::cast(ag::argmax(%s), ag::int32)' % v.name, MAX_VECTOR_LENGTH)

    def scalar_leaf_no_index(self, scope):
        scalars = self.vars_of(scope, 'S')
        if scalars:
            v = self.pick(scalars)
            return E(v.name, v.bound)
        v = self.pick(self.vars_of(scope, 'V'))
        return E('ag::reduce_max(%s)' % v.name, v.bound)

    def helper_call(self, scope, ctx, depth, h=None):
        h = h or self.pick(ctx.fn.helpers)
        args = []
        for p in h.params:
            if p.kind == 'V':
                vectors = self.vars_of(scope, 'V')
                if vectors and self.chance(0.7):
                    args.append(self.pick(vectors).name)
                else:
                    args.append(self.tame(self.vexpr(scope, ctx, depth - 1)).text)
            else:
                args.append(self.tame(self.expr(scope, ctx, depth - 1)).text)
        return E('%s(%s)' % (h.name, ', '.join(args)), LIMIT)

    def expr(self, scope, ctx, depth, kind='S'):
        """A tensor expression of the given kind ('S' 0-d, 'V' 1-d)."""
        if kind == 'V':
            return self.vexpr(scope, ctx, depth)
        if depth <= 0 or self.chance(0.25):
            return self.scalar_leaf(scope, ctx)
        choices = [(5, 'bin'), (2, 'unary'), (2, 'minmax'), (2, 'div'), (2, 'mod'),
                   (1, 'where'), (1, 'ternary'), (1, 'pow'), (1, 'clamp')]
        if ctx.fn.helpers and depth >= 2:
            choices.append((1, 'call'))
        if self.vars_of(scope, 'V'):
            choices.append((2, 'reduce'))
        what = self.weighted(choices)
        d = depth - 1
        if what == 'bin':
            op = self.pick(['+', '-', '*', '+', '-'])
            a = self.tame(self.expr(scope, ctx, d))
            b = self.tame(self.operand(scope, ctx, d))
            if self.chance(0.5):
                a, b = b, a
            bound = a.bound * b.bound if op == '*' else a.bound + b.bound
            return E('(%s %s %s)' % (a.text, op, b.text), bound)
        if what == 'unary':
            a = self.tame(self.expr(scope, ctx, d))
            f = self.pick(['-', 'ag::abs', 'ag::square', 'ag::sign', 'ag::relu', 'ag::negative'])
            if f == '-':
                return E('(-%s)' % a.text, a.bound)
            if f == 'ag::square':
                return E('ag::square(%s)' % a.text, a.bound * a.bound)
            if f == 'ag::sign':
                return E('ag::sign(%s)' % a.text, 1)
            return E('%s(%s)' % (f, a.text), a.bound)
        if what == 'minmax':
            a = self.tame(self.expr(scope, ctx, d))
            b = self.tame(self.operand(scope, ctx, d))
            f = self.pick(['ag::minimum', 'ag::maximum'])
            if self.chance(0.5) and b.kind != 'I':
                a, b = b, a
            return E('%s(%s, %s)' % (f, a.text, b.text), max(a.bound, b.bound))
        if what == 'div':
            a = self.tame(self.expr(scope, ctx, d))
            if self.chance(0.5):
                c = self.pick([-7, -3, -2, 2, 3, 4, 5, 7])
                return E('(%s / %s)' % (a.text, self.lit(c)), a.bound)
            b = self.tame(self.expr(scope, ctx, d))
            return E('(%s / (ag::abs(%s) %% 7 + 1))' % (a.text, b.text), a.bound)
        if what == 'mod':
            a = self.tame(self.expr(scope, ctx, d))
            if self.chance(0.6):
                c = self.pick([2, 3, 5, 7, 10, 13, 101, -3, -7])
                return E('(%s %% %s)' % (a.text, self.lit(c)), min(a.bound, abs(c) - 1))
            b = self.tame(self.expr(scope, ctx, d))
            return E('(%s %% (ag::abs(%s) %% 7 + 1))' % (a.text, b.text), min(a.bound, 6))
        if what == 'where':
            c = self.bool_tensor(scope, ctx, d)
            a = self.tame(self.expr(scope, ctx, d))
            b = self.tame(self.operand(scope, ctx, d))
            if b.kind == 'I' or self.chance(0.5):
                a, b = b, a
            return E('ag::where(%s, %s, %s)' % (c, a.text, b.text), max(a.bound, b.bound))
        if what == 'ternary':
            c = self.condition(scope, ctx, d)
            a = self.tame(self.expr(scope, ctx, d))
            b = self.tame(self.expr(scope, ctx, d))
            return E('(%s ? %s : %s)' % (c, a.text, b.text), max(a.bound, b.bound))
        if what == 'pow':
            a = self.tame(self.expr(scope, ctx, d))
            m = self.pick([5, 10, 13])
            p = self.r.randint(0, 3)
            return E('ag::pow(%s %% %d, %d)' % (a.text, m, p), (m - 1) ** p)
        if what == 'clamp':
            a = self.expr(scope, ctx, d)
            lo = self.r.randint(-100, 0)
            hi = self.r.randint(0, 100)
            return E('ag::minimum(ag::maximum(%s, %s), %d)' % (a.text, self.lit(lo), hi),
                     max(abs(lo), hi))
        if what == 'call':
            return self.helper_call(scope, ctx, d)
        # reduce of a vector expression
        v = self.tame(self.vexpr(scope, ctx, d))
        red = self.pick(['reduce_sum', 'reduce_min', 'reduce_max', 'reduce_mean'])
        bound = v.bound * MAX_VECTOR_LENGTH if red == 'reduce_sum' else v.bound
        return E('ag::%s(%s)' % (red, v.text), bound)

    def vexpr(self, scope, ctx, depth):
        """A 1-d int32 expression with the length of the vector arguments."""
        vectors = self.vars_of(scope, 'V')
        assert vectors
        if depth <= 0 or self.chance(0.3):
            v = self.pick(vectors)
            return E(v.name, v.bound, 'V')
        d = depth - 1
        what = self.weighted([(4, 'bin'), (2, 'minmax'), (1, 'unary'), (1, 'mod'),
                              (1, 'where'), (1, 'div')])
        a = self.tame(self.vexpr(scope, ctx, d))
        if what == 'bin':
            op = self.pick(['+', '-', '*'])
            b = self.tame(self.vexpr(scope, ctx, d) if self.chance(0.4)
                          else self.operand(scope, ctx, d))
            if self.chance(0.5):
                a, b = b, a
            bound = a.bound * b.bound if op == '*' else a.bound + b.bound
            return E('(%s %s %s)' % (a.text, op, b.text), bound, 'V')
        if what == 'minmax':
            b = self.tame(self.vexpr(scope, ctx, d) if self.chance(0.3)
                          else self.operand(scope, ctx, d))
            f = self.pick(['ag::minimum', 'ag::maximum'])
            return E('%s(%s, %s)' % (f, a.text, b.text), max(a.bound, b.bound), 'V')
        if what == 'unary':
            f = self.pick(['-', 'ag::abs', 'ag::relu'])
            if f == '-':
                return E('(-%s)' % a.text, a.bound, 'V')
            return E('%s(%s)' % (f, a.text), a.bound, 'V')
        if what == 'mod':
            c = self.pick([2, 3, 7, 10, 101])
            return E('(%s %% %d)' % (a.text, c), min(a.bound, c - 1), 'V')
        if what == 'div':
            c = self.pick([2, 3, -4])
            return E('(%s / %s)' % (a.text, self.lit(c)), a.bound, 'V')
        # where over the elements: a vector condition, a scalar or a vector
        b = self.tame(self.vexpr(scope, ctx, d) if self.chance(0.4)
                      else self.operand(scope, ctx, d))
        s = self.tame(self.operand(scope, ctx, d))
        cmp = self.pick(['<', '<=', '>', '>=', '==', '!='])
        c = '(%s %s %s)' % (a.text, cmp, s.text)
        if b.kind == 'I' or self.chance(0.5):
            return E('ag::where(%s, %s, %s)' % (c, a.text, b.text), max(a.bound, b.bound), 'V')
        return E('ag::where(%s, %s, %s)' % (c, b.text, a.text), max(a.bound, b.bound), 'V')

    def comparison(self, scope, ctx, depth):
        a = self.tame(self.expr(scope, ctx, depth))
        if self.chance(0.6):
            b = E(self.lit(self.small_literal()), 12, 'I')
        else:
            b = self.tame(self.expr(scope, ctx, depth))
        op = self.pick(['<', '<=', '>', '>=', '==', '!='])
        return '(%s %s %s)' % (a.text, op, b.text)

    def bool_tensor(self, scope, ctx, depth):
        """A 0-d bool tensor (usable as a value)."""
        bools = self.vars_of(scope, 'B')
        what = self.weighted([(6, 'cmp'), (2 if bools else 0, 'var'),
                              (1 if depth > 0 else 0, 'and'),
                              (1 if depth > 0 else 0, 'or'),
                              (1 if depth > 0 else 0, 'not')])
        if what == 'var':
            return self.pick(bools).name
        if what == 'cmp':
            return self.comparison(scope, ctx, max(depth - 1, 0))
        if what == 'not':
            return 'ag::logical_not(%s)' % self.bool_tensor(scope, ctx, depth - 1)
        op = '&' if what == 'and' else '|'
        return '(%s %s %s)' % (self.bool_tensor(scope, ctx, depth - 1), op,
                               self.bool_tensor(scope, ctx, depth - 1))

    def condition(self, scope, ctx, depth):
        """A condition of an if, while or ?:: a tensor, or &&, ||, ! of them."""
        what = self.weighted([(5, 'bool'), (1, 'int'),
                              (1 if depth > 0 else 0, '&&'),
                              (1 if depth > 0 else 0, '||'),
                              (1 if depth > 0 else 0, '!')])
        if what == 'bool':
            return self.bool_tensor(scope, ctx, min(depth, 1))
        if what == 'int':  # non-zero is true
            a = self.tame(self.expr(scope, ctx, max(depth - 1, 0)))
            return '(%s %% %d)' % (a.text, self.pick([2, 3, 4]))
        if what == '!':
            return '!%s' % self.paren(self.condition(scope, ctx, depth - 1))
        return '(%s %s %s)' % (self.condition(scope, ctx, depth - 1), what,
                               self.condition(scope, ctx, depth - 1))

    @staticmethod
    def paren(text):
        return text if text.startswith('(') and text.endswith(')') else '(%s)' % text

    # ------------------------------------------------------------ statements
    def block(self, scope, ctx, count, indent):
        """count statements in a new scope (scope is copied)."""
        scope = list(scope)
        lines = []
        for _ in range(count):
            lines += self.statement(scope, ctx, indent)
        return lines

    def statement(self, scope, ctx, indent):
        pad = '  ' * indent
        compound = ctx.depth < MAX_DEPTH
        has_vec = bool(self.vars_of(scope, 'V'))
        choices = [(6, 'assign'), (3, 'decl'), (2, 'print')]
        if compound:
            choices += [(4, 'if'), (2, 'while'), (2, 'for'), (1, 'cppfor')]
            if has_vec:
                choices.append((2, 'rangefor'))
        if ctx.can_jump():
            choices += [(2, 'break'), (2, 'continue')]
        if ctx.can_return():
            choices.append((1, 'return'))
        what = self.weighted(choices)
        return getattr(self, 'stmt_' + what)(scope, ctx, indent, pad)

    def stmt_assign(self, scope, ctx, indent, pad):
        targets = [v for v in scope if v.kind in 'SVB' and not v.frozen]
        if not targets:
            return self.stmt_decl(scope, ctx, indent, pad)
        v = self.pick(targets)
        if v.kind == 'B':
            return ['%s%s = %s;' % (pad, v.name, self.bool_tensor(scope, ctx, 2))]
        if v.kind == 'S' and self.chance(0.15):
            if self.chance(0.5):
                return ['%s%s /= %s;' % (pad, v.name, self.lit(self.pick([2, 3, -2])))]
            return ['%s%s %%= %d;' % (pad, v.name, self.pick([5, 7, 100]))]
        e = self.tame(self.expr(scope, ctx, 3, v.kind))
        return ['%s%s = %s;' % (pad, v.name, e.text)]

    def stmt_decl(self, scope, ctx, indent, pad):
        fn = ctx.fn
        kinds = ['S', 'S', 'S', 'B'] + (['V'] if self.vars_of(scope, 'V') else [])
        kind = self.pick(kinds)
        if kind == 'B':
            name = self.fresh(fn, 'b')
            text = self.bool_tensor(scope, ctx, 2)
        else:
            name = self.fresh(fn, 't' if kind == 'S' else 'w')
            text = self.tame(self.expr(scope, ctx, 3, kind)).text
        scope.append(Var(name, kind))
        return ['%sag::Tensor %s = %s;' % (pad, name, text)]

    def print_args(self, scope, count):
        usable = [v for v in scope if v.kind in 'SVBI']
        return [self.pick(usable).name for _ in range(count)] if usable else []

    def stmt_print(self, scope, ctx, indent, pad):
        fn = ctx.fn
        fn.prints += 1
        label = '%s.%d' % (fn.name, fn.prints)
        scalars = [v for v in scope if v.kind == 'S']
        form = self.weighted([(3, 'print'), (1, 'printf'), (1, 'cout')])
        if form == 'printf' and scalars:
            args = []
            for _ in range(self.r.randint(1, 2)):
                pool = scalars + self.cpp_ints(scope)
                v = self.pick(pool)
                args.append(v.name if v.kind == 'I' else '%s.item<int>()' % v.name)
            return ['%sprintf("%s%s\\n", %s);' % (pad, label, ' %d' * len(args),
                                                  ', '.join(args))]
        args = self.print_args(scope, self.r.randint(1, 3))
        if form == 'cout':
            chain = ' << " " << '.join(args)
            return ['%sstd::cout << "%s " << %s << std::endl;' % (pad, label, chain)]
        return ['%sag::print(%s);' % (pad, ', '.join(['"%s"' % label] + args))]

    def stmt_if(self, scope, ctx, indent, pad):
        inner = ctx.nested()
        lines = ['%sif (%s) {' % (pad, self.condition(scope, ctx, 2))]
        lines += self.block(scope, inner, self.r.randint(1, 3), indent + 1)
        for _ in range(self.weighted([(3, 0), (2, 1), (1, 2)])):
            lines.append('%s} else if (%s) {' % (pad, self.condition(scope, ctx, 2)))
            lines += self.block(scope, inner, self.r.randint(0, 2), indent + 1)
        if self.chance(0.5):
            lines.append('%s} else {' % pad)
            lines += self.block(scope, inner, self.r.randint(1, 2), indent + 1)
        lines.append('%s}' % pad)
        return lines

    def loop_bound(self, scope, ctx):
        """A small bound (<= 5) for a staged counter: a constant or a tensor."""
        what = self.weighted([(1, 'const'), (3, 'abs'), (1 if self.vars_of(scope, 'V') else 0, 'len')])
        if what == 'const':
            return str(self.r.randint(1, 3)), 3
        if what == 'len':
            v = self.pick(self.vars_of(scope, 'V'))
            return 'ag::cast(ag::dim(%s, 0), ag::int32)' % v.name, MAX_VECTOR_LENGTH
        a = self.tame(self.expr(scope, ctx, 1))
        b = self.r.randint(1, 4)
        return 'ag::minimum(ag::abs(%s), %d)' % (a.text, b), b

    def stmt_while(self, scope, ctx, indent, pad):
        fn = ctx.fn
        i = self.fresh(fn, 'i')
        bound, b = self.loop_bound(scope, ctx)
        cond = '%s < %s' % (i, bound)
        if self.chance(0.35):
            cond = '%s && %s' % (cond, self.condition(scope, ctx, 1))
        lines = ['%sag::Tensor %s = ag::constant(0);' % (pad, i),
                 '%swhile (%s) {' % (pad, cond),
                 '%s  %s += 1;' % (pad, i)]
        counter = Var(i, 'S', bound=b + 1, frozen=True)
        inner_scope = scope + [counter]
        lines += self.block(inner_scope, ctx.nested('staged'), self.r.randint(1, 3), indent + 1)
        lines.append('%s}' % pad)
        scope.append(counter)  # readable after the loop, never assigned
        return lines

    def stmt_for(self, scope, ctx, indent, pad):
        fn = ctx.fn
        i = self.fresh(fn, 'i')
        bound, b = self.loop_bound(scope, ctx)
        step = self.pick(['%s += 1' % i, '%s = %s + 1' % (i, i), '%s += 2' % i])
        lines = ['%sfor (ag::Tensor %s = ag::constant(0); %s < %s; %s) {' % (pad, i, i, bound, step)]
        counter = Var(i, 'S', bound=b + 2, frozen=True)
        lines += self.block(scope + [counter], ctx.nested('staged'), self.r.randint(1, 3), indent + 1)
        lines.append('%s}' % pad)
        return lines

    def stmt_rangefor(self, scope, ctx, indent, pad):
        fn = ctx.fn
        vectors = self.vars_of(scope, 'V')
        v = self.pick(vectors)
        e = self.fresh(fn, 'e')
        # the vector walked is not assigned in the body
        inner_scope = [Var(x.name, x.kind, x.bound, True) if x is v else x for x in scope]
        inner_scope.append(Var(e, 'S', bound=v.bound, frozen=True))
        if self.chance(0.2):
            over = self.tame(self.vexpr(scope, ctx, 1))
            inner_scope[-1].bound = over.bound
            head = over.text
        else:
            head = v.name
        lines = ['%sfor (ag::Tensor %s : %s) {' % (pad, e, head)]
        lines += self.block(inner_scope, ctx.nested('staged'), self.r.randint(1, 3), indent + 1)
        lines.append('%s}' % pad)
        return lines

    def stmt_cppfor(self, scope, ctx, indent, pad):
        fn = ctx.fn
        k = self.fresh(fn, 'k')
        n = self.r.randint(1, 3)
        lines = ['%sfor (int %s = 0; %s < %d; ++%s) {' % (pad, k, k, n, k)]
        inner_scope = scope + [Var(k, 'I', bound=n - 1, frozen=True)]
        lines += self.block(inner_scope, ctx.nested('cpp', staged=False), self.r.randint(1, 3),
                            indent + 1)
        lines.append('%s}' % pad)
        return lines

    def jump_body(self, scope, ctx, indent, pad, jump):
        lines = ['%sif (%s) {' % (pad, self.condition(scope, ctx, 1))]
        if self.chance(0.4):
            lines += self.block(scope, ctx.nested(), 1, indent + 1)
        lines.append('%s  %s;' % (pad, jump))
        lines.append('%s}' % pad)
        return lines

    def stmt_break(self, scope, ctx, indent, pad):
        return self.jump_body(scope, ctx, indent, pad, 'break')

    def stmt_continue(self, scope, ctx, indent, pad):
        return self.jump_body(scope, ctx, indent, pad, 'continue')

    def stmt_return(self, scope, ctx, indent, pad):
        e = self.tame(self.expr(scope, ctx, 2))
        return self.jump_body(scope, ctx, indent, pad, 'return %s' % e.text)

    # ------------------------------------------------------------- functions
    def params(self, need_vector=False, const_refs=False):
        """1-4 parameters; helpers take some by const reference (not assigned)."""
        kinds = [self.pick(['S', 'S', 'V']) for _ in range(self.r.randint(1, 4))]
        if need_vector and 'V' not in kinds:
            kinds[self.r.randrange(len(kinds))] = 'V'
        return [Var('%s%d' % ('x' if k == 'S' else 'v', n + 1), k,
                    frozen=const_refs and self.chance(0.3))
                for n, k in enumerate(kinds)]

    @staticmethod
    def signature_text(fn):
        return ', '.join('%s %s' % ('const ag::Tensor &' if p.frozen else 'ag::Tensor',
                                    p.name) for p in fn.params).replace('& ', '&')

    def return_type(self, fn):
        return 'std::tuple<ag::Tensor, ag::Tensor>' if fn.returns == 'T' else 'ag::Tensor'

    def function_body(self, fn, count):
        scope = list(fn.params)
        ctx = Context(fn)
        lines = []
        for h in fn.helpers_to_call:
            # every helper is called at least once
            call = self.helper_call(scope, ctx, 2, h)
            t = self.fresh(fn, 't')
            lines.append('  ag::Tensor %s = %s;' % (t, call.text))
            scope.append(Var(t, 'S'))
        for _ in range(count):
            lines += self.statement(scope, ctx, 1)
        if fn.returns == 'S':
            lines.append('  return %s;' % self.tame(self.expr(scope, ctx, 3)).text)
        elif fn.returns == 'V':
            lines.append('  return %s;' % self.tame(self.vexpr(scope, ctx, 2)).text)
        else:
            parts = [self.tame(self.expr(scope, ctx, 3, k)).text for k in fn.ret_kinds]
            lines.append('  return {%s};' % ', '.join(parts))
        return lines

    def helper(self, index, owner, vectors):
        """A plain function the AG_FUNCTION owner calls (converted with it)."""
        name = '%s_h%d' % (owner, index)
        params = self.params(const_refs=True)
        if not vectors:
            for p in params:
                if p.kind == 'V':
                    p.kind, p.name = 'S', 'x' + p.name[1:]
        fn = Function(name, params, 'S', is_ag=False)
        # it may call helpers defined before it whose arguments it can give
        has_vec = any(p.kind == 'V' for p in params)
        callable_ = [h for h in self.all_helpers[-2:]
                     if has_vec or all(p.kind == 'S' for p in h.params)]
        fn.helpers = callable_ if self.chance(0.3) else []
        fn.helpers_to_call = []
        text = ['ag::Tensor %s(%s) {' % (name, self.signature_text(fn))]
        text += self.function_body(fn, self.r.randint(1, 4))
        text.append('}')
        self.all_helpers.append(fn)
        return fn, text

    def ag_function(self, index):
        name = 'f%d' % index
        returns = self.weighted([(6, 'S'), (2, 'T'), (1, 'V')])
        fn = Function(name, self.params(need_vector=(returns == 'V')), returns, is_ag=True)
        has_vec = any(p.kind == 'V' for p in fn.params)
        if returns == 'T':
            fn.ret_kinds = ['S', self.pick(['S', 'V']) if has_vec else 'S']
        out = []
        helpers = []
        for h in range(self.weighted([(2, 0), (3, 1), (2, 2)])):
            fn_h, text = self.helper(h, name, has_vec)
            helpers.append(fn_h)
            out += text + ['']
        fn.helpers = helpers
        fn.helpers_to_call = list(helpers)
        out.append('AG_FUNCTION %s %s(%s) {' % (self.return_type(fn), name,
                                                self.signature_text(fn)))
        out += self.function_body(fn, self.r.randint(2, 6))
        out.append('}')
        self.functions.append(fn)
        return out

    # ------------------------------------------------------------------ main
    def argument(self, p, length):
        if p.kind == 'S':
            n = self.weighted([(3, self.r.randint(-6, 6)), (1, self.r.randint(-60, 60))])
            return 'ag::constant(%s)' % n
        values = [str(self.r.randint(-20, 20)) for _ in range(length)]
        return 'ag::constant({%s})' % ', '.join(values)

    def main(self):
        out = ['#ifdef AG_RANDOM_PROGRAM_AOT',
               '// The functions compiled ahead of time (autograph_add_aot_library).',
               '#include AG_RANDOM_PROGRAM_AOT',
               '#define AG_CALL(f) ::ag::aot::f',
               '#else',
               '#define AG_CALL(f) f',
               '#endif',
               '',
               'int main() {']
        for fn in self.functions:
            lengths = list(range(1, MAX_VECTOR_LENGTH + 1))
            self.r.shuffle(lengths)
            for call in range(self.r.randint(2, 3)):
                args = ', '.join(self.argument(p, lengths[call]) for p in fn.params)
                label = '%s#%d' % (fn.name, call)
                out.append('  try {')
                if fn.returns == 'T':
                    out.append('    auto [r0, r1] = AG_CALL(%s)(%s);' % (fn.name, args))
                    out.append('    ag::print("%s =", r0, r1);' % label)
                else:
                    out.append('    ag::print("%s =", AG_CALL(%s)(%s));' % (label, fn.name, args))
                out.append('  } catch (const std::exception &e) {')
                out.append('    std::cout << "%s exception: " << e.what() << std::endl;' % label)
                out.append('  }')
        out.append('  return 0;')
        out.append('}')
        return out

    def program(self):
        out = ['// A random ag program (test/random_programs/generate_program.py --seed %d).'
               % self.seed,
               '#include <autograph/autograph.h>',
               '',
               '#include <cstdio>',
               '#include <exception>',
               '#include <iostream>',
               '#include <tuple>',
               '']
        for i in range(self.weighted([(2, 1), (3, 2), (2, 3)])):
            out += self.ag_function(i) + ['']
        out += self.main()
        return '\n'.join(out) + '\n'

    def signatures(self):
        lines = []
        for fn in self.functions:
            sig = ','.join('i32[]' if p.kind == 'S' else 'i32[?]' for p in fn.params)
            lines.append('%s(%s)' % (fn.name, sig))
        return '\n'.join(lines) + '\n'


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    parser.add_argument('--seed', type=int, required=True)
    parser.add_argument('-o', '--output', help='the C++ file (default: stdout)')
    parser.add_argument('--functions', help='also write NAME(SIGNATURE) lines here')
    args = parser.parse_args()
    gen = Generator(args.seed)
    text = gen.program()
    if args.output:
        with open(args.output, 'w') as f:
            f.write(text)
    else:
        sys.stdout.write(text)
    if args.functions:
        with open(args.functions, 'w') as f:
            f.write(gen.signatures())


if __name__ == '__main__':
    main()
