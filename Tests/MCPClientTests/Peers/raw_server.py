"""A deliberately broken MCP server, written without any SDK so it can break
the protocol: it answers initialize correctly, then misbehaves on tools/call.

    raw_server.py garbage   # writes a line that is not JSON
    raw_server.py huge      # answers with a single 17 MiB line
    raw_server.py echo      # answers tools/call at once (benchmarks)
    raw_server.py old       # speaks only protocol 2024-11-05 and pages its tool list
    raw_server.py slow-start  # waits half a second before it reads anything (benchmarks)
"""
import json
import sys
import time

mode = sys.argv[1]
if mode == "slow-start":
    time.sleep(0.5)
out = sys.stdout.buffer


def send(message):
    out.write(json.dumps(message).encode() + b"\n")
    out.flush()


for line in sys.stdin.buffer:
    request = json.loads(line)
    method = request.get("method")
    if method == "initialize":
        send({"jsonrpc": "2.0", "id": request["id"], "result": {
            "protocolVersion": "2024-11-05" if mode == "old" else request["params"]["protocolVersion"],
            "capabilities": {"tools": {}},
            "serverInfo": {"name": "raw-" + mode, "version": "0"}}})
    elif method == "tools/list" and mode == "old":
        page = int((request.get("params") or {}).get("cursor") or 0)
        result = {"tools": [{"name": f"tool_{page}_{n}", "inputSchema": {"type": "object"}} for n in range(2)]}
        if page < 2:
            result["nextCursor"] = str(page + 1)
        send({"jsonrpc": "2.0", "id": request["id"], "result": result})
    elif method == "tools/list":
        send({"jsonrpc": "2.0", "id": request["id"], "result": {"tools": [
            {"name": "misbehave", "inputSchema": {"type": "object"}}]}})
    elif method == "tools/call" and mode == "garbage":
        out.write(b"this is not json\n")
        out.flush()
    elif method == "tools/call" and mode == "huge":
        send({"jsonrpc": "2.0", "id": request["id"], "result": {
            "content": [{"type": "text", "text": "x" * (17 * 1024 * 1024)}]}})
    elif method == "tools/call":
        send({"jsonrpc": "2.0", "id": request["id"], "result": {
            "content": [{"type": "text", "text": json.dumps(request["params"].get("arguments"))}]}})
