"""A replay of the MCP Registry's read API over a real snapshot, for tests. Listens on 127.0.0.1,
port 0; writes the port to --port-file. Serves GET /v0.1/servers (limit, cursor, search, version=latest,
updated_since; paginated with metadata.nextCursor) and /v0.1/servers/{name}/versions/latest, and logs
each request's path and query, one line each, to --log.

Modes: --mode ok | slow (answers after --delay seconds) | error500 | malformed | v0only (404 on /v0.1)
--slow-search TEXT delays only searches for TEXT; --retire NAME lists NAME as deleted."""
import argparse
import json
import sys
import time
import urllib.parse
from http.server import HTTPServer, BaseHTTPRequestHandler
from socketserver import ThreadingMixIn

parser = argparse.ArgumentParser()
parser.add_argument("snapshot")
parser.add_argument("--port-file", required=True)
parser.add_argument("--log")
parser.add_argument("--mode", default="ok")
parser.add_argument("--delay", type=float, default=5)
parser.add_argument("--slow-search")
parser.add_argument("--retire", action="append", default=[])
options = parser.parse_args()

META = "io.modelcontextprotocol.registry/official"
with open(options.snapshot) as file:
    ENTRIES = json.load(file)
for entry in ENTRIES:
    if entry["server"]["name"] in options.retire:
        entry["_meta"][META]["status"] = "deleted"
        entry["_meta"][META]["updatedAt"] = "2025-12-02T00:00:00Z"  # retiring is a change


def listing(query):
    entries = ENTRIES
    if query.get("version") == "latest":
        entries = [e for e in entries if e["_meta"][META]["isLatest"]]
    search = query.get("search", "").lower()
    if search:
        entries = [e for e in entries if search in e["server"]["name"].lower()]
    since = query.get("updated_since")
    if since:
        entries = [e for e in entries if e["_meta"][META]["updatedAt"] > since]
    start = int(query.get("cursor") or 0)
    limit = min(int(query.get("limit") or 30), 100)
    page = entries[start:start + limit]
    metadata = {"count": len(page)}
    if start + limit < len(entries):
        metadata["nextCursor"] = str(start + limit)
    return {"servers": page, "metadata": metadata}


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_GET(self):
        parsed = urllib.parse.urlsplit(self.path)
        query = dict(urllib.parse.parse_qsl(parsed.query))
        if options.log:
            with open(options.log, "a") as log:
                log.write(f"{parsed.path}?{parsed.query}\n")
        if options.mode == "slow" or (options.slow_search and query.get("search") == options.slow_search):
            time.sleep(options.delay)
        if options.mode == "error500":
            return self.answer(500, b'{"title": "Internal Server Error"}')
        if options.mode == "malformed":
            return self.answer(200, b"<html>Welcome to nginx</html>", "text/html")
        path = parsed.path
        if options.mode == "v0only":
            if not path.startswith("/v0/"):
                return self.answer(404, b'{"title": "Not Found"}')
            path = "/v0.1/" + path[len("/v0/"):]
        if path == "/v0.1/servers":
            return self.answer(200, json.dumps(listing(query)).encode())
        prefix, suffix = "/v0.1/servers/", "/versions/latest"
        if path.startswith(prefix) and path.endswith(suffix):
            name = urllib.parse.unquote(path[len(prefix):-len(suffix)])
            for entry in ENTRIES:
                if entry["server"]["name"] == name and entry["_meta"][META]["isLatest"]:
                    return self.answer(200, json.dumps(entry).encode())
        self.answer(404, b'{"title": "Not Found"}')

    def answer(self, status, body, kind="application/json"):
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class Server(ThreadingMixIn, HTTPServer):
    daemon_threads = True


server = Server(("127.0.0.1", 0), Handler)
with open(options.port_file + ".tmp", "w") as file:
    file.write(str(server.server_address[1]))
import os
os.rename(options.port_file + ".tmp", options.port_file)
server.serve_forever()
