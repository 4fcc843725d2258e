"""An HTTP endpoint that is not a working MCP server, for the client's error paths.

    raw_http_server.py PORT unauthorized   # 401 with a Bearer challenge; a bearer token it was sent is marked "authorization"
    raw_http_server.py PORT html           # 200 text/html
    raw_http_server.py PORT huge           # 200 application/json, 17 MiB
    raw_http_server.py PORT hang           # accepts, reads, never answers
    raw_http_server.py PORT drop           # each answer's event stream ends at once; GET with Last-Event-ID resumes it
    raw_http_server.py PORT hang-call      # a JSON server whose tools/call never answers; marks "cancelled" and "aborted"
    raw_http_server.py PORT unavailable    # 503 to the first two initialize requests, then a working JSON server
    raw_http_server.py PORT missing        # 404 to everything
    raw_http_server.py PORT refuse-revision # 2026-07-28: the first request refused with 400 and -32022 (the
                                            # conformance suite's request-metadata), then a stateless server;
                                            # each method's marker holds the header's and _meta's revision
Markers go to $PEER_MARKER_DIR, so tests see what the server saw.
"""
import json
import os
import select
import sys
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

port, mode = int(sys.argv[1]), sys.argv[2]


# What the drop mode answers, once a dropped stream is resumed.
DROP_RESULTS = {
    "initialize": {"protocolVersion": "2025-06-18", "capabilities": {"tools": {}}, "serverInfo": {"name": "drop", "version": "1"}},
    "tools/list": {"tools": [{"name": "x", "inputSchema": {"type": "object"}}]},
    "tools/call": {"content": [{"type": "text", "text": "resumed"}]},
}


def mark(name):
    folder = os.environ.get("PEER_MARKER_DIR")
    if folder:
        with open(os.path.join(folder, name), "w") as marker:
            marker.write("1")


# What the JSON modes (hang-call, unavailable) answer.
JSON_RESULTS = {
    "initialize": {"protocolVersion": "2025-06-18", "capabilities": {"tools": {}}, "serverInfo": {"name": mode, "version": "1"}},
    "tools/list": {"tools": [{"name": "wait", "inputSchema": {"type": "object"}}]},
    "tools/call": {"content": [{"type": "text", "text": "answered"}]},
}


# What the refuse-revision mode answers once it has refused the first request.
STATELESS_RESULTS = {
    "server/discover": {"supportedVersions": ["2026-07-28"], "capabilities": {"tools": {}},
                        "_meta": {"io.modelcontextprotocol/serverInfo": {"name": "refuse-revision", "version": "1"}}},
    "initialize": JSON_RESULTS["initialize"],
    "tools/list": JSON_RESULTS["tools/list"],
}


def mark_revisions(method, header, meta):
    folder = os.environ.get("PEER_MARKER_DIR")
    if folder:
        with open(os.path.join(folder, method.replace("/", "_")), "w") as marker:
            marker.write("%s %s" % (header, meta))


class Handler(BaseHTTPRequestHandler):
    unanswered = None
    refused = 0

    def send_json(self, status, message=None):
        body = json.dumps(message).encode() if message is not None else b""
        self.send_response(status)
        if message is not None:
            self.send_header("Content-Type", "application/json")
        self.send_header("Mcp-Session-Id", "s1")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def wait_for_the_client_to_leave(self):
        """Never answers; notes when the client closes the connection (the request was aborted)."""
        while True:
            readable, _, _ = select.select([self.connection], [], [], 0.1)
            if readable and not self.connection.recv(1):
                mark("aborted")
                return

    def serve_json(self, request):
        if "id" not in request:
            if request.get("method") == "notifications/cancelled":
                mark("cancelled")
            return self.send_json(202)
        if request["method"] == "initialize" and mode == "unavailable" and Handler.refused < 2:
            Handler.refused += 1
            return self.send_json(503)
        if request["method"] == "tools/call" and mode == "hang-call":
            return self.wait_for_the_client_to_leave()
        self.send_json(200, {"jsonrpc": "2.0", "id": request["id"], "result": JSON_RESULTS.get(request["method"], {})})

    def serve_stateless(self, request):
        if "id" not in request:
            return self.send_json(202)
        header = self.headers.get("MCP-Protocol-Version")
        meta = (request.get("params") or {}).get("_meta", {}).get("io.modelcontextprotocol/protocolVersion")
        if not Handler.refused:
            Handler.refused = 1
            error = {"code": -32022, "message": "Unsupported protocol version", "data": {"supported": ["2026-07-28"], "requested": header}}
            return self.send_json(400, {"jsonrpc": "2.0", "id": request["id"], "error": error})
        mark_revisions(request["method"], header, meta)
        self.send_json(200, {"jsonrpc": "2.0", "id": request["id"], "result": STATELESS_RESULTS.get(request["method"], {})})

    def send_events(self, text):
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Mcp-Session-Id", "s1")
        self.end_headers()
        self.wfile.write(text.encode())

    def answer(self, request):
        message = {"jsonrpc": "2.0", "id": request["id"], "result": DROP_RESULTS.get(request["method"], {})}
        return "id: answered\ndata: %s\n\n" % json.dumps(message)

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        if mode in ("hang-call", "unavailable"):
            self.serve_json(json.loads(body))
        elif mode == "missing":
            self.send_json(404)
        elif mode == "refuse-revision":
            self.serve_stateless(json.loads(body))
        elif mode == "drop":
            request = json.loads(body)
            if "id" not in request:
                self.send_response(202)
                self.send_header("Content-Length", "0")
                self.end_headers()
            elif request["method"] == "initialize":
                self.send_events(self.answer(request))
            else:
                Handler.unanswered = request
                self.send_events("id: %s\nretry: 20\ndata:\n\n" % request["id"])
        elif mode == "hang":
            time.sleep(3600)
        elif mode == "unauthorized":
            if self.headers.get("Authorization"):
                mark("authorization")
            self.send_response(401)
            self.send_header("WWW-Authenticate", 'Bearer resource_metadata="http://127.0.0.1/.well-known/oauth-protected-resource"')
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif mode == "huge":
            body = b'{"jsonrpc": "2.0", "id": 1, "result": {"x": "' + b"x" * (17 * 1024 * 1024) + b'"}}'
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            try:
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass
        else:
            body = b"<html><body>Not an MCP server</body></html>"
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    def do_GET(self):
        if mode in ("hang-call", "unavailable", "missing", "refuse-revision"):
            return self.send_json(405 if mode != "missing" else 404)
        if mode != "drop":
            return self.do_POST()
        if Handler.unanswered is None or self.headers.get("Last-Event-ID") != str(Handler.unanswered["id"]):
            self.send_response(405)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        self.send_events(self.answer(Handler.unanswered))

    def do_DELETE(self):
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args):
        pass


ThreadingHTTPServer.daemon_threads = True
ThreadingHTTPServer(("127.0.0.1", port), Handler).serve_forever()
