"""An MCP server built on the official Python SDK, for chattui's client tests.

Each tool provokes one behaviour the client must handle: progress,
cancellation, list_changed, a crash mid-call, an oversized message. (The SDK
guards its own stdout, so malformed output comes from raw_server.py.) Markers go to $PEER_MARKER_DIR so tests can see what the server saw.
"""
import asyncio
import json
import os
import sys
import time

from mcp.server.mcpserver import Context, MCPServer
from mcp.types import ToolAnnotations
from mcp.server.streamable_http import EventMessage

server = MCPServer(name="chattui-peer", version="1.0.0")


class MemoryEventStore:
    """Keeps every event so a client can resume a dropped stream with Last-Event-ID."""

    def __init__(self):
        self.events = []  # (event_id, stream_id, message)
        self.resumed = asyncio.Event()
        self.resumed_at = None  # when the last GET with Last-Event-ID arrived (monotonic)
        self.resumed_from = None  # its Last-Event-ID, and whether this store issued it
        self.resumed_known = False

    async def store_event(self, stream_id, message):
        event_id = str(len(self.events) + 1)
        self.events.append((event_id, stream_id, message))
        return event_id

    async def replay_events_after(self, last_event_id, send_callback):
        stream = next((s for e, s, _ in self.events if e == last_event_id), None)
        self.resumed_at, self.resumed_from, self.resumed_known = time.monotonic(), last_event_id, stream is not None
        self.resumed.set()
        if stream is None:
            return None
        after = False
        for event_id, stream_id, message in self.events:
            if after and stream_id == stream and message is not None:
                await send_callback(EventMessage(message, event_id))
            after = after or event_id == last_event_id
        return stream


EVENT_STORE = MemoryEventStore()
print("peer server starting", file=sys.stderr, flush=True)


def mark(name: str) -> None:
    folder = os.environ.get("PEER_MARKER_DIR")
    if folder:
        with open(os.path.join(folder, name), "w") as marker:
            marker.write("1")


@server.tool()
def echo(text: str) -> str:
    """Returns the text it is given."""
    return text


@server.tool()
async def slow(seconds: float, ctx: Context) -> str:
    """Sleeps, reporting progress every tenth of a second."""
    steps = max(1, int(seconds * 10))
    try:
        for step in range(steps):
            await ctx.report_progress(step, steps, f"step {step}")
            await asyncio.sleep(0.1)
    except asyncio.CancelledError:
        mark("cancelled")
        raise
    return "done"


@server.tool()
async def burst(count: int, ctx: Context) -> str:
    """Reports progress `count` times back to back, then answers at once."""
    for step in range(count):
        await ctx.report_progress(step + 1, count)
    return "burst"


async def announce_tools(ctx: Context) -> None:
    """list_changed as each era carries it: to subscriptions/listen streams (2026-07-28), else on the session."""
    if ctx.protocol_version == "2026-07-28":
        await ctx.notify_tools_changed()
    else:
        await ctx.session.send_tool_list_changed()


@server.tool()
async def add_tool(ctx: Context) -> str:
    """Registers a new tool and tells the client the list changed."""

    def late_tool() -> str:
        """A tool that appears later."""
        return "late"

    server.add_tool(late_tool, name="late_tool")
    await announce_tools(ctx)
    return "added"


@server.tool()
async def add_tool_later(ctx: Context) -> str:
    """Answers at once, then adds a tool and announces it outside any request."""
    def later_tool() -> str:
        """A tool announced on the server's own stream."""
        return "later"

    async def announce():
        await asyncio.sleep(0.3)
        server.add_tool(later_tool, name="later_tool")
        await announce_tools(ctx)

    asyncio.get_running_loop().create_task(announce())
    return "scheduled"


@server.tool()
async def log_something(ctx: Context) -> str:
    """Sends a log notification to the client."""
    await ctx.info("a note from the peer")
    return "logged"


@server.tool()
def crash() -> str:
    """Exits in the middle of the call."""
    os._exit(3)


@server.tool()
async def interrupted(ctx: Context) -> str:
    """Drops its event stream mid-call; the answer comes after the client resumes."""
    await ctx.report_progress(1, 3, "before the drop")
    await ctx.close_sse_stream()
    # The SDK loses events sent while a resumed stream is being set up (its
    # replay-to-live window), so the rest waits until the client is back.
    await asyncio.wait_for(EVENT_STORE.resumed.wait(), timeout=10)
    await asyncio.sleep(0.3)
    await ctx.report_progress(2, 3, "after the drop")
    return "resumed"


@server.tool()
async def test_reconnection(ctx: Context) -> str:
    """sse-retry: ends its event stream after the priming event (id and retry);
    answers on the stream the client reopens, saying how long it waited and with which Last-Event-ID."""
    EVENT_STORE.resumed.clear()
    closed = time.monotonic()
    await ctx.close_sse_stream()
    await asyncio.wait_for(EVENT_STORE.resumed.wait(), timeout=10)
    await asyncio.sleep(0.3)  # past the SDK's replay-to-live window (see `interrupted`)
    return json.dumps({"waited_ms": round((EVENT_STORE.resumed_at - closed) * 1000),
                       "last_event_id": EVENT_STORE.resumed_from, "issued_here": EVENT_STORE.resumed_known})


@server.tool()
def whereami() -> str:
    """Reports the working directory and an environment variable."""
    return json.dumps({"cwd": os.getcwd(), "greeting": os.environ.get("PEER_GREETING")})


@server.tool()
def capabilities(ctx: Context) -> str:
    """Reports the capabilities the client declared."""
    caps = ctx.session.client_params.capabilities if hasattr(ctx.session, "client_params") else ctx.client_capabilities
    return caps.model_dump_json(by_alias=True, exclude_none=True)


@server.tool()
async def roots(ctx: Context) -> str:
    """Asks the client for its roots (roots/list) and returns their URIs, or the error."""
    try:
        result = await ctx.session.list_roots()
    except Exception as error:
        return f"roots failed: {error}"
    return " ".join(str(root.uri) for root in result.roots)


@server.tool()
async def ask_model(question: str, ctx: Context) -> str:
    """Asks the client's model (MCP sampling) and returns its answer, or the error."""
    from mcp.types import SamplingMessage, TextContent
    try:
        result = await ctx.session.create_message(
            [SamplingMessage(role="user", content=TextContent(type="text", text=question))],
            max_tokens=64, system_prompt="Answer in one word.", related_request_id=ctx.request_id)
    except Exception as error:  # the client declined or cannot sample
        return f"sampling failed: {error}"
    content = result.content
    text = content.text if hasattr(content, "text") else str(content)
    return f"the model said: {text} ({result.model}, {result.stop_reason})"


@server.tool(meta={"ui": {"visibility": ["app"]}})
def refresh_view() -> str:
    """Only the connector's own view may call this (MCP Apps visibility)."""
    return "refreshed"


@server.tool(annotations=ToolAnnotations(readOnlyHint=True))
def tidy() -> str:
    """Says it only reads, yet writes: a hint no client should take on trust."""
    mark("tidied")
    return "tidied"


@server.tool(annotations=ToolAnnotations(readOnlyHint=True))
def lookup(key: str) -> str:
    """Reads a value; marked read-only."""
    return f"value of {key}"


@server.prompt()
def review(topic: str, tone: str = "plain") -> str:
    """Ask for a review of a topic."""
    return f"Please review {topic} in a {tone} tone."


@server.resource("notes://today", name="today", mime_type="text/plain")
def today_notes() -> str:
    """Today's notes."""
    return "Buy milk.\nCall Ada about the 日本 trip."


if __name__ == "__main__":
    # What the client let this process see, for the tests of its environment.
    if os.environ.get("PEER_MARKER_DIR"):
        with open(os.path.join(os.environ["PEER_MARKER_DIR"], "environment"), "w") as names:
            names.write("\n".join(sorted(os.environ)))
    # peer_server.py                                  -> stdio
    # peer_server.py http PORT json|sse stateful|stateless -> Streamable HTTP on 127.0.0.1 (PEER_RETRY_MS: the SSE retry)
    # peer_server.py sse PORT                         -> the 2024-11-05 HTTP+SSE transport
    if len(sys.argv) > 1 and sys.argv[1] == "http":
        server.run("streamable-http", host="127.0.0.1", port=int(sys.argv[2]),
                   json_response=sys.argv[3] == "json", stateless_http=sys.argv[4] == "stateless",
                   event_store=EVENT_STORE if sys.argv[4] == "stateful" else None,
                   retry_interval=int(os.environ.get("PEER_RETRY_MS", "200")))
    elif len(sys.argv) > 1 and sys.argv[1] == "sse":
        server.run("sse", host="127.0.0.1", port=int(sys.argv[2]))
    else:
        server.run("stdio")
