"""MCP-UI resources made by the MCP-UI Python server SDK (`mcp-ui-server`, which needs
the 1.x `mcp` SDK), for chattui's card tests. The HTML is Python's own pydoc output, so
neither the envelope nor the markup was written here."""
import colorsys
import os
import pydoc

from mcp.server.fastmcp import FastMCP
from mcp.types import TextContent
from mcp_ui_server import create_ui_resource

server = FastMCP(name="chattui-mcp-ui-peer")


def stable(html, module):
    """pydoc names the module's file; the folder differs between machines, so it reads the same everywhere."""
    return html.replace(os.path.dirname(module.__file__), "/usr/lib/python3")

@server.tool(description="Python's documentation of the colorsys module, as an HTML view")
def module_docs() -> list:
    html = stable(pydoc.html.page(pydoc.describe(colorsys), pydoc.html.document(colorsys, "colorsys")), colorsys)
    view = create_ui_resource({"uri": "ui://docs/colorsys", "content": {"type": "rawHtml", "htmlString": html}, "encoding": "text"})
    return [TextContent(type="text", text="The colorsys module converts between colour systems."), view]


@server.tool(description="A page to open, as an MCP-UI URL list")
def status_page() -> list:
    view = create_ui_resource({"uri": "ui://status/page", "content": {"type": "externalUrl", "iframeUrl": "https://status.example.com/incidents"},
                               "encoding": "text"})
    return [TextContent(type="text", text="All systems normal."), view]


@server.tool(description="A remote-dom view")
def remote_widget() -> list:
    view = create_ui_resource({"uri": "ui://widget/remote", "content": {"type": "remoteDom", "framework": "react",
                                                                      "script": "const b = document.createElement('ui-button'); root.appendChild(b);"},
                               "encoding": "text"})
    return [TextContent(type="text", text="Deploy 42 is waiting for approval."), view]


if __name__ == "__main__":
    server.run()

