"""`kompetensi check --online`: external links checked against a local server, with a timeout and a cache."""

from __future__ import annotations

import http.server
import json
import threading
from pathlib import Path

from kompetensi import api

from .conftest import edit


class _Handler(http.server.BaseHTTPRequestHandler):
    def do_HEAD(self) -> None:  # noqa: N802 - http.server's naming
        self.send_response(200 if self.path == "/ada" else 404)
        self.end_headers()

    do_GET = do_HEAD

    def log_message(self, *args: object) -> None:
        pass


def test_online_check_reports_broken_links_and_caches_answers(mini: Path) -> None:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    lesson = mini / "modules/contoh-lanjut/01-satu.md"
    edit(lesson, "Teks pelajaran lanjut.", f"Lihat [halaman ada]({base}/ada) dan [halaman hilang]({base}/hilang).")
    try:
        offline = {f.rule for f in api.check(mini).findings}
        assert offline == {"link-http"}  # no network use without --online
        findings = api.check(mini, online=True).findings
    finally:
        server.shutdown()
        server.server_close()
    broken = [f for f in findings if f.rule == "link-external-broken"]
    assert [(f.path, f.line, f.message) for f in broken] == [
        ("modules/contoh-lanjut/01-satu.md", 8, f"Tautan '{base}/hilang' tidak dapat dibuka: server menjawab 404.")
    ]
    cache = json.loads((mini / ".cache/kompetensi-tautan.json").read_text(encoding="utf-8"))
    assert cache[f"{base}/ada"]["problem"] == "" and cache[f"{base}/hilang"]["problem"] == "server menjawab 404"
    # The server is gone: the cached answers are used instead of the network.
    again = [f for f in api.check(mini, online=True).findings if f.rule == "link-external-broken"]
    assert [f.message for f in again] == [f.message for f in broken]
