"""An OAuth-protected MCP server on loopback, built with the Python `mcp` SDK's authorization
support: the SDK serves the authorization server (metadata, registration, authorize, token)
and the resource server (protected-resource metadata, bearer checks). This file only keeps
clients, codes and tokens in memory and approves every authorization at once.

usage: oauth_server.py PORT [--token-seconds N] [--step-up]
"""
import secrets
import sys
import time

from mcp.server.auth.provider import AccessToken, AuthorizationCode, RefreshToken, construct_redirect_uri
from mcp.server.auth.settings import AuthSettings, ClientRegistrationOptions
from mcp.server.mcpserver import MCPServer

PORT = int(sys.argv[1])
TOKEN_SECONDS = int(sys.argv[sys.argv.index("--token-seconds") + 1]) if "--token-seconds" in sys.argv else 3600
# --step-up: every request needs the "write" scope too, which a token for "mcp" alone lacks (403 insufficient_scope).
SCOPES = ["mcp", "write"] if "--step-up" in sys.argv else ["mcp"]
BASE = f"http://127.0.0.1:{PORT}"


class MemoryProvider:
    def __init__(self):
        self.clients, self.codes, self.tokens, self.refresh = {}, {}, {}, {}

    async def get_client(self, client_id):
        return self.clients.get(client_id)

    async def register_client(self, client_info):
        self.clients[client_info.client_id] = client_info

    async def authorize(self, client, params):
        code = secrets.token_urlsafe(16)
        self.codes[code] = AuthorizationCode(
            code=code, scopes=params.scopes or ["mcp"], expires_at=time.time() + 300, client_id=client.client_id,
            code_challenge=params.code_challenge, redirect_uri=params.redirect_uri,
            redirect_uri_provided_explicitly=params.redirect_uri_provided_explicitly, resource=params.resource)
        return construct_redirect_uri(str(params.redirect_uri), code=code, state=params.state)

    async def load_authorization_code(self, client, authorization_code):
        code = self.codes.get(authorization_code)
        return code if code and code.client_id == client.client_id else None

    async def exchange_authorization_code(self, client, authorization_code):
        del self.codes[authorization_code.code]
        return self._issue(client.client_id, authorization_code.scopes, authorization_code.resource)

    async def load_refresh_token(self, client, refresh_token):
        token = self.refresh.get(refresh_token)
        return token if token and token.client_id == client.client_id else None

    async def exchange_refresh_token(self, client, refresh_token, scopes):
        del self.refresh[refresh_token.token]  # rotation: the old refresh token is spent
        return self._issue(client.client_id, scopes or refresh_token.scopes, None)

    async def load_access_token(self, token):
        access = self.tokens.get(token)
        if access and access.expires_at and access.expires_at < time.time():
            return None
        return access

    async def revoke_token(self, token):
        self.tokens.pop(token.token, None)
        self.refresh.pop(token.token, None)

    def _issue(self, client_id, scopes, resource):
        from mcp.shared.auth import OAuthToken
        access, refresh = "at_" + secrets.token_urlsafe(16), "rt_" + secrets.token_urlsafe(16)
        self.tokens[access] = AccessToken(token=access, client_id=client_id, scopes=scopes, expires_at=int(time.time()) + TOKEN_SECONDS, resource=resource)
        self.refresh[refresh] = RefreshToken(token=refresh, client_id=client_id, scopes=scopes)
        return OAuthToken(access_token=access, token_type="Bearer", expires_in=TOKEN_SECONDS, refresh_token=refresh, scope=" ".join(scopes))


server = MCPServer(
    name="oauth-peer", version="1.0.0", auth_server_provider=MemoryProvider(),
    auth=AuthSettings(issuer_url=BASE, resource_server_url=f"{BASE}/mcp", required_scopes=SCOPES,
                      client_registration_options=ClientRegistrationOptions(enabled=True, valid_scopes=["mcp", "write"], default_scopes=["mcp"])))


@server.tool()
def whoami() -> str:
    """Says the caller is signed in."""
    return "signed in"


if __name__ == "__main__":
    server.run(transport="streamable-http", host="127.0.0.1", port=PORT)
