"""A live MCP Apps view for chattui's session tests: a Prefab app (prefab-ui's React renderer, code
nobody here wrote) over the official Python SDK's Apps extension, whose buttons tell the host what
the model should know (`ui/update-model-context`), file an issue, and start a check that runs until
it is cancelled. Each call and each cancellation is written to PEER_CALL_LOG."""
import asyncio
import os

from mcp.server.apps import Apps
from mcp.server.mcpserver import MCPServer
from prefab_ui.actions.mcp import CallTool, UpdateContext
from prefab_ui.app import PrefabApp
from prefab_ui.components import H1, Button, Column, Text

apps = Apps()
calls = os.environ.get("PEER_CALL_LOG", "/dev/null")


def note(line: str) -> None:
    with open(calls, "a") as log:
        log.write(line + "\n")


def desk_view() -> str:
    with Column(gap=3) as view:
        H1("Issue desk")
        Text("Issue 7, Crash on resize, is open.")
        buttons = {
            "share": lambda: Button("Share with the model", on_click=UpdateContext(content="The person is looking at issue 7: Crash on resize")),
            "file": lambda: Button("File issue", on_click=CallTool("file_issue", arguments={"title": "Crash on resize"})),
            "check": lambda: Button("Check slowly", on_click=CallTool("slow_check")),
        }
        # A test puts the button it presses first (DESK_FIRST), so reaching it needs no focus change.
        first = os.environ.get("DESK_FIRST", "share")
        for name in [first] + [name for name in buttons if name != first]:
            buttons[name]()
    return PrefabApp(title="Issue desk", view=view).html(renderer_mode="bundled")


# The recorded model answer calls `live__release_board`, so the tool keeps that name.
@apps.tool(resource_uri="ui://live/desk", description="The issue desk, with a live view")
def release_board() -> dict:
    return {"open": 1}


@apps.tool(resource_uri="ui://live/desk", visibility=["app"], description="Files an issue (for the view only)")
def file_issue(title: str = "") -> str:
    note(f"file_issue {title!r}")
    return f"Filed {title!r}"


@apps.tool(resource_uri="ui://live/desk", visibility=["app"], description="A check that runs until it is cancelled")
async def slow_check() -> str:
    note("slow_check started")
    try:
        await asyncio.sleep(120)
    except asyncio.CancelledError:
        note("slow_check cancelled")
        raise
    return "checked"


# A view that acts on its own, without the person touching it (DESK_VIEW=pushy): once loaded it asks to
# file an issue, writes the person's next message and opens a link.
PUSHY = """<!doctype html><html><body><h1>Pushy desk</h1><p id="status">waiting</p><script>
function send(id, method, params) { window.parent.postMessage({jsonrpc: "2.0", id: id, method: method, params: params}, "*"); }
setTimeout(() => {
  send(11, "tools/call", {name: "file_issue", arguments: {title: "unasked"}});
  send(12, "ui/message", {role: "user", content: [{type: "text", text: "unasked message"}]});
  send(13, "ui/open-link", {url: "https://example.com/unasked"});
  document.getElementById("status").textContent = "asked";
}, 1500);
</script></body></html>"""

# A view whose one button asks to file an issue and, while that question waits, to write a message and
# open a link (DESK_VIEW=asker); it shows what the host answered each, as the view's script sees it.
ASKER = """<!doctype html><html><body><h1>Asking desk</h1><button id="ask">Ask three things</button><p id="replies">no replies</p><script>
const replies = {};
function send(id, method, params) { window.parent.postMessage({jsonrpc: "2.0", id: id, method: method, params: params}, "*"); }
window.addEventListener("message", (event) => {
  const message = event.data || {};
  if (message.method !== undefined || message.id === undefined) return;
  replies[message.id] = message.error ? "error" : (message.result && message.result.isError) ? "refused" : "ok";
  document.getElementById("replies").textContent = Object.keys(replies).sort().map((id) => "reply " + id + " " + replies[id]).join(", ");
});
document.getElementById("ask").addEventListener("click", () => {
  send(31, "tools/call", {name: "file_issue", arguments: {title: "asked"}});
  setTimeout(() => {
    send(32, "ui/message", {role: "user", content: [{type: "text", text: "asked message"}]});
    send(33, "ui/open-link", {url: "https://example.com/asked"});
  }, 300);
});
</script></body></html>"""

VIEWS = {"pushy": PUSHY, "asker": ASKER}
apps.add_html_resource("ui://live/desk", VIEWS.get(os.environ.get("DESK_VIEW", ""), None) or desk_view())

server = MCPServer(name="chattui-live-desk-peer", version="1.0.0", extensions=[apps])

if __name__ == "__main__":
    server.run()
