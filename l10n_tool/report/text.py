"""Status tables for the terminal (rich), readable at a glance."""

from __future__ import annotations

from collections import Counter

from rich.console import Console
from rich.table import Table
from rich.text import Text

from l10n_tool.printable import printable
from l10n_tool.status import COMPLETE, MIXED, StatusReport

VERDICT_STYLE = {COMPLETE: "green", MIXED: "yellow", "untranslated": "red"}


def _data(value: object) -> Text:
    """A cell or line of text from a file: never read as rich markup (``[/nl]``), its control
    characters shown, not sent (``printable``)."""
    return Text(printable(str(value)))


def _percent_cell(value: float) -> Text:
    style = "green" if value >= 100 else "yellow" if value >= 50 else "red"
    return Text(f"{value:.1f}%", style=style)


def print_status(console: Console, report: StatusReport, *, pages: bool, missing: bool) -> None:
    """Catalog table, then the page table and the missing messages when asked for."""
    table = Table(title="Catalogs", title_justify="left")
    for name in ("Locale", "Domain", "Total", "Translated", "Fuzzy", "Untranslated", "Obsolete",
                 "Messages", "Words"):
        table.add_column(name, justify="left" if name in ("Locale", "Domain") else "right")
    for row in report.catalogs:
        table.add_row(_data(row.locale or "?"), _data(row.domain), str(row.total), str(row.translated),
                      str(row.fuzzy), str(row.untranslated), str(row.obsolete),
                      _percent_cell(row.percent), _percent_cell(row.words_percent))
    console.print(table)

    if pages and report.pages:
        page_table = Table(title="Pages", title_justify="left")
        for name in ("Page", "Locale", "UI", "Content", "Verdict", "Published"):
            page_table.add_column(name, justify="right" if name in ("UI", "Content") else "left")
        for row in report.pages:
            page_table.add_row(_data(row.page), _data(row.locale), _percent_cell(row.ui_percent),
                               _percent_cell(row.content_percent),
                               Text(row.verdict, style=VERDICT_STYLE.get(row.verdict, "")),
                               "yes" if row.published else Text("no", style="dim"))
        console.print(page_table)
        summary = report.page_summary()
        line = f"Readers see {summary['published']} translated page version(s)"
        if summary["published_mixed"]:
            line += f", {summary['published_mixed']} of them in two languages"
        if summary["held_back"]:
            line += f"; {summary['held_back']} held back below their threshold"
        console.print(Text(line + ".", style="yellow" if summary["published_mixed"] else ""))

    if missing:
        if not report.missing:
            console.print("No missing or fuzzy messages.")
        tally = Counter((m.catalog, m.state) for m in report.missing)
        current = None
        for item in report.missing:
            if item.catalog != current:
                current = item.catalog
                counts = ", ".join(f"{tally[current, state]} {state}" for state in ("fuzzy", "untranslated")
                                   if tally[current, state])
                console.print(Text.assemble(("\n" + printable(current), "bold"), f"  ({counts})"))
            where = item.references[0] if item.references else "?"
            more = f" (+{len(item.references) - 1})" if len(item.references) > 1 else ""
            context = f"[{item.context}] " if item.context else ""
            text = item.msgid if len(item.msgid) <= 70 else item.msgid[:67] + "..."
            console.print(Text.assemble((printable(f"  {where}{more}"), "cyan"), "  ",
                                        (f"{item.state:<13}", "yellow" if item.state == "fuzzy" else "red"),
                                        printable(f"{context}{text}")), soft_wrap=True)
