"""The status dashboard: one static HTML file, no scripts, no external assets."""

from __future__ import annotations

from collections import defaultdict
from html import escape

from l10n_tool.status import StatusReport

STYLE = """
body{font:15px/1.5 system-ui,sans-serif;color:#1f2a30;max-width:72rem;margin:2rem auto;padding:0 1rem}
h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:2rem}
table{border-collapse:collapse;width:100%}th,td{padding:.35rem .6rem;border-bottom:1px solid #e3e8ea;text-align:left}
td.num{text-align:right;font-variant-numeric:tabular-nums}
.bar{display:flex;height:.9rem;width:16rem;border-radius:.2rem;overflow:hidden;background:#f0d6d6}
.bar span{display:block;height:100%}.translated{background:#2d6a4f}.fuzzy{background:#e9c46a}.missing{background:#d9a3a3}
.legend span{display:inline-block;width:.8rem;height:.8rem;margin:0 .3rem 0 1rem;vertical-align:middle}
.verdict{font-weight:600;text-align:center}.complete{background:#d8f3dc}.mixed{background:#fff3bf}
.untranslated{background:#ffd6d6}.unpublished{font-weight:400;font-size:.85em;display:block}
code{font-size:.9em}.state-fuzzy{color:#9a6b00}.state-untranslated{color:#a33}
"""


def _bar(translated: int, fuzzy: int, total: int) -> str:
    if not total:
        return '<div class="bar"><span class="translated" style="width:100%"></span></div>'
    parts = [("translated", translated), ("fuzzy", fuzzy), ("missing", total - translated - fuzzy)]
    spans = "".join(f'<span class="{name}" style="width:{100 * count / total:.2f}%" title="{name}: {count}"></span>'
                    for name, count in parts if count)
    return f'<div class="bar" role="img" aria-label="{translated} of {total} translated">{spans}</div>'


def render_dashboard(report: StatusReport, *, title: str = "Translation status") -> str:
    """The whole dashboard as a string (deterministic: no timestamps)."""
    out = [f"<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
           f"<title>{escape(title)}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n"
           f"<h1>{escape(title)}</h1>\n"]
    out.append('<h2>Catalogs</h2>\n<p class="legend"><span class="translated"></span>translated'
               '<span class="fuzzy"></span>fuzzy<span class="missing"></span>missing</p>\n'
               "<table>\n<tr><th>Locale</th><th>Domain</th><th>Progress</th><th>Translated</th>"
               "<th>Fuzzy</th><th>Missing</th><th>Obsolete</th><th>Messages</th><th>Words</th></tr>\n")
    for row in report.catalogs:
        out.append(f"<tr><td>{escape(row.locale or '?')}</td><td>{escape(row.domain)}</td>"
                   f"<td>{_bar(row.translated, row.fuzzy, row.total)}</td>"
                   f'<td class="num">{row.translated}</td><td class="num">{row.fuzzy}</td>'
                   f'<td class="num">{row.untranslated}</td><td class="num">{row.obsolete}</td>'
                   f'<td class="num">{row.percent:.1f}%</td><td class="num">{row.words_percent:.1f}%</td></tr>\n')
    out.append("</table>\n")

    if report.pages:
        locales = list(dict.fromkeys(p.locale for p in report.pages))
        grid: dict[str, dict[str, object]] = defaultdict(dict)
        for page in report.pages:
            grid[page.page][page.locale] = page
        out.append("<h2>Pages</h2>\n<table class=\"grid\">\n<tr><th>Page</th>"
                   + "".join(f"<th>{escape(locale)}</th>" for locale in locales) + "</tr>\n")
        for slug, row in grid.items():
            cells = []
            for locale in locales:
                page = row.get(locale)
                if page is None:
                    cells.append("<td></td>")
                    continue
                note = "" if page.published else '<span class="unpublished">not published</span>'
                cells.append(f'<td class="verdict {page.verdict}" title="UI {page.ui_percent:.1f}%, '
                             f'content {page.content_percent:.1f}%">{page.verdict} '
                             f"{page.content_percent:.0f}%{note}</td>")
            out.append(f"<tr><td>{escape(slug)}</td>{''.join(cells)}</tr>\n")
        out.append("</table>\n")

    if report.missing:
        out.append("<h2>Missing and fuzzy messages</h2>\n<table>\n"
                   "<tr><th>Where</th><th>Catalog</th><th>State</th><th>Message</th></tr>\n")
        for item in report.missing:
            where = escape(", ".join(item.references[:3]) + (" …" if len(item.references) > 3 else ""))
            context = f"<small>[{escape(item.context)}]</small> " if item.context else ""
            out.append(f"<tr><td><code>{where}</code></td><td><code>{escape(item.catalog)}</code></td>"
                       f'<td class="state-{item.state}">{item.state}</td><td>{context}{escape(item.msgid)}</td></tr>\n')
        out.append("</table>\n")
    out.append("</body>\n</html>\n")
    return "".join(out)
