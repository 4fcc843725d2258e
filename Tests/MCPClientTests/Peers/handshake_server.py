"""An MCP server on the official Python SDK 1.x (.venv-mcp1), which knows only
the initialize handshake (2025-11-25 and older): the old era's peer for the
conformance scenario `initialize` and for questions asked as server requests.

handshake_server.py            -> stdio
handshake_server.py http PORT  -> Streamable HTTP on 127.0.0.1
"""
import json
import sys

from pydantic import BaseModel, Field
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


class Profile(BaseModel):
    """elicitation-sep1034-client-defaults: every field optional, each with a default."""
    name: str = "John Doe"
    age: int = 30
    score: float = 95.5
    status: str = Field(default="active", json_schema_extra={"enum": ["active", "inactive", "pending"]})
    verified: bool = True


@server.tool()
async def test_client_elicitation_defaults(ctx: Context) -> str:
    """The scenario's tool: asks with elicitation/create and reports what came back."""
    result = await ctx.elicit(message="Test client default value handling - please accept with defaults", schema=Profile)
    data = result.data.model_dump() if result.action == "accept" else None
    return json.dumps({"action": result.action, "data": data}, sort_keys=True)


@server.tool()
async def roots(ctx: Context) -> str:
    """Asks for the client's roots with roots/list."""
    result = await ctx.session.list_roots()
    return " ".join(str(root.uri) for root in result.roots)


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "http":
        server.settings.host, server.settings.port = "127.0.0.1", int(sys.argv[2])
        server.run("streamable-http")
    else:
        server.run("stdio")
