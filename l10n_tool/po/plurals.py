"""Plural-Forms: a safe parser for the C expression subset and CLDR-derived headers."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Callable

_TOKEN = re.compile(r"\s*(?:(\d+)|(n)\b|(\|\||&&|==|!=|<=|>=|[-+*/%<>!?:()]))")

_BINARY = {
    "||": (1, lambda a, b: 1 if (a or b) else 0),
    "&&": (2, lambda a, b: 1 if (a and b) else 0),
    "==": (3, lambda a, b: 1 if a == b else 0),
    "!=": (3, lambda a, b: 1 if a != b else 0),
    "<": (4, lambda a, b: 1 if a < b else 0),
    ">": (4, lambda a, b: 1 if a > b else 0),
    "<=": (4, lambda a, b: 1 if a <= b else 0),
    ">=": (4, lambda a, b: 1 if a >= b else 0),
    "+": (5, lambda a, b: a + b),
    "-": (5, lambda a, b: a - b),
    "*": (6, lambda a, b: a * b),
    "/": (6, lambda a, b: _div(a, b)),
    "%": (6, lambda a, b: _mod(a, b)),
}


def _div(a: int, b: int) -> int:
    if b == 0:
        raise ValueError("division by zero in plural expression")
    return a // b


def _mod(a: int, b: int) -> int:
    if b == 0:
        raise ValueError("division by zero in plural expression")
    return a % b


class _Node:
    """A parsed (sub)expression: its function, its tree depth, and its value when it does not
    depend on n (so that a divisor can be checked before anything is evaluated)."""

    __slots__ = ("fn", "depth", "constant")

    def __init__(self, fn: Callable[[int], int], depth: int, constant: int | None = None):
        if depth > MAX_DEPTH:
            raise ValueError(f"plural expression nested deeper than {MAX_DEPTH}")
        self.fn, self.depth, self.constant = fn, depth, constant


class _Parser:
    """Recursive descent over tokens; builds closures, never evaluates source text. A tree
    deeper than MAX_DEPTH (``0+0+...``) and a ``/`` or ``%`` by anything but a non-zero
    constant are refused here, so that a parsed expression evaluates for every n."""

    def __init__(self, text: str):
        self.tokens: list[tuple[str, str]] = []
        pos = 0
        text = text.rstrip()
        while pos < len(text):
            m = _TOKEN.match(text, pos)
            if not m or m.end() == pos:
                found = text[pos:].strip()[:1]
                raise ValueError(f"unexpected character {found!r} at column {pos + 1}")
            if m.group(1) is not None:
                self.tokens.append(("num", m.group(1)))
            elif m.group(2) is not None:
                self.tokens.append(("n", "n"))
            else:
                self.tokens.append(("op", m.group(3)))
            pos = m.end()
            while pos < len(text) and text[pos].isspace():
                pos += 1
        self.i = 0

    def peek(self) -> str | None:
        return self.tokens[self.i][1] if self.i < len(self.tokens) else None

    def take(self, op: str) -> None:
        if self.peek() != op:
            raise ValueError(f"expected {op!r}, found {self.peek() or 'end of expression'!r}")
        self.i += 1

    def parse(self) -> Callable[[int], int]:
        if not self.tokens:
            raise ValueError("empty plural expression")
        node = self.conditional()
        if self.i != len(self.tokens):
            raise ValueError(f"unexpected {self.peek()!r} in plural expression")
        return node.fn

    def conditional(self) -> _Node:
        cond = self.binary(1)
        if self.peek() != "?":
            return cond
        self.i += 1
        yes = self.conditional()
        self.take(":")
        no = self.conditional()
        test, when, otherwise = cond.fn, yes.fn, no.fn
        return _Node(lambda n: when(n) if test(n) else otherwise(n), 1 + max(cond.depth, yes.depth, no.depth))

    def binary(self, level: int) -> _Node:
        if level > 6:
            return self.unary()
        left = self.binary(level + 1)
        while True:
            op = self.peek()
            entry = _BINARY.get(op) if op is not None and self.tokens[self.i][0] == "op" else None
            if entry is None or entry[0] != level:
                return left
            self.i += 1
            right = self.binary(level + 1)
            if op in ("/", "%") and not right.constant:
                raise ValueError(f"{op!r} by zero in plural expression" if right.constant == 0
                                 else f"{op!r} by a value that depends on n (it may be 0)")
            left = _combine(entry[1], left, right)

    def unary(self) -> _Node:
        if self.peek() == "!":
            self.i += 1
            inner = self.unary()
            fn = inner.fn
            return _Node(lambda n: 0 if fn(n) else 1, inner.depth + 1,
                         None if inner.constant is None else int(not inner.constant))
        if self.i >= len(self.tokens):
            raise ValueError("plural expression ends too early")
        kind, value = self.tokens[self.i]
        self.i += 1
        if kind == "num":
            const = int(value)
            return _Node(lambda n: const, 1, const)
        if kind == "n":
            return _Node(lambda n: n, 1)
        if value == "(":
            inner = self.conditional()
            self.take(")")
            return inner
        raise ValueError(f"unexpected {value!r} in plural expression")


def _combine(op, left: _Node, right: _Node) -> _Node:
    first, second = left.fn, right.fn
    constant = None
    if left.constant is not None and right.constant is not None:
        constant = op(left.constant, right.constant)
    return _Node(lambda n: op(first(n), second(n)), 1 + max(left.depth, right.depth), constant)


MAX_EXPRESSION = 2000   # characters; real plural expressions are far shorter
MAX_DEPTH = 64


def compile_plural(expression: str) -> Callable[[int], int]:
    """A function n -> form index for a C plural expression (ValueError if invalid)."""
    if len(expression) > MAX_EXPRESSION:
        raise ValueError(f"plural expression longer than {MAX_EXPRESSION} characters")
    depth = 0
    for ch in expression:
        depth += ch == "("
        depth -= ch == ")"
        if depth > MAX_DEPTH:
            raise ValueError(f"plural expression nested deeper than {MAX_DEPTH}")
    if expression.count("!") > MAX_DEPTH or expression.count("?") > MAX_DEPTH:
        raise ValueError("plural expression too complex")
    try:
        return _Parser(expression).parse()
    except RecursionError:
        raise ValueError("plural expression too complex") from None


@lru_cache(maxsize=256)
def parse_plural_forms(text: str) -> tuple[int, Callable[[int], int]]:
    """Parse "nplurals=N; plural=EXPR;" into (N, function); ValueError on anything invalid."""
    values: dict[str, str] = {}
    for part in text.split(";"):
        if not part.strip():
            continue
        key, sep, value = part.partition("=")
        key = key.strip()
        if not sep or key not in ("nplurals", "plural"):
            raise ValueError(f"invalid Plural-Forms part {part.strip()!r}")
        if key in values:
            raise ValueError(f"{key} given twice in Plural-Forms")
        values[key] = value.strip()
    if "nplurals" not in values or "plural" not in values:
        raise ValueError("Plural-Forms needs both nplurals= and plural=")
    if not values["nplurals"].isdigit() or not values["nplurals"].isascii():
        raise ValueError(f"nplurals is not a number: {values['nplurals']!r}")
    nplurals = int(values["nplurals"])
    if not 1 <= nplurals <= 100:
        raise ValueError(f"nplurals={nplurals} is out of range")
    fn = compile_plural(values["plural"])
    for n in range(0, 1001):
        form = fn(n)
        if not 0 <= form < nplurals:
            raise ValueError(f"plural expression gives {form} for n={n}, outside 0..{nplurals - 1}")
    return nplurals, fn


# --- Plural-Forms from CLDR rules (through Babel) ---

def _sample() -> list[int]:
    extra = [10 ** k for k in range(4, 10)] + [k * 10 ** 6 for k in range(1, 21)]
    return list(range(0, 10001)) + extra


class _Cldr:
    """Turn Babel's plural rule AST into a folded C expression over integer n."""

    ZERO_OPERANDS = {"v", "w", "f", "t", "c", "e"}

    def expr(self, node):
        op, args = node
        if op in ("n", "i"):
            return "n"
        if op in self.ZERO_OPERANDS:
            return 0
        if op == "value":
            return args[0]
        if op == "mod":
            left, right = self.expr(args[0]), self.expr(args[1])
            if isinstance(left, int):
                return left % right
            return f"n % {right}" if left == "n" else f"({left}) % {right}"
        raise ValueError(f"unsupported plural operand {op}")

    def cond(self, node):
        """A C condition string, or True/False when constant."""
        op, args = node
        if op == "and":
            a, b = self.cond(args[0]), self.cond(args[1])
            if a is False or b is False:
                return False
            if a is True:
                return b
            if b is True:
                return a
            return f"{_paren(a, '&&')} && {_paren(b, '&&')}"
        if op == "or":
            a, b = self.cond(args[0]), self.cond(args[1])
            if a is True or b is True:
                return True
            if a is False:
                return b
            if b is False:
                return a
            return f"{a} || {b}"
        if op == "not":
            a = self.cond(args[0])
            if isinstance(a, bool):
                return not a
            return _negate(a)
        if op == "relation":
            method, operand, ranges = args
            value = self.expr(operand)
            parts = []
            for lo_node, hi_node in ranges[1]:
                lo, hi = self.expr(lo_node), self.expr(hi_node)
                if isinstance(value, int):
                    if lo <= value <= hi:
                        return True
                    continue
                parts.append(f"{value} == {lo}" if lo == hi
                             else f"{value} >= {lo} && {value} <= {hi}")
            if not parts:
                return False
            if len(parts) == 1:
                return parts[0]
            return " || ".join(f"({p})" if "&&" in p else p for p in parts)
        raise ValueError(f"unsupported plural rule node {op}")


def _paren(cond: str, within: str) -> str:
    return f"({cond})" if "||" in cond else cond


def _negate(cond: str) -> str:
    for a, b in ((" == ", " != "), (" != ", " == ")):
        left, sep, right = cond.partition(a)
        other = "!=" if a == " == " else "=="
        if sep and all(t not in cond for t in ("&&", "||", "?", "<", ">", other)):
            return f"{left}{b}{right}"
    return f"!({cond})"


@lru_cache(maxsize=None)
def plural_forms(locale: str) -> str:
    """The Plural-Forms header for a locale from Babel's CLDR rules, e.g.
    "nplurals=2; plural=(n != 1);"; forms unreachable for whole numbers are left out."""
    from babel import Locale, UnknownLocaleError

    try:
        loc = Locale.parse(locale.replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError) as exc:
        from ..errors import L10nError
        raise L10nError(f"unknown locale {locale!r}: {exc}") from None
    rule = loc.plural_form
    compiler = _Cldr()
    order = ["zero", "one", "two", "few", "many", "other"]
    conds = {tag: compiler.cond(ast) for tag, ast in rule.abstract}
    conds = {tag: c for tag, c in conds.items() if c is not False}
    sample = _sample()
    reached = {rule(n) for n in sample}
    tags = [t for t in order if t in reached]
    if len(tags) == 1:
        return "nplurals=1; plural=0;"
    # the last reachable tag is the fall-through: its own condition is not needed
    parts = []
    for index, tag in enumerate(tags[:-1]):
        cond = conds[tag]
        parts.append((cond, index))
    if len(parts) == 1 and parts[0][0] is not True:
        expr = f"({_negate(parts[0][0])})" if len(tags) == 2 else None
    else:
        expr = None
    if expr is None or not expr.startswith("(") or "!(" in expr:
        expr = "(" + " : ".join(f"{c} ? {i}" for c, i in parts) + f" : {len(tags) - 1})"
    text = f"nplurals={len(tags)}; plural={expr};"
    _, fn = parse_plural_forms(text)
    index_of = {t: i for i, t in enumerate(tags)}
    for n in sample:
        if fn(n) != index_of[rule(n)]:  # pragma: no cover - guards the folding above
            raise AssertionError(f"plural expression for {locale} disagrees with CLDR at n={n}")
    return text
