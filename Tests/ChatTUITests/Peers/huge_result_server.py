"""An MCP server on the official Python SDK whose tools return huge results, for chattui's
tests that a model request carries a capped result while the card keeps the whole text.
"""
from mcp.server.mcpserver import MCPServer

server = MCPServer(name="chattui-huge", version="1.0.0")


@server.tool()
def one_line() -> str:
    """Returns one 3 MB line: a head, filler, and a tail."""
    return "HEAD-MARK " + "x" * 3_000_000 + " TAIL-MARK"


@server.tool()
def many_lines() -> str:
    """Returns about 5 MB in 100,000 numbered lines."""
    return "\n".join(f"line {n:06d} " + "y" * 40 for n in range(100_000)) + "\nLAST-LINE"


if __name__ == "__main__":
    server.run("stdio")
