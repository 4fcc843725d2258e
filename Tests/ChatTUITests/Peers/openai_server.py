"""A local OpenAI-compatible server, as Ollama or llama.cpp's serve one: it lists its
models and streams Chat Completions, for chattui's end-to-end tests of model choice.

usage: openai_server.py PORT REQUEST_LOG MODEL [MODEL ...] [--call TOOL]

GET .../models lists the MODELs. POST .../chat/completions streams
"MODEL heard: LAST USER TEXT", or with --call a call of TOOL (no arguments) on every
request, as a model that never stops calling tools. Each request's method, path and
body are appended to REQUEST_LOG as one JSON line. Listens on 127.0.0.1 only.
"""
import json
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def chunk(model, delta, finish=None):
    return {"id": "chatcmpl-1", "object": "chat.completion.chunk", "created": 1731000000, "model": model,
            "choices": [{"index": 0, "delta": delta, "finish_reason": finish}]}


def last_user_text(messages):
    for message in reversed(messages):
        if message.get("role") == "user":
            content = message.get("content")
            if isinstance(content, list):
                return " ".join(part.get("text", "") for part in content if isinstance(part, dict))
            return content or ""
    return ""


def main():
    arguments = sys.argv[1:]
    tool = None
    if "--call" in arguments:
        index = arguments.index("--call")
        tool = arguments[index + 1]
        del arguments[index:index + 2]
    port, log_path, models = int(arguments[0]), arguments[1], arguments[2:]

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args):
            pass

        def record(self, body):
            with open(log_path, "a") as log:
                log.write(json.dumps({"method": self.command, "path": self.path, "body": body}) + "\n")

        def send(self, status, content_type, payload):
            self.send_response(status)
            self.send_header("content-type", content_type)
            self.send_header("content-length", str(len(payload)))
            self.send_header("connection", "close")
            self.end_headers()
            self.wfile.write(payload)

        def do_GET(self):
            self.record("")
            if not self.path.endswith("/models"):
                return self.send(404, "application/json", b'{"error":{"message":"not found"}}')
            listing = {"object": "list", "data": [{"id": name, "object": "model", "owned_by": "local"} for name in models]}
            self.send(200, "application/json", json.dumps(listing).encode())

        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("content-length", "0"))).decode("utf-8", "replace")
            self.record(body)
            request = json.loads(body or "{}")
            model = request.get("model", "")
            if model not in models:
                error = {"error": {"message": "model '%s' not found" % model, "type": "invalid_request_error"}}
                return self.send(404, "application/json", json.dumps(error).encode())
            if tool:
                call = {"tool_calls": [{"index": 0, "id": "call_1", "type": "function",
                                        "function": {"name": tool, "arguments": "{}"}}]}
                events = [chunk(model, {"role": "assistant", **call}), chunk(model, {}, "tool_calls")]
            else:
                text = "%s heard: %s" % (model, last_user_text(request.get("messages", [])))
                events = [chunk(model, {"role": "assistant", "content": text}), chunk(model, {}, "stop")]
            stream = "".join("data: " + json.dumps(event) + "\n\n" for event in events) + "data: [DONE]\n\n"
            self.send(200, "text/event-stream", stream.encode())

    ThreadingHTTPServer(("127.0.0.1", port), Handler).serve_forever()


if __name__ == "__main__":
    main()
