"""An HTTP endpoint that is not a working MCP server, for the client's error paths.

    raw_http_server.py PORT unauthorized   # 401 with a Bearer challenge
    raw_http_server.py PORT html           # 200 text/html
"""
import sys
from http.server import BaseHTTPRequestHandler, HTTPServer

port, mode = int(sys.argv[1]), sys.argv[2]


class Handler(BaseHTTPRequestHandler):
    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        if mode == "unauthorized":
            self.send_response(401)
            self.send_header("WWW-Authenticate", 'Bearer resource_metadata="http://127.0.0.1/.well-known/oauth-protected-resource"')
            self.send_header("Content-Length", "0")
            self.end_headers()
        else:
            body = b"<html><body>Not an MCP server</body></html>"
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    def log_message(self, *args):
        pass


HTTPServer(("127.0.0.1", port), Handler).serve_forever()
