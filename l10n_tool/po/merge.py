"""Update a catalog from its template with msgmerge semantics."""

from __future__ import annotations

from .catalog import Catalog
from .formats import declared_kinds, format_problems
from .header import (get_field, gettext_locale, insert_field, language_of_team, new_header,
                     set_field)
from .message import Message
from ..perf import paused_gc


def _merge_one(old: Message, ref: Message, nplurals: int, force_fuzzy: bool,
               plural_forms: str | None = None) -> Message:
    """Template's msgid, comments and flags; the translation and translator comments of
    the old message. A changed plural (added, dropped or reworded) makes it fuzzy, and so
    does a translation failing the check of a format flag the template adds (msgmerge's rule)."""
    m = Message(ref.msgid, msgctxt=ref.msgctxt, msgid_plural=ref.msgid_plural, line=old.line)
    if ref.msgid_plural is not None:
        if old.msgid_plural is not None:
            m.msgstr_plural = dict(old.msgstr_plural)
            if old.msgid_plural != ref.msgid_plural:
                force_fuzzy = True
        else:
            m.msgstr_plural = {i: old.msgstr for i in range(max(nplurals, 1))}
            force_fuzzy = True
    elif old.msgid_plural is not None:
        m.msgstr = old.msgstr_plural.get(0, "")
        force_fuzzy = True
    else:
        m.msgstr = old.msgstr
    m.translator_comments = list(old.translator_comments)
    m.extracted_comments = list(ref.extracted_comments)
    m.references = list(ref.references)
    # msgmerge neither marks nor explains an entry that has no translation
    fuzzy = (old.fuzzy or force_fuzzy) and bool(m.strings()[0])
    if old.fuzzy:  # a fuzzy entry keeps the #| lines that explain it (none if set by hand)
        previous = (old.previous_msgctxt, old.previous_msgid, old.previous_msgid_plural)
    else:
        previous = (old.msgctxt, old.msgid, old.msgid_plural)
    m.flags = [f for f in ref.flags if f != "fuzzy"]
    if fuzzy and previous[1] is not None and previous == (m.msgctxt, m.msgid, m.msgid_plural) \
            and not format_problems(m, declared_kinds(m.flags), plural_forms):
        fuzzy = False  # the text it was translated from is back; msgmerge keeps it fuzzy
    added = declared_kinds(m.flags) - declared_kinds(old.flags)
    if not fuzzy and added and m.strings()[0] and format_problems(m, added, plural_forms):
        fuzzy = True  # msgmerge --previous: fuzzy, #| the msgid itself
        previous = (old.msgctxt, old.msgid, old.msgid_plural)
    if fuzzy:
        m.flags.insert(0, "fuzzy")
        m.previous_msgctxt, m.previous_msgid, m.previous_msgid_plural = previous
    m._raw, m._fp, m._lead = old._raw, old._fp, old._lead
    m._pos, m._after = old._pos, old._after
    return m


def _new_from_template(ref: Message, nplurals: int) -> Message:
    m = ref.copy()
    m._raw = m._fp = m._pos = m._after = None
    m._lead = ""
    m.line = 0
    m.obsolete = False
    if m.msgid_plural is not None and not any(m.msgstr_plural.values()):
        m.msgstr_plural = {i: "" for i in range(max(nplurals, 1))}
    if not m.strings()[0]:
        m.fuzzy = False
    return m


def _has_translation(m: Message) -> bool:
    return bool(m.strings()[0]) if m.strings() else False


def _merged_header(po: Catalog, template: Catalog, locale: str | None) -> Message | None:
    if po.header is None:
        return new_header(locale, template_header=template.header) if locale else None
    head = po.header.copy()
    tpl = template.header.msgstr if template.header is not None else ""
    for name in ("Report-Msgid-Bugs-To", "POT-Creation-Date"):
        value = get_field(tpl, name)
        if value is not None and get_field(head.msgstr, name) != value:
            head.msgstr = insert_field(head.msgstr, name, value)
    team = get_field(head.msgstr, "Language-Team")
    if team is not None and get_field(head.msgstr, "Language") is None:
        # msgmerge fills it in from the team's English name; a project knows its locale
        code = gettext_locale(locale) if locale else language_of_team(team)
        head.msgstr = insert_field(head.msgstr, "Language", code)
    return head


def merge(po: Catalog | None, template: Catalog, *, locale: str | None = None,
          fuzzy: bool = True, workers: int | None = None) -> Catalog:
    """msgmerge: template order; exact matches keep translations, near-misses become
    fuzzy with #| previous strings, vanished translated messages become obsolete. A fuzzy
    entry whose #| strings are its own again (the edit was reverted) is translated again,
    where msgmerge keeps it fuzzy, unless its translation fails the template's format check;
    a fuzzy flag without #| lines is a translator's and stays.
    `workers` caps the processes used for fuzzy matching (default: all cores)."""
    with paused_gc():
        return _merge(po, template, locale, fuzzy, workers)


def _merge(po, template, locale, fuzzy, workers) -> Catalog:
    if po is None:
        result = Catalog(None)
        project = template.get_header("Project-Id-Version") or "PACKAGE VERSION"
        result.header = new_header(locale, project=project, template_header=template.header)
        old_messages: list[Message] = []
    else:
        result = Catalog(po.path)
        for attr in ("charset", "_codec", "_bom", "_newline", "_final_newline"):
            setattr(result, attr, getattr(po, attr))  # msgmerge writes the header first
        result.header = _merged_header(po, template, locale)
        old_messages = po.messages
    result.domain = template.domain or (po.domain if po is not None else None)
    result._domain_pos = 0 if result.header is None else 1  # msgmerge: after the header
    nplurals = result.nplurals
    plural_forms = result.plural_forms
    exact: dict = {}
    for m in old_messages:
        if m.obsolete:
            exact.setdefault(m.key, m)
        else:
            exact[m.key] = m
    used: set[int] = set()
    out: list[Message] = []
    pending: list[tuple[int, Message]] = []
    for ref in template.messages:
        if ref.obsolete or ref.is_header:
            continue
        old = exact.get(ref.key)
        if old is not None:
            out.append(_merge_one(old, ref, nplurals, force_fuzzy=False,
                                  plural_forms=plural_forms))
            used.add(id(old))
        else:
            pending.append((len(out), ref))
            out.append(ref)  # placeholder
    if pending:
        found: list = [None] * len(pending)
        if fuzzy and old_messages:
            from .fuzzy import best_many  # rapidfuzz is only loaded when needed

            found = best_many(old_messages, [(ref.msgctxt, ref.msgid) for _, ref in pending],
                              workers)
        for (pos, ref), old in zip(pending, found):
            if old is not None and ref.msgid:
                out[pos] = _merge_one(old, ref, nplurals, force_fuzzy=True,
                                      plural_forms=plural_forms)
                used.add(id(old))
            else:
                out[pos] = _new_from_template(ref, nplurals)
    kept: set = {m.key for m in out}  # one entry a message: an active copy wins over
    for m in old_messages:             # an obsolete one, the first obsolete over the rest
        if id(m) in used or not _has_translation(m) or m.key in kept:
            continue
        kept.add(m.key)
        if m.obsolete:
            out.append(m.copy())
        else:
            gone = m.copy()
            gone.obsolete = True
            gone.extracted_comments = []
            gone.references = []
            out.append(gone)
    for m in out:  # msgmerge's layout: one blank line between entries
        m._lead, m._after = "", None
    if result.header is not None:
        result.header._lead, result.header._after = "", None
    result._trailer = ""  # comments after the last entry belong to none: msgmerge drops them
    result.messages = out
    _ensure_encodable(result, _declares_utf8(template))
    return result


def _declares_utf8(template: Catalog) -> bool:
    import codecs

    from .header import charset_of

    declared = charset_of(template.header.msgstr) if template.header is not None else None
    try:
        return declared is not None and codecs.lookup(declared).name == "utf-8"
    except LookupError:
        return False


def _ensure_encodable(catalog: Catalog, to_utf8: bool = False) -> None:
    """A catalog in a legacy charset becomes UTF-8 when its template declares UTF-8 or when
    it now holds text it cannot encode (as msgmerge does); otherwise its charset is kept."""
    if catalog._codec == "utf-8" or (not to_utf8 and _encodable(catalog)):
        return
    if catalog.header is not None:
        ctype = get_field(catalog.header.msgstr, "Content-Type") or "text/plain"
        base = ctype.split(";")[0].strip() or "text/plain"
        catalog.header.msgstr = set_field(catalog.header.msgstr, "Content-Type",
                                          f"{base}; charset=UTF-8")
    catalog.charset, catalog._codec = "UTF-8", "utf-8"


def _encodable(catalog: Catalog) -> bool:
    try:
        for m in catalog.messages:
            for text in (m.msgid, m.msgid_plural or "", m.msgctxt or "", *m.strings(),
                         *m.translator_comments, *m.extracted_comments, *m.references,
                         m.previous_msgid or "", m.previous_msgctxt or "",
                         m.previous_msgid_plural or ""):
                text.encode(catalog._codec)
    except UnicodeEncodeError:
        return False
    return True
