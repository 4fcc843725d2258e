"""An MCP server on the official Python SDK that asks the person questions, for
chattui's tests of how questions are shown and answered.

- `wipe` is destructive: running it writes the marker file `wiped` to $PEER_MARKER_DIR.
- `ask_many` asks `count` questions at once (concurrent elicitations) and reports every answer.
- `take_note` asks for a note and reports exactly what came back.
"""
import asyncio
import json
import os

from pydantic import BaseModel
from mcp.server.mcpserver import Context, MCPServer
from mcp.types import ToolAnnotations

server = MCPServer(name="chattui-questions", version="1.0.0")


class Note(BaseModel):
    note: str = ""


@server.tool(annotations=ToolAnnotations(readOnlyHint=False, destructiveHint=True))
def wipe() -> str:
    """Deletes every draft (destructive)."""
    with open(os.path.join(os.environ["PEER_MARKER_DIR"], "wiped"), "w") as marker:
        marker.write("1")
    return "wiped"


@server.tool(annotations=ToolAnnotations(readOnlyHint=True))
async def ask_many(count: int, ctx: Context) -> str:
    """Asks `count` questions at the same time."""
    async def ask(number):
        result = await ctx.elicit(message=f"Question {number} of {count}", schema=Note)
        return f"{number}:{result.action}"
    answers = await asyncio.gather(*(ask(number) for number in range(1, count + 1)))
    return f"{len(answers)} answers: " + " ".join(answers)


@server.tool(annotations=ToolAnnotations(readOnlyHint=True))
async def take_note(ctx: Context) -> str:
    """Asks for a note and reports what came back."""
    result = await ctx.elicit(message="Write a note", schema=Note)
    data = result.data.model_dump() if result.action == "accept" else None
    return f"received {result.action} {json.dumps(data)}"


if __name__ == "__main__":
    server.run("stdio")
