"""An MCP server on the official Python SDK that asks the person questions, for
chattui's tests of how questions are shown and answered.

- `wipe` is destructive: running it writes the marker file `wiped` to $PEER_MARKER_DIR.
- `ask_many` asks `count` questions at once (one `input_required` result) and reports every answer.
- `take_note` asks for a note and reports exactly what came back.
"""
import json
import os

from typing import Annotated

from pydantic import BaseModel
from mcp.server.elicitation import ElicitationResult
from mcp.server.mcpserver import Context, MCPServer
from mcp.server.mcpserver.resolve import Elicit, Resolve
from mcp_types import ElicitRequest, ElicitRequestFormParams, InputRequiredResult
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
def ask_many(count: int, ctx: Context) -> str | InputRequiredResult:
    """Asks `count` questions at the same time (one `input_required` result, 2026-07-28)."""
    if ctx.input_responses is None:
        schema = {"type": "object", "properties": {"note": {"type": "string", "default": ""}}}
        questions = {str(number): ElicitRequest(params=ElicitRequestFormParams(
            message=f"Question {number} of {count}", requested_schema=schema)) for number in range(1, count + 1)}
        return InputRequiredResult(input_requests=questions, request_state="asked")
    answers = [f"{number}:{ctx.input_responses[str(number)].action}" for number in range(1, count + 1)]
    return f"{len(answers)} answers: " + " ".join(answers)


def ask_note() -> Elicit[Note]:
    return Elicit("Write a note", Note)


@server.tool(annotations=ToolAnnotations(readOnlyHint=True))
def take_note(result: Annotated[ElicitationResult[Note], Resolve(ask_note)]) -> str:
    """Asks for a note and reports what came back."""
    data = result.data.model_dump() if result.action == "accept" else None
    return f"received {result.action} {json.dumps(data)}"


if __name__ == "__main__":
    server.run("stdio")
