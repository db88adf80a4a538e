"""Time l10n_tool against GNU gettext in the same run and print medians, peak memory, ratios.

    python benchmarks/run.py                                  # 1k and 5k catalogs, 100-article site
    python benchmarks/run.py --sizes 1000,5000,20000 --runs 3 --out results.json
    python benchmarks/run.py --only update,quality --sizes 20000
    python benchmarks/run.py --only extract,build --articles 1000

Every command runs as its own subprocess; wall time is measured around it and peak memory is
the child's ru_maxrss (from os.wait4). An operation our CLI does not offer yet is reported as
"n/a: <reason>", so the runner works while the package grows. Data is generated on first use
into --data (default benchmarks/out/, git-ignored) by benchmarks/generate.py.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import generate  # noqa: E402

REPO = generate.REPO
OURS = [sys.executable, "-m", "l10n_tool"]
CATALOG_OPS = ["startup", "update", "update-exact", "roundtrip", "compile", "status", "quality"]
SITE_OPS = ["extract", "build"]
ALL_OPS = CATALOG_OPS + SITE_OPS


# ------------------------------------------------------------------ running ---------------


@dataclass
class Timing:
    """Several runs of one command line."""

    cmd: str
    seconds: list[float] = field(default_factory=list)
    peak_mb: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)  # user + system seconds (GNU time only)
    error: str | None = None  # "n/a: ..." when skipped, else the failure
    quality: dict | None = None  # match quality (the "quality" operation only)

    def add(self, run: Run) -> bool:
        """Record one run; False (and the error kept) if it failed."""
        if run.error:
            self.error = run.error
            return False
        self.seconds.append(run.seconds)
        self.peak_mb.append(run.peak_mb)
        if run.cpu is not None:
            self.cpu.append(run.cpu)
        return True

    @property
    def median(self) -> float | None:
        return statistics.median(self.seconds) if self.seconds and not self.error else None

    @property
    def cpu_median(self) -> float | None:
        return statistics.median(self.cpu) if self.cpu and not self.error else None

    @property
    def peak(self) -> float | None:
        return max(self.peak_mb) if self.peak_mb and not self.error else None


TIME = shutil.which("time", path="/usr/bin:/bin")  # GNU time: a small parent gives a true peak


@dataclass
class Run:
    seconds: float
    peak_mb: float
    cpu: float | None  # user + system seconds, when GNU time ran it
    error: str | None


def run_once(argv: list, cwd: Path, timeout: float) -> Run:
    """Run ``argv`` once as a subprocess with stdout discarded.

    The peak is the command's own maximum resident set size. Through GNU time when present:
    a child forked straight from this (possibly large) Python process would inherit its
    high-water mark across exec and report at least the runner's size.
    """
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")])))
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # compiled once and reused, as in an installed package
    with tempfile.NamedTemporaryFile() as rss, tempfile.TemporaryFile() as err:
        wrap = [TIME, "-f", "%M %U %S", "-o", rss.name] if TIME else []
        start = time.perf_counter()
        proc = subprocess.Popen(wrap + [str(a) for a in argv], cwd=cwd, env=env, stdin=subprocess.DEVNULL,
                                stdout=subprocess.DEVNULL, stderr=err, start_new_session=True)
        timer = threading.Timer(timeout, os.killpg, (proc.pid, 9))
        timer.start()
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        timer.cancel()
        proc.returncode = code = os.waitstatus_to_exitcode(status)
        peak_kb, cpu = usage.ru_maxrss, None
        found = re.findall(r"^(\d+) ([\d.]+) ([\d.]+)$", Path(rss.name).read_text(), re.M) if TIME else None
        if found:
            peak_kb, cpu = int(found[-1][0]), round(float(found[-1][1]) + float(found[-1][2]), 2)
        error = None
        if code != 0 and seconds >= timeout:
            error = f"timeout after {timeout:.0f} s"
        elif code != 0:
            err.seek(0)
            lines = [line for line in err.read().decode("utf-8", "replace").strip().splitlines()
                     if not line.startswith("Command exited with non-zero status")]
            error = f"exit {code}: {lines[-1] if lines else ''}"[:200]
        return Run(round(seconds, 4), round(peak_kb / 1024, 1), cpu, error)


def measure_pair(ours_argv: list, theirs_argv: list, work: Path, args, ours_before=None, theirs_before=None,
                 why: str | None = None) -> tuple[Timing, Timing]:
    """Time ours and the reference ``args.runs`` times each, alternating run by run so that a
    slow spell of the machine hits both sides alike; a side whose run took over ``args.long`` s
    is not run again. A pair whose first runs both took under ``args.quick`` s is run
    ``args.quick_runs`` times (a 0.1 s command's median needs more than 3 runs). *why*: ours
    is not run (our CLI lacks the operation)."""
    ours = Timing(" ".join(_short(a) for a in ours_argv), error=why)
    theirs = Timing(" ".join(_short(a) for a in theirs_argv))
    sides = [(t, argv, before) for t, argv, before in ((ours, ours_argv, ours_before),
                                                       (theirs, theirs_argv, theirs_before)) if not t.error]
    runs = args.runs
    done = 0
    while done < runs and sides:
        for side in list(sides):
            t, argv, before = side
            if before:
                before()
            if not t.add(run_once(argv, work, args.timeout)) or t.seconds[-1] > args.long:
                sides.remove(side)
        done += 1
        if done == 1 and all(t.seconds and t.seconds[0] < args.quick for t in (ours, theirs) if not t.error):
            runs = max(runs, args.quick_runs)
    return ours, theirs


def _short(a) -> str:
    s = str(a)
    return "python" if s == sys.executable else s


_help_cache: dict[str, str | None] = {}


def our_help(command: str) -> str | None:
    """``l10n <command> --help`` text, or None when the CLI or the command does not exist."""
    if command not in _help_cache:
        argv = OURS + ([command] if command else []) + ["--help"]
        env = dict(os.environ, PYTHONPATH=str(REPO), COLUMNS="200")
        p = subprocess.run(argv, cwd=REPO, env=env, capture_output=True, text=True)
        _help_cache[command] = p.stdout if p.returncode == 0 else None
    return _help_cache[command]


def unsupported(command: str, *options: str) -> str | None:
    """Why our CLI cannot run ``command`` with ``options`` yet, or None if it can."""
    if our_help("") is None:
        return "n/a: python -m l10n_tool does not run yet"
    text = our_help(command)
    if text is None:
        return f"n/a: no `{command}` command yet"
    for opt in options:
        if not re.search(r"(?<![\w-])" + re.escape(opt) + r"(?![\w-])", text):
            return f"n/a: `{command}` has no {opt} option yet"
    return None


# --------------------------------------------------------------- operations --------------


@dataclass
class Row:
    op: str
    size: int
    ours: Timing
    theirs: Timing | None = None
    theirs_tool: str = ""
    target: str = ""

    @property
    def ratio(self) -> float | None:
        if self.theirs and self.ours.median is not None and self.theirs.median:
            return self.ours.median / self.theirs.median
        return None

    def to_json(self) -> dict:
        d = asdict(self)
        for side in ("ours", "theirs"):
            t = getattr(self, side)
            if t:
                d[side].update(median=t.median, cpu_median=t.cpu_median, peak=t.peak)
        d["ratio"] = self.ratio
        return d


def ensure(kind: str, n: int, data: Path, fresh: bool) -> Path:
    """The generated data directory for ``kind`` (catalog/site) of size ``n``."""
    out = data / f"{kind}-{n}"
    meta = out / "meta.json"
    want = {"kind": kind, "version": generate.VERSION}
    have = json.loads(meta.read_text()) if meta.exists() else {}
    if fresh or any(have.get(k) != v for k, v in want.items()):
        print(f"generating {out} ...", file=sys.stderr)
        if kind == "catalog":
            generate.generate_catalog(n, out)
        else:
            generate.generate_site(n, out)
    elif kind == "site":
        generate.copy_templates(out)  # the templates as they are now
    return out


def catalog_rows(n: int, data: Path, work: Path, args) -> list[Row]:
    d = ensure("catalog", n, data, args.fresh)
    rows: list[Row] = []
    old_po, old_pot, new_pot = d / "old.po", d / "old.pot", d / "new.pot"

    def out(name: str):
        return lambda: (work / name).unlink(missing_ok=True)

    def pair(op, ours_argv, why, theirs_tool, theirs_argv, target="", name="x"):
        ours, theirs = measure_pair(ours_argv, theirs_argv, work, args, out("ours." + name), out("theirs." + name),
                                    why=why)
        rows.append(Row(op, n, ours, theirs, theirs_tool, target))
        failed[op] = {"ours": ours.error, "theirs": theirs.error}
        print(_line(rows[-1]), file=sys.stderr)

    fuzzy_target = "<= 0.01x" if n >= 20000 else "<= 0.05x" if n >= 5000 else ""
    failed: dict[str, dict] = {}  # operation -> side -> its error, once measured
    for op in args.only:
        if op == "startup":
            pair(op, OURS + ["--version"], unsupported(""), "msgfmt --version", ["msgfmt", "--version"])
        elif op == "update":
            pair(op, OURS + ["update", old_po, "--template", new_pot, "-o", work / "ours.po"],
                 unsupported("update", "--template"), "msgmerge",
                 ["msgmerge", "--quiet", old_po, new_pot, "-o", work / "theirs.po"], fuzzy_target, name="po")
        elif op == "update-exact":
            pair(op, OURS + ["update", old_po, "--template", new_pot, "--no-fuzzy", "-o", work / "ours.exact.po"],
                 unsupported("update", "--template", "--no-fuzzy"), "msgmerge -N",
                 ["msgmerge", "--quiet", "-N", old_po, new_pot, "-o", work / "theirs.exact.po"],
                 "<= 1.0x", name="exact.po")
        elif op == "roundtrip":
            pair(op, OURS + ["update", old_po, "--template", old_pot, "-o", work / "ours.rt.po"],
                 unsupported("update", "--template"), "msgcat",
                 ["msgcat", old_po, "-o", work / "theirs.rt.po"], "<= 1.0x", name="rt.po")
        elif op == "compile":
            pair(op, OURS + ["compile", old_po, "-o", work / "ours.mo"], unsupported("compile", "-o"),
                 "msgfmt", ["msgfmt", old_po, "-o", work / "theirs.mo"], "<= 2.0x", name="mo")
        elif op == "status":
            pair(op, OURS + ["status", old_po, "--format", "json"], unsupported("status", "--format"),
                 "msgfmt --statistics", ["msgfmt", "--statistics", "-o", "/dev/null", old_po], "<= 1.0x")
        elif op == "quality":
            rows.append(quality_row(n, d, work, args, failed.get("update", {})))
            print(_line(rows[-1]), file=sys.stderr)
    return rows


def quality_row(n: int, d: Path, work: Path, args, failed: dict) -> Row:
    """Of the known one-word edits, how many got the right previous translation as fuzzy;
    of the brand-new messages, how many got a (spurious) fuzzy guess. *failed*: the error of
    each side's update row in this run, if it failed (a timed-out update is not run again)."""
    truth = json.loads((d / "truth.json").read_text(encoding="utf-8"))
    why = unsupported("update", "--template")
    row = Row("quality", n, Timing("fuzzy update output", error=why), Timing("msgmerge output"), "msgmerge")
    for side, argv in (("ours", OURS + ["update", d / "old.po", "--template", d / "new.pot", "-o", work / "ours.po"]),
                       ("theirs", ["msgmerge", "--quiet", d / "old.po", d / "new.pot", "-o", work / "theirs.po"])):
        t = getattr(row, side)
        if failed.get(side):
            t.error = f"n/a: the update row: {failed[side]}"
        if t.error:
            continue
        path = work / f"{side}.po"
        if not path.exists():  # the update operation did not run before
            t.error = run_once(argv, work, args.timeout).error
        if not t.error:
            try:
                t.quality = score(path, truth)
            except Exception as e:  # a catalog polib cannot read is a finding, not a crash
                t.error = f"unreadable output: {e}"[:200]
    return row


def score(path: Path, truth: dict) -> dict:
    import polib

    entries = {(e.msgctxt, e.msgid): e for e in polib.pofile(str(path), wrapwidth=0) if not e.obsolete}

    def fuzzy(key):
        e = entries.get(key)
        return e is not None and "fuzzy" in e.flags

    def first(e) -> str:
        return e.msgstr_plural.get(0, "") if e.msgid_plural else e.msgstr

    edited = truth["edited"]
    right = sum(1 for x in edited if fuzzy((x["msgctxt"], x["msgid"]))
                and first(entries[(x["msgctxt"], x["msgid"])]) == x["old_msgstr"])
    any_fuzzy = sum(1 for x in edited if fuzzy((x["msgctxt"], x["msgid"])))
    spurious = sum(1 for x in truth["added"] if fuzzy((x["msgctxt"], x["msgid"])))
    return {"edited": len(edited), "edited_right": right, "edited_fuzzy": any_fuzzy,
            "added": len(truth["added"]), "added_spurious_fuzzy": spurious}


# --------------------------------------------------------------------- site ---------------


def edit_article(site: Path) -> None:
    """Change one paragraph of one article (the middle one)."""
    posts = sorted((site / "content" / "posts").glob("*.md"))
    path = posts[len(posts) // 2]
    lines = path.read_text(encoding="utf-8").split("\n")
    body = lines.index("---", 1) + 1
    for i in range(body, len(lines)):
        if lines[i][:1].isalpha():
            lines[i] += " This sentence was added by the benchmark."
            break
    path.write_text("\n".join(lines), encoding="utf-8")


def edit_po_entry(site: Path) -> None:
    """Change the translation of one entry in the middle of one content catalog."""
    pos = sorted((site / "locales").glob("*/LC_MESSAGES/*.po"))
    path = next((p for p in pos if p.stem == "content"), pos[0])
    lines = path.read_text(encoding="utf-8").split("\n")
    for i in range(len(lines) // 2, len(lines)):
        if lines[i].startswith('msgstr "') and lines[i] != 'msgstr ""':
            lines[i] = 'msgstr "Bewerkt: ' + lines[i][len('msgstr "'):]
            break
    path.write_text("\n".join(lines), encoding="utf-8")


def translate_site(site: Path) -> None:
    """Pseudo-translate the UI and 90% of the content entries (setup for the build benchmark)."""
    import polib

    for path in sorted((site / "locales").glob("*/LC_MESSAGES/*.po")):
        locale = path.parent.parent.name
        po = polib.pofile(str(path))
        for i, e in enumerate(po):
            if e.obsolete or (path.stem == "content" and i % 10 == 0):
                continue
            if e.msgid_plural:
                for k in e.msgstr_plural:
                    e.msgstr_plural[k] = generate.pseudo_translate(e.msgid if k == 0 else e.msgid_plural, locale)
            else:
                e.msgstr = generate.pseudo_translate(e.msgid, locale)
            if "fuzzy" in e.flags:
                e.flags.remove("fuzzy")
        po.save()


def before_and_after(src: Path, site: Path, command: str, edit, first: Timing, second: Timing, args) -> None:
    """Per run: a fresh copy of ``src`` at ``site``, time ``command``, ``edit`` it, time again."""
    for _ in range(args.runs if not first.error else 0):
        shutil.rmtree(site, ignore_errors=True)
        shutil.copytree(src, site)
        for t in (first, second):
            if t is second:
                edit(site)
            if not t.add(run_once(OURS + [command, "-C", site], site.parent, args.timeout)):
                if t is first:
                    second.error = "n/a: the first run failed"
                return


def site_rows(n: int, data: Path, work: Path, args) -> list[Row]:
    pristine = ensure("site", n, data, args.fresh)
    rows: list[Row] = []

    def add(row: Row):
        rows.append(row)
        print(_line(row), file=sys.stderr)

    if "extract" in args.only:
        why = unsupported("extract", "-C")
        cold = Timing("l10n extract -C site", error=why)
        warm = Timing("(edit 1 article) l10n extract -C site", error=why)
        before_and_after(pristine, work / "site", "extract", edit_article, cold, warm, args)
        add(Row("extract", n, cold, target="<= 30 s at 10k articles"))
        add(Row("extract, 1 article edited", n, warm, target="<= 1 s"))

    if "build" in args.only:
        why = unsupported("build", "-C") or unsupported("update", "-C") or unsupported("extract", "-C")
        full = Timing("l10n build -C site", error=why)
        warm = Timing("(edit 1 .po entry) l10n build -C site", error=why)
        prepared = work / "prepared"
        if not why:  # extract, create and pseudo-translate the catalogs once (not timed)
            shutil.copytree(pristine, prepared)
            for cmd in ("extract", "update"):
                err = run_once(OURS + [cmd, "-C", prepared], work, args.timeout).error
                if err:
                    full.error = warm.error = f"setup `l10n {cmd}` failed: {err}"
                    break
            else:
                translate_site(prepared)
                if not unsupported("compile", "-C"):
                    run_once(OURS + ["compile", "-C", prepared], work, args.timeout)
        before_and_after(prepared, work / "site", "build", edit_po_entry, full, warm, args)
        add(Row("build (3 locales)", n, full, target="<= 60 s, < 500 MB at 10k"))
        add(Row("build, 1 .po entry edited", n, warm, target="<= 2 s"))
    return rows


# ------------------------------------------------------------------- report ---------------


def _fmt(t: Timing | None) -> tuple[str, str]:
    if t is None:
        return "-", "-"
    if t.error:
        return t.error, "-"
    if t.quality:
        q = t.quality
        return f"{q['edited_right']}/{q['edited']} right, {q['added_spurious_fuzzy']}/{q['added']} spurious", "-"
    if t.median is None:
        return "-", "-"
    cpu = f" (cpu {t.cpu_median:.2f})" if t.cpu_median is not None else ""
    return f"{t.median:.3f} s{cpu}", f"{t.peak:.0f} MB"


def _line(r: Row) -> str:
    ours, ours_mb = _fmt(r.ours)
    theirs, theirs_mb = _fmt(r.theirs)
    ratio = f"{r.ratio:.3f}x" if r.ratio is not None else "-"
    cells = [r.op, r.size, ours, r.theirs_tool or "-", theirs, ratio, ours_mb, theirs_mb, r.target or "-"]
    return "| " + " | ".join(map(str, cells)) + " |"


def table(rows: list[Row]) -> str:
    head = ("| operation | size | ours (median) | reference | reference (median) | ours/theirs "
            "| ours peak | reference peak | target |\n|---|---:|---:|---|---:|---:|---:|---:|---|\n")
    return head + "\n".join(_line(r) for r in rows)


def imported_package() -> Path | None:
    """Where our timed commands import l10n_tool from: PYTHONPATH puts this repository first,
    but an editable install of another checkout is found before PYTHONPATH is looked at."""
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")])))
    found = subprocess.run([sys.executable, "-c", "import l10n_tool; print(l10n_tool.__file__)"],
                           capture_output=True, text=True, env=env, cwd=REPO)
    return Path(found.stdout.strip()).resolve().parent if found.returncode == 0 else None


def environment(args) -> dict:
    def out(argv):
        try:
            return subprocess.run(argv, capture_output=True, text=True, cwd=REPO).stdout.strip()
        except OSError:
            return None

    return {"date": time.strftime("%Y-%m-%d %H:%M:%S"), "python": platform.python_version(),
            "machine": f"{platform.machine()}, {os.cpu_count()} cores",
            "gettext": (out(["msgmerge", "--version"]) or "").split("\n")[0],
            "commit": out(["git", "rev-parse", "--short", "HEAD"]),
            "runs": args.runs, "quick_runs": args.quick_runs, "quick": args.quick, "argv": sys.argv[1:]}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="1000,5000", help="catalog sizes in messages (comma-separated)")
    ap.add_argument("--articles", default="100", help="site sizes in articles (comma-separated)")
    ap.add_argument("--runs", type=int, default=3, help="runs per command; the median is reported")
    ap.add_argument("--only", default=",".join(ALL_OPS), help=f"operations, from: {','.join(ALL_OPS)}")
    ap.add_argument("--out", type=Path, help="write all runs and medians as JSON here")
    ap.add_argument("--data", type=Path, default=REPO / "benchmarks" / "out", help="generated data directory")
    ap.add_argument("--fresh", action="store_true", help="regenerate the data")
    ap.add_argument("--timeout", type=float, default=1800, help="seconds before a command is killed")
    ap.add_argument("--quick", type=float, default=1.0,
                    help="a pair of commands whose first runs both take less than this many seconds ...")
    ap.add_argument("--quick-runs", type=int, default=11, help="... is run this many times (alternating)")
    ap.add_argument("--long", type=float, default=60,
                    help="a command whose first run takes longer than this is not repeated")
    args = ap.parse_args(argv)
    args.only = [op.strip() for op in args.only.split(",") if op.strip()]
    unknown = [op for op in args.only if op not in ALL_OPS]
    if unknown:
        ap.error(f"unknown operation(s) {', '.join(unknown)}; choose from {', '.join(ALL_OPS)}")
    if not shutil.which("msgmerge"):
        ap.error("GNU gettext (msgmerge, msgfmt, msgcat) is not on PATH")
    package = imported_package()
    if package is not None and package != (REPO / "l10n_tool").resolve():
        ap.error(f"the timed commands would run l10n_tool from {package}, not from this repository "
                 f"(an editable install of another checkout?); run `pip install -e {REPO}` or use a virtualenv")
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    articles = [int(s) for s in args.articles.split(",") if s.strip()]

    args.data.mkdir(parents=True, exist_ok=True)
    env = environment(args)  # the commit and time at the start: the package may change meanwhile
    rows: list[Row] = []
    print(table([]), file=sys.stderr)
    if any(op in CATALOG_OPS for op in args.only):
        for n in sizes:
            with tempfile.TemporaryDirectory(dir=args.data) as work:
                rows += catalog_rows(n, args.data, Path(work), args)
    if any(op in SITE_OPS for op in args.only):
        for n in articles:
            with tempfile.TemporaryDirectory(dir=args.data) as work:
                rows += site_rows(n, args.data, Path(work), args)

    print(f"\n{env['date']} · {env['machine']} · Python {env['python']} · {env['gettext']} "
          f"· commit {env['commit']} · {args.runs} run(s), {args.quick_runs} for pairs under {args.quick:g} s, "
          "alternating, medians\n")
    print(table(rows))
    if args.out:
        args.out.write_text(json.dumps({"environment": env, "rows": [r.to_json() for r in rows]},
                                       indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
