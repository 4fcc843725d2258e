"""A deliberately broken MCP server, written without any SDK so it can break
the protocol: it answers initialize correctly, then misbehaves on tools/call.

    raw_server.py garbage   # writes a line that is not JSON
    raw_server.py huge      # answers with a single 17 MiB line
    raw_server.py echo      # answers tools/call at once (benchmarks)
    raw_server.py old       # speaks only protocol 2024-11-05 and pages its tool list
    raw_server.py deaf      # answers only the requests it knows: server/discover never
    raw_server.py slow-start  # waits half a second before it reads anything (benchmarks)
    raw_server.py flood     # tools/call flood {kind} sends 10,000 list_changed of that kind; count says how many lists it was asked for
    raw_server.py mute      # writes its pid to $PEER_MARKER_DIR/pid, reads initialize and never answers, nor exits on EOF
    raw_server.py pageloop  # every list answers one item and the cursor "again", forever
    raw_server.py badquestion  # speaks 2026-07-28; tools/call asks input_required with an elicitation without a message
    raw_server.py endless   # tools/list pages forever, each with a new tool and a new cursor
    raw_server.py ancient   # answers initialize with protocol 1999-01-01 (future: 2099-01-01)
    raw_server.py malformed # lists a tool without inputSchema beside a good one; tools/call answers content without a type
"""
import collections
import json
import os
import sys
import time

mode = sys.argv[1]
if mode == "slow-start":
    time.sleep(0.5)
if mode == "mute":
    with open(os.path.join(os.environ["PEER_MARKER_DIR"], "pid"), "w") as marker:
        marker.write(str(os.getpid()))
    sys.stdin.buffer.readline()
    while True:
        time.sleep(60)
out = sys.stdout.buffer


def send(message):
    out.write(json.dumps(message).encode() + b"\n")
    out.flush()


LISTS = {"tools/list": ("tools", {"name": "flood", "inputSchema": {"type": "object"}}),
         "resources/list": ("resources", {"uri": "note://one", "name": "one"}),
         "prompts/list": ("prompts", {"name": "one"})}
lists_asked = collections.Counter()


def flood(request):
    kind = request["params"]["arguments"]["kind"]
    for _ in range(10000):
        send({"jsonrpc": "2.0", "method": f"notifications/{kind}/list_changed"})
    send({"jsonrpc": "2.0", "id": request["id"], "result": {"content": [{"type": "text", "text": "flooded"}]}})


for line in sys.stdin.buffer:
    request = json.loads(line)
    method = request.get("method")
    if mode == "flood" and method in LISTS:
        lists_asked[method] += 1
        key, item = LISTS[method]
        send({"jsonrpc": "2.0", "id": request["id"], "result": {key: [item]}})
    elif mode == "flood" and method == "tools/call":
        if request["params"]["name"] == "count":
            send({"jsonrpc": "2.0", "id": request["id"], "result": {"content": [{"type": "text", "text": json.dumps(lists_asked)}]}})
        else:
            flood(request)
    elif mode == "pageloop" and method in LISTS:
        key, item = LISTS[method]
        send({"jsonrpc": "2.0", "id": request["id"], "result": {key: [item], "nextCursor": "again"}})
    elif mode == "badquestion" and method == "server/discover":
        send({"jsonrpc": "2.0", "id": request["id"], "result": {"supportedVersions": ["2026-07-28"], "capabilities": {"tools": {}}}})
    elif mode == "badquestion" and method == "tools/call":
        send({"jsonrpc": "2.0", "id": request["id"], "result": {"resultType": "input_required", "inputRequests": {
            "1": {"method": "elicitation/create", "params": {"requestedSchema": {"type": "object", "properties": {}}}}}}})
    elif method == "initialize":
        changing = {"listChanged": True}
        versions = {"old": "2024-11-05", "ancient": "1999-01-01", "future": "2099-01-01"}
        send({"jsonrpc": "2.0", "id": request["id"], "result": {
            "protocolVersion": versions.get(mode, request["params"]["protocolVersion"]),
            "capabilities": {"tools": changing, "resources": changing, "prompts": changing} if mode in ("flood", "pageloop") else {"tools": {}},
            "serverInfo": {"name": "raw-" + mode, "version": "0"}}})
    elif method == "tools/list" and mode == "old":
        page = int((request.get("params") or {}).get("cursor") or 0)
        result = {"tools": [{"name": f"tool_{page}_{n}", "inputSchema": {"type": "object"}} for n in range(2)]}
        if page < 2:
            result["nextCursor"] = str(page + 1)
        send({"jsonrpc": "2.0", "id": request["id"], "result": result})
    elif method == "tools/list" and mode == "endless":
        page = int((request.get("params") or {}).get("cursor") or 0)
        send({"jsonrpc": "2.0", "id": request["id"], "result": {
            "tools": [{"name": f"tool_{page}", "inputSchema": {"type": "object"}}], "nextCursor": str(page + 1)}})
    elif method == "tools/list" and mode == "malformed":
        send({"jsonrpc": "2.0", "id": request["id"], "result": {"tools": [
            {"name": "schemaless"}, {"name": "fine", "inputSchema": {"type": "object"}}]}})
    elif method == "tools/call" and mode == "malformed":
        send({"jsonrpc": "2.0", "id": request["id"], "result": {"content": [{"text": "no type"}]}})
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
    elif "id" in request and mode != "deaf":
        send({"jsonrpc": "2.0", "id": request["id"], "error": {"code": -32601, "message": f"no method {method}"}})
