"""MCP Apps views from packages nobody here wrote, for chattui's card tests: a Prefab
app (`prefab-ui`, a JavaScript-built page of megabytes with an empty body), a static
page (Python's pydoc output for a module), and a view that cannot be read."""
import json
import os
import pydoc
from typing_extensions import TypedDict

from pydantic import BaseModel, Field

from typing import Annotated

from mcp.server.elicitation import ElicitationResult
from mcp.server.mcpserver import Context, MCPServer
from mcp.server.mcpserver.resolve import Elicit, Resolve
from prefab_ui.app import PrefabApp
from prefab_ui.components import H1, Text

server = MCPServer(name="chattui-apps-peer", version="1.0.0")


def stable(html, module):
    """pydoc names the module's file; the folder differs between machines, so it reads the same everywhere."""
    return html.replace(os.path.dirname(module.__file__), "/usr/lib/python3")

@server.resource("ui://prefab/sales", mime_type="text/html;profile=mcp-app")
def sales_view() -> str:
    return PrefabApp(title="Sales", view=H1("Sales")).html(renderer_mode="bundled")


@server.resource("ui://docs/json", mime_type="text/html;profile=mcp-app")
def json_docs_view() -> str:
    return stable(pydoc.html.page(pydoc.describe(json), pydoc.html.document(json, "json")), json)


class Region(TypedDict):
    region: str
    revenue: int


class Sales(TypedDict):
    quarter: str
    regions: list[Region]


@server.tool(description="Sales this quarter, with a Prefab view", meta={"ui": {"resourceUri": "ui://prefab/sales"}})
def sales() -> Sales:
    return {"quarter": "Q3", "regions": [{"region": "North", "revenue": 1200}, {"region": "South", "revenue": 950}]}


@server.tool(description="The json module's documentation, with a static view", meta={"ui/resourceUri": "ui://docs/json"})
def json_docs() -> str:
    return "The json module encodes and decodes JSON."


@server.tool(description="A view that is not there", meta={"ui": {"resourceUri": "ui://missing/view"}})
def broken_view() -> str:
    return "The result is still here."


class Plan(BaseModel):
    project: str = Field(description="Where the issue goes", json_schema_extra={"enum": ["Website", "Mobile app"]})
    urgent: bool = Field(default=False, description="Page someone now")


def ask_plan(title: str) -> Elicit[Plan]:
    return Elicit(f"Where should “{title}” go?", Plan)


# A resolver asks in either era: `input_required` (2026-07-28) or `elicitation/create` (older).
@server.tool(description="Files an issue after asking where it goes")
def file_issue(title: str, answer: Annotated[ElicitationResult[Plan], Resolve(ask_plan)]) -> str:
    if answer.action != "accept":
        return f"Not filed: the person chose {answer.action}."
    return f"Filed “{title}” in {answer.data.project}" + (", paging on-call." if answer.data.urgent else ".")


if __name__ == "__main__":
    server.run()

