"""Does a translation pass its format flags' check, as GNU gettext 0.21 (msgfmt -c,
msgmerge) checks c-format and python-format strings?

A singular msgstr must use exactly the msgid's arguments, with the same types. Each form
of a plural message is compared with the msgid_plural; a form the plural expression uses
rarely (for at most 5 of the counts 0..1000, like "one" in English) or, with a
``range: a..b`` flag, for at most one count in that range, may leave arguments out."""

from __future__ import annotations

from functools import lru_cache

from .directives import _PRI_MACRO

_C_TYPES = {**dict.fromkeys("di", "int"), **dict.fromkeys("ouxX", "unsigned"),
            **dict.fromkeys("eEfFgGaA", "double"), "c": "char", "C": "wchar", "s": "string",
            "S": "wstring", "p": "pointer", "n": "count"}
_PY_TYPES = {"c": "char", **dict.fromkeys("sr", "any"), **dict.fromkeys("iduoxX", "int"),
             **dict.fromkeys("eEfFgG", "float")}
KINDS = ("c", "python")


def _c_spec(s: str):
    """{argument number: type} of a C format string, or None if it is not a valid one."""
    args: dict[int, str] = {}
    numbered = unnumbered = False
    i, n, count = 0, len(s), 0

    def number(i):
        j = i
        while j < n and s[j].isdigit():
            j += 1
        if j > i and j < n and s[j] == "$":
            return int(s[i:j]), j + 1
        return 0, i

    while i < n:
        if s[i] != "%":
            i += 1
            continue
        i += 1
        num, i = number(i)
        while i < n and s[i] in "-+ #0'I":
            i += 1
        for part in range(2):
            if i < n and s[i] == "*":
                star, i = number(i + 1)
                if star:
                    numbered = True
                    if args.get(star, "int") != "int":
                        return None
                    args[star] = "int"
                else:
                    unnumbered = True
                    count += 1
                    args[count] = "int"
            else:
                while i < n and s[i].isdigit():
                    i += 1
            if part == 0:
                if i < n and s[i] == ".":
                    i += 1
                else:
                    break
        size = ""
        while i < n and s[i] in "hlLqjzZt":
            size += s[i]
            i += 1
        if i < n and s[i] == "<":
            macro = _PRI_MACRO.match(s, i)
            if macro is None:
                return None
            conv, i = "int" + macro.group(0), macro.end()
        elif i < n and s[i] in "%m":
            i += 1
            continue
        elif i < n and s[i] in _C_TYPES:
            conv, i = size + _C_TYPES[s[i]], i + 1
        else:
            return None
        if num:
            numbered = True
        else:
            unnumbered = True
            count += 1
            num = count
        if numbered and unnumbered:
            return None
        if args.get(num, conv) != conv:
            return None
        args[num] = conv
    if numbered and args and sorted(args) != list(range(1, len(args) + 1)):
        return None
    return args


def _python_spec(s: str):
    """({name: type} or {position: type}, named?) of a Python %-format string, or None."""
    args: dict = {}
    named = unnamed = False
    i, n, count = 0, len(s), 0
    while i < n:
        if s[i] != "%":
            i += 1
            continue
        i += 1
        name = None
        if i < n and s[i] == "(":
            depth, j = 0, i + 1
            while j < n and not (s[j] == ")" and depth == 0):
                depth += (s[j] == "(") - (s[j] == ")")
                j += 1
            if j >= n:
                return None
            name, i = s[i + 1:j], j + 1
        while i < n and s[i] in "-+ #0":
            i += 1
        for part in range(2):
            if i < n and s[i] == "*":
                i += 1
                if name is not None:
                    return None
                unnamed = True
                count += 1
                args[count] = "int"
            else:
                while i < n and s[i].isdigit():
                    i += 1
            if part == 0:
                if i < n and s[i] == ".":
                    i += 1
                else:
                    break
        if i < n and s[i] in "hlL":
            i += 1
        if i >= n:
            return None
        if s[i] == "%" and name is None:
            i += 1
            continue
        conv = "none" if s[i] == "%" else _PY_TYPES.get(s[i])  # %(n)% still names n
        if conv is None:
            return None
        i += 1
        if name is not None:
            named = True
            if args.get(name, conv) != conv:
                return None
            args[name] = conv
        else:
            unnamed = True
            count += 1
            args[count] = conv
        if named and unnamed:
            return None
    return args, named


def _compare_c(source, target, strict: bool, src: str, dst: str) -> str | None:
    if (len(target) != len(source)) if strict else (len(target) > len(source)):
        return f"number of format specifications in '{src}' and '{dst}' does not match"
    for number, conv in target.items():
        if source.get(number) != conv:
            return (f"format specifications in '{src}' and '{dst}' for argument {number} "
                    "are not the same")
    return None


def _compare_python(source, target, strict: bool, src: str, dst: str) -> str | None:
    (sargs, snamed), (targs, tnamed) = source, target
    if sargs and targs and snamed != tnamed:
        wants = {True: "a mapping", False: "a tuple"}
        return f"format specifications in '{src}' expect {wants[snamed]}, those in '{dst}' expect {wants[tnamed]}"
    if not snamed and not tnamed:
        return _compare_c(sargs, targs, strict, src, dst)
    for name in targs:
        if name not in sargs:
            return f"a format specification for argument '{name}', as in '{dst}', doesn't exist in '{src}'"
    if strict:
        for name in sargs:
            if name not in targs:
                return f"a format specification for argument '{name}' doesn't exist in '{dst}'"
    for name, conv in targs.items():
        other = sargs[name]
        if other != conv and (strict or "any" not in (conv, other)):
            return f"format specifications in '{src}' and '{dst}' for argument '{name}' are not the same"
    return None


_PARSE = {"c": _c_spec, "python": _python_spec}
_COMPARE = {"c": _compare_c, "python": _compare_python}


def declared_kinds(flags) -> set[str]:
    """The format kinds we check that the flags declare (``c-format``, ``python-format``)."""
    return {flag[:-7] for flag in flags if flag.endswith("-format") and flag[:-7] in KINDS}


def _range(flags) -> tuple[int, int] | None:
    for flag in flags:
        if flag.startswith("range:"):
            low, sep, high = flag[6:].strip().partition("..")
            if sep and low.isdigit() and high.isdigit():
                return int(low), int(high)
    return None


@lru_cache(maxsize=64)
def _plural_function(plural_forms: str | None):
    from .plurals import parse_plural_forms

    if not plural_forms:
        return None
    try:
        return parse_plural_forms(plural_forms)[1]
    except ValueError:
        return None


@lru_cache(maxsize=256)
def _strict_forms(count: int, plural_forms: str | None, limits) -> tuple[bool, ...]:
    """For each form index: must it use every argument of the msgid_plural?"""
    plural = _plural_function(plural_forms)
    if plural is None:
        return (True,) * count
    uses = [0] * count
    for n in range(1001):
        form = _form(plural, n)
        if 0 <= form < count:
            uses[form] += 1
    strict = [used > 5 for used in uses]
    if limits is not None:
        low, high = limits
        in_range = [0] * count
        for n in range(low, min(high, 100000) + 1):
            form = _form(plural, n)
            if 0 <= form < count:
                in_range[form] += 1
        strict = [s and in_range[i] > 1 for i, s in enumerate(strict)]
    return tuple(strict)


def _form(plural, n: int) -> int:
    try:
        return plural(n)
    except Exception:  # an expression that fails for n (1/0) selects no form
        return -1


def format_problems(message, kinds, plural_forms: str | None = None) -> list[tuple[int, str]]:
    """(form index, gettext's message) for each translation form of *message* that fails the
    check of a format kind in *kinds*; *plural_forms* is the catalog's Plural-Forms.
    Untranslated forms, and a msgid that is no valid format string, are not checked."""
    found = []
    for kind in sorted(set(kinds) & set(KINDS)):
        parse, compare = _PARSE[kind], _COMPARE[kind]
        source_text = message.msgid_plural if message.msgid_plural is not None else message.msgid
        source = parse(source_text)
        if source is None:
            continue
        forms = message.strings()
        strict = _strict_forms(len(forms), plural_forms, _range(message.flags)) \
            if message.msgid_plural is not None else (True,)
        src = "msgid_plural" if message.msgid_plural is not None else "msgid"
        for index, text in enumerate(forms):
            if not text:
                continue
            dst = f"msgstr[{index}]" if message.msgid_plural is not None else "msgstr"
            target = parse(text)
            if target is None:
                found.append((index, f"'{dst}' is not a valid {kind.upper() if kind == 'c' else 'Python'} "
                                     f"format string, unlike '{src}'"))
                break
            problem = compare(source, target, strict[index], src, dst)
            if problem:
                found.append((index, problem))
                break
    return found
