"""A FastMCP server whose authorization server takes client ID metadata documents (fastmcp's
OAuthProxy with CIMD on, in front of the Python SDK's authorization server in oauth_server.py).
fastmcp fetches a document only over https from a public address (its SSRF guard), so the test
runs this inside a network namespace where the document's host is such an address.

usage: fastmcp_cimd_server.py PORT UPSTREAM_PORT
"""
import json
import sys
import urllib.request

from fastmcp import FastMCP
from fastmcp.server.auth import AccessToken, TokenVerifier
from fastmcp.server.auth.oauth_proxy import OAuthProxy
from key_value.aio.stores.memory import MemoryStore

PORT, UPSTREAM = int(sys.argv[1]), int(sys.argv[2])
BASE, UPSTREAM_BASE = f"http://127.0.0.1:{PORT}", f"http://127.0.0.1:{UPSTREAM}"


class UpstreamTokens(TokenVerifier):
    """Takes the upstream server's opaque tokens (it issues them as at_…); the proxy checks its own."""

    async def verify_token(self, token):
        return AccessToken(token=token, client_id="upstream", scopes=["mcp"]) if token.startswith("at_") else None


def register_upstream_client():
    """The proxy's own client at the upstream server, as an administrator would register it."""
    body = json.dumps({"client_name": "fastmcp-proxy", "redirect_uris": [f"{BASE}/auth/callback"], "scope": "mcp",
                       "grant_types": ["authorization_code", "refresh_token"], "response_types": ["code"],
                       "token_endpoint_auth_method": "client_secret_post"}).encode()
    request = urllib.request.Request(f"{UPSTREAM_BASE}/register", data=body, headers={"content-type": "application/json"})
    with urllib.request.urlopen(request) as response:
        return json.load(response)


client = register_upstream_client()
auth = OAuthProxy(upstream_authorization_endpoint=f"{UPSTREAM_BASE}/authorize", upstream_token_endpoint=f"{UPSTREAM_BASE}/token",
                  upstream_client_id=client["client_id"], upstream_client_secret=client["client_secret"],
                  token_verifier=UpstreamTokens(), base_url=BASE, valid_scopes=["mcp"], require_authorization_consent=False,
                  client_storage=MemoryStore(), enable_cimd=True,
                  # The SDK's token endpoint reads client_id from the body, so the proxy posts its secret there too.
                  token_endpoint_auth_method="client_secret_post")
server = FastMCP("fastmcp-cimd-peer", auth=auth)


@server.tool
def whoami() -> str:
    """Says the caller is signed in."""
    return "signed in"


if __name__ == "__main__":
    server.run(transport="http", host="127.0.0.1", port=PORT, show_banner=False)
