"""An MCP server on the official Python SDK with exactly one tool, for the tests that
count things: one tool is "1 tool", never "1 tools".
"""
from mcp.server.mcpserver import MCPServer

server = MCPServer(name="chattui-one-tool", version="1.0.0")


@server.tool()
def echo(text: str) -> str:
    """Says the text back."""
    return text


if __name__ == "__main__":
    server.run("stdio")
