"""``l10n serve``: the built site on 127.0.0.1, rebuilt on change, browsers told to reload.

The reload snippet is added to HTML responses only while serving; built files never carry it.
"""

from __future__ import annotations

import threading
from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Callable

from l10n_tool.config import CONFIG_NAME, Project

RELOAD_PATH = "/__l10n/events"
RELOAD_SNIPPET = (
    "<script>new EventSource('%s').onmessage = function () { location.reload(); };</script>"
    % RELOAD_PATH
).encode()


class Generation:
    """A counter of finished builds that request threads can wait on."""

    def __init__(self) -> None:
        self.value = 0
        self._changed = threading.Condition()

    def bump(self) -> None:
        with self._changed:
            self.value += 1
            self._changed.notify_all()

    def wait_past(self, seen: int, timeout: float) -> int:
        with self._changed:
            self._changed.wait_for(lambda: self.value != seen, timeout=timeout)
            return self.value


class SiteHandler(SimpleHTTPRequestHandler):
    """Static files plus an event stream that says "reload" after each rebuild."""

    generation: Generation
    stopping: threading.Event

    def do_GET(self) -> None:  # noqa: N802 (http.server naming)
        if self.path == RELOAD_PATH:
            self._stream_events()
            return
        path = self._served_path()
        if path is None:
            self.send_error(HTTPStatus.NOT_FOUND, "File not found")
            return
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
            if path.is_symlink():
                self.send_error(HTTPStatus.NOT_FOUND, "File not found")
                return
        if path.suffix == ".html" and path.is_file():
            body = path.read_bytes().replace(b"</body>", RELOAD_SNIPPET + b"</body>", 1)
            self.send_response(HTTPStatus.OK)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(body)
            return
        super().do_GET()

    def do_HEAD(self) -> None:  # noqa: N802
        if self._served_path() is None:
            self.send_error(HTTPStatus.NOT_FOUND, "File not found")
            return
        super().do_HEAD()

    def _served_path(self) -> Path | None:
        """The file or folder the request names, or None for one that is not a real part of
        the site: a NUL or other unreadable name (``/%00``), or a symlink anywhere on the way
        (a symlink in ``site/`` may lead anywhere on the disk, and is never served)."""
        try:
            root = Path(self.directory)
            path = Path(self.translate_path(self.path))  # below root: ".." parts are dropped
            if "\x00" in str(path):
                return None  # no file has that name (and open() would raise)
            current = root
            for part in path.relative_to(root).parts:
                current = current / part
                if current.is_symlink():
                    return None
            return path
        except (ValueError, OSError):
            return None

    def _stream_events(self) -> None:
        seen = self.generation.value  # before answering: a rebuild from now on is announced
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        try:
            while not self.stopping.is_set():
                current = self.generation.wait_past(seen, timeout=15)
                message = b"data: reload\n\n" if current != seen else b": keep-alive\n\n"
                seen = current
                self.wfile.write(message)
                self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            pass

    def log_message(self, format: str, *args) -> None:  # quiet: the CLI prints what matters
        pass


def watched_paths(project: Project) -> list[Path]:
    """What a rebuild depends on: config, articles, templates, static files and catalogs."""
    candidates = [project.root / CONFIG_NAME, project.content_dir, project.templates_dir,
                  project.static_dir, project.catalogs_dir]
    return [path for path in candidates if path.exists()]


class _Server(ThreadingHTTPServer):
    request_queue_size = 256  # the listen backlog: 5 timed out clients of a page with many assets


def make_server(project: Project, port: int) -> tuple[ThreadingHTTPServer, Generation, threading.Event]:
    """A server for the project's output folder on 127.0.0.1 (port 0 picks a free one)."""
    generation, stopping = Generation(), threading.Event()
    handler = type("Handler", (SiteHandler,), {"generation": generation, "stopping": stopping})
    server = _Server(("127.0.0.1", port), partial(handler, directory=str(project.output_dir)))
    server.daemon_threads = True
    return server, generation, stopping


def rebuild_safely(rebuild: Callable[[], Project], project: Project,
                   report: Callable[[str], None]) -> Project:
    """*rebuild()*, or *project* again when it fails in any way: the server keeps serving the
    last good build (a failed build leaves the site as it was) and reports why."""
    try:
        return rebuild()
    except Exception as exc:  # noqa: BLE001 - nothing a rebuild does may stop the server
        report(f"l10n: rebuild failed ({type(exc).__name__}: {exc}); still serving the last good build")
        return project


def serve(project: Project, port: int, rebuild: Callable[[], Project],
          report: Callable[[str], None]) -> None:
    """Serve until Ctrl-C; *rebuild* builds the site again and returns the reloaded project."""
    from watchfiles import watch

    server, generation, stopping = make_server(project, port)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    host, real_port = server.server_address[:2]
    report(f"Serving {project.output}/ on http://{host}:{real_port}/ (Ctrl-C to stop)")
    try:
        for changes in watch(*watched_paths(project), stop_event=stopping,
                             watch_filter=lambda _, path: project.output_dir not in Path(path).parents):
            report(f"{len(changes)} change(s); rebuilding")
            project = rebuild_safely(rebuild, project, report)
            generation.bump()
    except KeyboardInterrupt:
        pass
    finally:
        stopping.set()
        server.shutdown()
        server.server_close()
        report("Stopped.")
