"""The Python SDK's own client calling the same server as chattui's, for
side-by-side round-trip figures in `make bench`.

    bench_python_client.py CALLS MODE COMMAND [ARGS...]   # prints the median ms

MODE is the client's era: `legacy` (the initialize handshake) or `auto`
(server/discover first: 2026-07-28 against a 2.x server).
"""
import statistics
import sys
import time

import anyio
from mcp.client.client import Client
from mcp.client.stdio import StdioServerParameters, stdio_client


async def main() -> None:
    calls, mode = int(sys.argv[1]), sys.argv[2]
    server = StdioServerParameters(command=sys.argv[3], args=sys.argv[4:])
    async with Client(stdio_client(server), mode=mode) as client:
        for _ in range(20):
            await client.call_tool("echo", {"text": "warm"})
        samples = []
        for index in range(calls):
            start = time.perf_counter()
            await client.call_tool("echo", {"text": f"call {index}"})
            samples.append((time.perf_counter() - start) * 1000)
    print(f"{statistics.median(samples):.3f}")


anyio.run(main)
