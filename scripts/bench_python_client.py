"""The Python SDK's own client calling the same server as chattui's, for
side-by-side round-trip figures in `make bench`.

    bench_python_client.py CALLS COMMAND [ARGS...]   # prints the median ms
"""
import statistics
import sys
import time

import anyio
from mcp import ClientSession, StdioServerParameters
from mcp.client.stdio import stdio_client


async def main() -> None:
    calls = int(sys.argv[1])
    server = StdioServerParameters(command=sys.argv[2], args=sys.argv[3:])
    async with stdio_client(server) as (read, write):
        async with ClientSession(read, write) as session:
            await session.initialize()
            for _ in range(20):
                await session.call_tool("echo", {"text": "warm"})
            samples = []
            for index in range(calls):
                start = time.perf_counter()
                await session.call_tool("echo", {"text": f"call {index}"})
                samples.append((time.perf_counter() - start) * 1000)
    print(f"{statistics.median(samples):.3f}")


anyio.run(main)
