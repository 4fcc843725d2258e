"""An MCP server on the official Python SDK 1.x (.venv-mcp1), which knows only
the initialize handshake (2025-11-25 and older): the old era's peer for the
conformance scenario `initialize` and for questions asked as server requests."""
import json

from pydantic import BaseModel
from mcp.server.fastmcp import Context, FastMCP

server = FastMCP(name="chattui-handshake")


@server.tool()
def echo(text: str) -> str:
    """Returns the text it is given."""
    return text


class Preferences(BaseModel):
    name: str = "Ada"
    cups: int = 2


@server.tool()
async def tea(ctx: Context) -> str:
    """Asks with elicitation/create, a request of the server's own."""
    result = await ctx.elicit(message="How do you take your tea?", schema=Preferences)
    data = result.data.model_dump() if result.action == "accept" else None
    return json.dumps({"action": result.action, "data": data}, sort_keys=True)


@server.tool()
async def roots(ctx: Context) -> str:
    """Asks for the client's roots with roots/list."""
    result = await ctx.session.list_roots()
    return " ".join(str(root.uri) for root in result.roots)


if __name__ == "__main__":
    server.run("stdio")
