"""An MCP server on the official Python SDK 2.x that mirrors the conformance
suite's client scenarios (modelcontextprotocol/conformance): each tool reports
what the client sent, so the tests can hold our client to the scenario.

conformance_server.py                 -> stdio
conformance_server.py http PORT       -> stateless Streamable HTTP on 127.0.0.1
PEER_SLOW_START=SECONDS               -> waits that long before it reads anything
"""
import json
import os
import sys
import time
from typing import Annotated

from pydantic import BaseModel, Field
from mcp.server.mcpserver import Context, MCPServer
from mcp.server.mcpserver.resolve import Elicit, ListRoots, Resolve
from mcp.server.elicitation import ElicitationResult
from mcp_types import ElicitRequest, ElicitRequestFormParams, InputRequiredResult, ListRootsResult

server = MCPServer(name="chattui-conformance", version="2.0.0")

RESERVED = "io.modelcontextprotocol/"


@server.tool()
def add_numbers(a: int, b: int) -> str:
    """The tools_call scenario's tool, first in the list as there (conformance-client calls the first tool with a=2, b=3)."""
    return str(a + b)


@server.tool()
def echo(text: str) -> str:
    """Returns the text it is given (tools_call)."""
    return text


@server.tool()
def envelope(ctx: Context) -> str:
    """Reports the request's reserved _meta, its MCP headers and the protocol (request-metadata, http-standard-headers)."""
    meta = {k: v for k, v in (ctx.request_context.meta or {}).items() if k.startswith(RESERVED)}
    headers = {k.lower(): v for k, v in (ctx.headers or {}).items() if k.lower().startswith("mcp-")}
    return json.dumps({"meta": meta, "headers": headers, "protocol": ctx.protocol_version}, sort_keys=True)


@server.tool()
def routed(region: Annotated[str, Field(json_schema_extra={"x-mcp-header": "Region"})],
           urgent: Annotated[bool, Field(json_schema_extra={"x-mcp-header": "Urgent"})],
           note: str, ctx: Context) -> str:
    """Reports the Mcp-Param-* headers it arrived with (http-custom-headers)."""
    return json.dumps({k.lower(): v for k, v in (ctx.headers or {}).items() if k.lower().startswith("mcp-param-")}, sort_keys=True)


@server.tool()
def badly_routed(region: float) -> str:
    """x-mcp-header on a number: a client must not offer this tool (http-invalid-tool-headers)."""
    return "should never run"


@server.tool()
def spaced_header(region: str) -> str:
    """x-mcp-header that is not a header token (http-invalid-tool-headers)."""
    return "should never run"


# The SDK refuses to register invalid annotations, so they are put in afterwards.
server._tool_manager.get_tool("badly_routed").parameters["properties"]["region"]["x-mcp-header"] = "Region"
server._tool_manager.get_tool("spaced_header").parameters["properties"]["region"]["x-mcp-header"] = "Bad Region"


class Preferences(BaseModel):
    """SEP-1034: every field has a default the client's form fills in."""
    name: str = "Ada"
    cups: int = 2
    sugar: bool = True


def ask_preferences() -> Elicit[Preferences]:
    return Elicit("How do you take your tea?", Preferences)


@server.tool()
def tea(answer: Annotated[ElicitationResult[Preferences], Resolve(ask_preferences)]) -> str:
    """Asks how you take your tea and reports the answer (elicitation-sep1034-client-defaults)."""
    data = answer.data.model_dump() if answer.action == "accept" else None
    return json.dumps({"action": answer.action, "data": data}, sort_keys=True)


def ask_roots() -> ListRoots:
    return ListRoots()


@server.tool()
def roots(answer: Annotated[ListRootsResult, Resolve(ask_roots)]) -> str:
    """Asks for the client's roots the 2026-07-28 way (an input_required roots/list; deprecated there, still asked)."""
    return " ".join(str(root.uri) for root in answer.roots)


STATE = "opaque:state/42 ✓"


def ask_confirmation(state: str | None) -> InputRequiredResult:
    question = ElicitRequest(params=ElicitRequestFormParams(
        message="Confirm?", requested_schema={"type": "object", "properties": {"confirmed": {"type": "boolean", "default": True}}}))
    return InputRequiredResult(input_requests={"confirm": question}, request_state=state)


def responses(ctx: Context) -> dict:
    return {k: v.model_dump(by_alias=True, exclude_none=True) for k, v in (ctx.input_responses or {}).items()}


@server.tool()
def stateful(ctx: Context) -> str | InputRequiredResult:
    """First round: asks a question with an opaque requestState; then reports what came back (sep-2322-client-request-state)."""
    if ctx.request_state is None:
        question = ElicitRequest(params=ElicitRequestFormParams(
            message="Which colour?", requested_schema={"type": "object", "properties": {"colour": {"type": "string"}}}))
        return InputRequiredResult(input_requests={"colour": question}, request_state=STATE)
    return json.dumps({"state_unchanged": ctx.request_state == STATE, "responses": responses(ctx)}, sort_keys=True)


# The sep-2322-client-request-state scenario's own tools, for `chattui conformance-client`;
# each fails the call (isError) where the scenario's check would fail.
@server.tool()
def test_mrtr_echo_state(ctx: Context) -> str | InputRequiredResult:
    """Asks with a requestState; the retry must echo it unchanged."""
    if not ctx.input_responses:
        return ask_confirmation(STATE)
    if ctx.request_state != STATE:
        raise ValueError("requestState was not echoed back unchanged")
    return json.dumps({"state_unchanged": True, "responses": responses(ctx)}, sort_keys=True)


@server.tool()
def test_mrtr_no_state(ctx: Context) -> str | InputRequiredResult:
    """Asks without a requestState; the retry must not invent one."""
    if not ctx.input_responses:
        return ask_confirmation(None)
    if ctx.request_state is not None:
        raise ValueError("the retry carried a requestState the server never sent")
    return json.dumps({"responses": responses(ctx)}, sort_keys=True)


@server.tool()
def test_mrtr_unrelated(ctx: Context) -> str:
    """Must arrive without another call's answers or state."""
    if ctx.input_responses or ctx.request_state is not None:
        raise ValueError("another request's answers or state were carried over")
    return "isolated"


@server.tool()
def test_mrtr_no_result_type() -> str:
    """A plain result (no resultType): complete."""
    return "complete"


class Address(BaseModel):
    street: str
    city: str


@server.tool()
def ship(to: Address, back: Address | None = None) -> str:
    """Takes addresses by $ref to $defs (json-schema-ref-no-deref)."""
    return f"shipping to {to.city}"


@server.tool()
def json_schema_2020_12_tool(payload: dict) -> str:
    """Its input schema is replaced below with a 2020-12 one (json-schema-2020-12-preservation)."""
    return "ok"


SCHEMA_2020_12 = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "https://example.com/schemas/described",
    "type": "object",
    "$defs": {"Tag": {"$anchor": "tag", "type": "string", "minLength": 1}},
    "properties": {
        "payload": {
            "type": "object",
            "additionalProperties": False,
            "properties": {"tags": {"type": "array", "items": {"$ref": "#tag"}},
                           "size": {"anyOf": [{"type": "integer"}, {"type": "null"}]},
                           "kind": {"oneOf": [{"const": "a"}, {"const": "b"}]},
                           "remote": {"$ref": "https://example.com/never-fetched.json"}},
            "allOf": [{"required": ["tags"]}],
        }
    },
    "required": ["payload"],
}
server._tool_manager.get_tool("json_schema_2020_12_tool").parameters = SCHEMA_2020_12


@server.tool()
def json_schema_echo(schema: dict) -> str:
    """The scenario's round trip: the client sends back the schema it was given; anything changed fails the call."""
    if schema != SCHEMA_2020_12:
        raise ValueError("the schema came back changed: " + json.dumps(schema, sort_keys=True))
    return "preserved"


if __name__ == "__main__":
    time.sleep(float(os.environ.get("PEER_SLOW_START", "0")))
    if len(sys.argv) > 1 and sys.argv[1] == "http":
        server.run("streamable-http", host="127.0.0.1", port=int(sys.argv[2]), json_response=True, stateless_http=True)
    else:
        server.run("stdio")
