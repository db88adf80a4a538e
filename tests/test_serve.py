"""``l10n serve`` holds up (issue 16): odd request paths, symlinks in the output folder, many
clients at once, and rebuilds that fail in any way."""

from __future__ import annotations

import http.client
import os
import socket
import threading

import pytest

from l10n_tool.build import build_site
from l10n_tool.config import Project
from l10n_tool.serve import make_server


@pytest.fixture
def served(example):
    project = Project.load(example)
    build_site(project)
    server, _, stopping = make_server(project, 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield project, server.server_address[1]
    stopping.set()
    server.shutdown()
    server.server_close()


def get(port: int, path: str) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def test_a_nul_in_the_path_is_a_404_not_a_dropped_connection(served):
    _, port = served
    for path in ("/%00", "/nl/%00/", "/static/%00.css", "/%2e%2e/%2e%2e/etc/hostname"):
        assert get(port, path)[0] == 404, path
    assert get(port, "/nl/")[0] == 200  # and it still serves


def test_a_symlink_in_the_output_folder_is_never_served(served, tmp_path):
    project, port = served
    secret = tmp_path / "secret.txt"
    secret.write_text("not for the web", encoding="utf-8")
    site = project.output_dir
    os.symlink(secret, site / "static" / "leak.txt")
    (tmp_path / "folder").mkdir()
    (tmp_path / "folder" / "index.html").write_text("<p>outside</p>", encoding="utf-8")
    os.symlink(tmp_path / "folder", site / "outside")
    (site / "inside").mkdir()
    os.symlink(secret, site / "inside" / "index.html")
    for path in ("/static/leak.txt", "/outside/", "/outside/index.html", "/inside/"):
        status, body = get(port, path)
        assert status == 404 and b"outside" not in body and b"not for the web" not in body, path


def test_the_listen_backlog_holds_200_clients_at_once(example):
    """200 clients connect while the server accepts nobody: every one is queued, none refused
    or left waiting (a backlog of 5 left 23 of 200 timing out)."""
    server, _, _ = make_server(Project.load(example), 0)
    clients = []
    try:
        for _ in range(200):
            client = socket.create_connection(server.server_address[:2], timeout=3)
            clients.append(client)
    finally:
        for client in clients:
            client.close()
        server.server_close()
    assert len(clients) == 200


def test_a_rebuild_that_fails_in_any_way_keeps_the_server_going(example):
    from l10n_tool.serve import rebuild_safely

    project, lines = Project.load(example), []

    def broken():
        raise RuntimeError("disk on fire")

    assert rebuild_safely(broken, project, lines.append) is project
    assert lines == ["l10n: rebuild failed (RuntimeError: disk on fire); still serving the last good build"]
    fresh = Project.load(example)
    assert rebuild_safely(lambda: fresh, project, lines.append) is fresh
