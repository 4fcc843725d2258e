"""An HTTP endpoint that is not a working MCP server, for the client's error paths.

    raw_http_server.py PORT unauthorized   # 401 with a Bearer challenge
    raw_http_server.py PORT html           # 200 text/html
    raw_http_server.py PORT huge           # 200 application/json, 17 MiB
    raw_http_server.py PORT hang           # accepts, reads, never answers
"""
import sys
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

port, mode = int(sys.argv[1]), sys.argv[2]


class Handler(BaseHTTPRequestHandler):
    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        if mode == "hang":
            time.sleep(3600)
        elif mode == "unauthorized":
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

    do_GET = do_POST

    def log_message(self, *args):
        pass


ThreadingHTTPServer.daemon_threads = True
ThreadingHTTPServer(("127.0.0.1", port), Handler).serve_forever()
