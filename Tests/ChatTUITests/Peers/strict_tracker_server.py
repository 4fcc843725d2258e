"""An MCP server on the official Python SDK whose create tool refuses what it cannot file,
for chattui's tests of a refused `/task`: the project is free text, and only "Website" exists.
"""
from mcp.server.mcpserver import MCPServer

server = MCPServer(name="chattui-strict-tracker", version="1.0.0")


@server.tool()
def create_issue(title: str, project: str = "") -> str:
    """Files an issue in a project."""
    if project != "Website":
        raise ValueError(f"No project {project!r} (only Website)")
    return f"Filed “{title}” in {project}."


if __name__ == "__main__":
    server.run("stdio")
