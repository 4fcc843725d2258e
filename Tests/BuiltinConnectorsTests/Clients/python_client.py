"""Drives chattui's built-in connectors with the official Python MCP client, a client nobody here wrote.

usage: python_client.py CHATTUI DATABASE ROOT
Prints one line per check; exits non-zero on the first failure.
"""
import asyncio
import json
import sys

from mcp import ClientSession, StdioServerParameters
from mcp.client.stdio import stdio_client


async def choose_website(context, params):
    """Answers the tracker's elicitation: it must offer the projects, and gets "Website"."""
    from mcp.types import ElicitResult
    options = params.requested_schema["properties"]["project"]["enum"]
    assert options == ["Inbox", "Website"], options
    return ElicitResult(action="accept", content={"project": "Website"})


async def tasks(binary, database):
    params = StdioServerParameters(command=binary, args=["serve", "tasks", "--database", database])
    async with stdio_client(params) as (read, write):
        async with ClientSession(read, write, elicitation_callback=choose_website) as session:
            init = await session.initialize()
            assert init.server_info.name == "chattui-tasks", init.server_info
            tools = {tool.name: tool for tool in (await session.list_tools()).tools}
            assert tools["get_issue"].annotations.read_only_hint is True
            assert tools["create_issue"].annotations.read_only_hint is False
            assert tools["create_issue"].output_schema["properties"]["issue"]["properties"]["status"]["enum"][0] == "todo"
            assert tools["get_issue"].meta["ui"]["resourceUri"] == "ui://tasks/issue"
            created = await session.call_tool("create_issue", {"title": "Login fails on Safari", "priority": "high", "labels": ["bug"]})
            assert not created.is_error, created
            issue = created.structured_content["issue"]
            assert issue["title"] == "Login fails on Safari" and issue["priority"] == "high" and issue["project"] == "Inbox", issue
            listed = await session.call_tool("list_issues", {"label": "bug"})
            assert [item["id"] for item in listed.structured_content["issues"]] == [issue["id"]]
            bad = await session.call_tool("update_issue", {"id": issue["id"], "status": "finished"})
            assert bad.is_error and "Status must be one of" in bad.content[0].text, bad
            await session.call_tool("create_project", {"name": "Website"})
            asked = await session.call_tool("create_issue", {"title": "Which project is this?"})
            assert not asked.is_error and asked.structured_content["issue"]["project"] == "Website", asked
            view = await session.read_resource("ui://tasks/issue")
            assert view.contents[0].mime_type == "text/html;profile=mcp-app" and "<article" in view.contents[0].text
            print("ok tasks through the Python SDK client")


async def files(binary, root):
    params = StdioServerParameters(command=binary, args=["serve", "files", "--root", root])
    async with stdio_client(params) as (read, write):
        async with ClientSession(read, write) as session:
            await session.initialize()
            found = await session.call_tool("search_files", {"query": "kyoto"})
            assert not found.is_error and "notes.txt" in found.content[0].text, found
            outside = await session.call_tool("read_file", {"path": "/etc/passwd"})
            assert outside.is_error and "outside" in outside.content[0].text, outside
            print("ok files through the Python SDK client")


async def main():
    binary, database, root = sys.argv[1:4]
    await tasks(binary, database)
    await files(binary, root)


if __name__ == "__main__":
    asyncio.run(main())
