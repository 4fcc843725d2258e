"""A scripted OAuth-protected MCP server for the conformance suite's `auth/*` client scenarios
(modelcontextprotocol/conformance, src/scenarios/client/auth). The MCP side is the Python `mcp`
SDK's Streamable HTTP server; the authorization server and the protected-resource metadata are
scripted here so each scenario can bend one rule the SDK's own server always keeps.

It approves every authorization at once and records what the client sent: GET /_record gives
the paths it asked for, registrations, authorization queries and token requests as JSON.
POST /_migrate moves the resource to a second authorization server and revokes every token.

usage: oauth_scenario_server.py PORT SCENARIO
"""
import base64
import json
import secrets
import sys
import urllib.parse

import uvicorn
from mcp.server.mcpserver import MCPServer
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response

PORT, SCENARIO = int(sys.argv[1]), sys.argv[2]
BASE = f"http://127.0.0.1:{PORT}"
CIMD_URL = "https://conformance-test.local/client-metadata.json"
PRE_REGISTERED = ("pre-registered-client", "pre-registered-secret")

# What each scenario changes from the defaults below.
SCENARIOS = {
    "metadata-default": {},
    "metadata-var1": {"prm_in_header": False, "as_metadata": "/.well-known/openid-configuration"},
    "metadata-var2": {"prm_path": "/.well-known/oauth-protected-resource", "prm_in_header": False,
                      "as_prefix": "/tenant1", "as_metadata": "/.well-known/oauth-authorization-server/tenant1"},
    "metadata-var3": {"prm_path": "/custom/metadata/location.json", "as_prefix": "/tenant1",
                      "as_metadata": "/tenant1/.well-known/openid-configuration"},
    "basic-cimd": {"cimd": True},
    "pre-registration": {"registration": False, "auth_methods": ["client_secret_basic"]},
    "scope-from-www-authenticate": {"header_scope": "mcp:basic", "required": ["mcp:basic"], "prm_scopes": ["mcp:profile"]},
    "scope-from-scopes-supported": {"prm_scopes": ["mcp:basic", "mcp:read", "mcp:write"], "required": ["mcp:basic", "mcp:read", "mcp:write"]},
    "scope-omitted-when-undefined": {"prm_scopes": None},
    "scope-step-up": {"header_scope": "mcp:basic", "required": ["mcp:basic"], "call_requires": ["mcp:write"], "prm_scopes": ["mcp:profile"]},
    "scope-retry-limit": {"header_scope": "mcp:admin", "always_forbidden": "mcp:admin"},
    "token-endpoint-auth-basic": {"auth_methods": ["client_secret_basic"]},
    "token-endpoint-auth-post": {"auth_methods": ["client_secret_post"]},
    "token-endpoint-auth-none": {"auth_methods": ["none"]},
    "resource-mismatch": {"prm_resource": "https://evil.example.com/mcp"},
    "offline-access-scope": {"as_scopes": ["mcp:basic", "offline_access"], "prm_scopes": ["mcp:basic"], "cimd": True},
    "offline-access-not-supported": {"as_scopes": ["mcp:basic", "mcp:read"], "prm_scopes": ["mcp:basic", "mcp:read"]},
    "authorization-server-migration": {"as_prefix": "/as1", "as_metadata": "/.well-known/oauth-authorization-server/as1"},
    "iss-supported": {"iss_supported": True, "iss": "correct"},
    "iss-not-advertised": {"iss": "omit"},
    "iss-supported-missing": {"iss_supported": True, "iss": "omit"},
    "iss-wrong-issuer": {"iss_supported": True, "iss": "wrong"},
    "iss-unexpected": {"iss": "wrong"},
    "iss-normalized": {"iss_supported": True, "iss": "normalized"},
    "metadata-issuer-mismatch": {"metadata_issuer": "https://attacker.example.com", "endpoint_prefix": "/mismatched-as"},
}
DEFAULTS = {"prm_path": "/.well-known/oauth-protected-resource/mcp", "prm_in_header": True, "prm_resource": f"{BASE}/mcp",
            "prm_scopes": None, "header_scope": None, "required": [], "call_requires": [], "always_forbidden": None,
            "as_prefix": "", "as_metadata": "/.well-known/oauth-authorization-server", "as_scopes": None, "cimd": False,
            "registration": True, "auth_methods": ["client_secret_basic", "client_secret_post", "none"],
            "iss_supported": False, "iss": "omit", "metadata_issuer": None, "endpoint_prefix": None}
CONFIG = {**DEFAULTS, **SCENARIOS[SCENARIO]}

record = {"paths": [], "registrations": [], "authorizations": [], "tokens": []}
state = {"as": CONFIG["as_prefix"], "tokens": {}, "codes": {}, "clients": {}}


def issuer(prefix=None):
    return BASE + (state["as"] if prefix is None else prefix)


def challenge(status, error, scope=None):
    parts = [f'error="{error}"']
    if scope:
        parts.insert(0, f'scope="{scope}"')
    if CONFIG["prm_in_header"]:
        parts.append(f'resource_metadata="{BASE}{CONFIG["prm_path"]}"')
    return JSONResponse({"error": error}, status_code=status, headers={"www-authenticate": "Bearer " + ", ".join(parts)})


async def protected_resource(request):
    body = {"resource": CONFIG["prm_resource"], "authorization_servers": [issuer()]}
    if CONFIG["prm_scopes"] is not None:
        body["scopes_supported"] = CONFIG["prm_scopes"]
    return JSONResponse(body)


def as_metadata(prefix):
    endpoints = BASE + (CONFIG["endpoint_prefix"] or prefix)
    body = {"issuer": CONFIG["metadata_issuer"] or issuer(prefix), "authorization_endpoint": endpoints + "/authorize",
            "token_endpoint": endpoints + "/token", "response_types_supported": ["code"],
            "code_challenge_methods_supported": ["S256"], "token_endpoint_auth_methods_supported": CONFIG["auth_methods"]}
    if CONFIG["registration"]:
        body["registration_endpoint"] = endpoints + "/register"
    if CONFIG["cimd"]:
        body["client_id_metadata_document_supported"] = True
    if CONFIG["iss_supported"]:
        body["authorization_response_iss_parameter_supported"] = True
    if CONFIG["as_scopes"] is not None:
        body["scopes_supported"] = CONFIG["as_scopes"]
    return JSONResponse(body)


async def register(request, prefix):
    body = await request.json()
    record["registrations"].append({"issuer": issuer(prefix), **body})
    method = CONFIG["auth_methods"][0]
    client = {"client_id": f"client-{prefix.strip('/') or 'as'}-{secrets.token_hex(4)}", "token_endpoint_auth_method": method,
              "redirect_uris": body.get("redirect_uris", [])}
    if method != "none":
        client["client_secret"] = secrets.token_urlsafe(12)
    state["clients"][client["client_id"]] = client
    return JSONResponse(client, status_code=201)


async def authorize(request, prefix):
    query = dict(request.query_params)
    record["authorizations"].append({"issuer": issuer(prefix), **query})
    code = secrets.token_urlsafe(12)
    state["codes"][code] = {"client_id": query.get("client_id"), "scope": query.get("scope", ""), "issuer": issuer(prefix)}
    redirect = {"code": code, "state": query.get("state", "")}
    iss = {"correct": issuer(prefix), "wrong": "https://evil.example.com", "normalized": issuer(prefix) + "/"}.get(CONFIG["iss"])
    if iss:
        redirect["iss"] = iss
    return RedirectResponse(query["redirect_uri"] + "?" + urllib.parse.urlencode(redirect), status_code=302)


def client_authentication(request, form):
    """How the client authenticated at the token endpoint, and as whom."""
    header = request.headers.get("authorization", "")
    if header.startswith("Basic "):
        identity, _, secret = base64.b64decode(header[6:]).decode().partition(":")
        return "client_secret_basic", urllib.parse.unquote_plus(identity), urllib.parse.unquote_plus(secret)
    if "client_secret" in form:
        return "client_secret_post", form.get("client_id"), form["client_secret"]
    return "none", form.get("client_id"), None


async def token(request, prefix):
    form = dict(await request.form())
    method, client_id, secret = client_authentication(request, form)
    record["tokens"].append({"issuer": issuer(prefix), "method": method, "client_id": client_id, **form})
    if method not in CONFIG["auth_methods"]:
        return JSONResponse({"error": "invalid_client", "error_description": f"{method} is not accepted here"}, status_code=401)
    expected = PRE_REGISTERED[1] if client_id == PRE_REGISTERED[0] else state["clients"].get(client_id, {}).get("client_secret")
    if method != "none" and secret != expected:
        return JSONResponse({"error": "invalid_client"}, status_code=401)
    grant = state["codes"].pop(form.get("code", ""), None)
    if form.get("grant_type") != "authorization_code" or not grant or grant["client_id"] != client_id:
        return JSONResponse({"error": "invalid_grant"}, status_code=400)
    access = "at_" + secrets.token_urlsafe(12)
    state["tokens"][access] = {"scopes": grant["scope"].split(), "issuer": grant["issuer"]}
    return JSONResponse({"access_token": access, "token_type": "Bearer", "expires_in": 3600, "scope": grant["scope"],
                         "refresh_token": "rt_" + secrets.token_urlsafe(12)})


async def record_view(request):
    return JSONResponse(record)


async def migrate(request):
    state["as"], state["tokens"] = "/as2", {}
    return Response(status_code=204)


server = MCPServer(name="oauth-scenario-peer", version="1.0.0")


@server.tool()
def whoami() -> str:
    """Says the caller is signed in."""
    return "signed in"


@server.tool(name="test-tool")
def test_tool() -> str:
    """The tool the suite's auth scenarios call once signed in (conformance-client)."""
    return "called with a token"


mcp_app = server.streamable_http_app(stateless_http=True, json_response=True)
ROUTES = {CONFIG["prm_path"]: protected_resource, "/_record": record_view, "/_migrate": migrate}


def authorization_server_routes():
    prefixes = ["/as1", "/as2"] if SCENARIO == "authorization-server-migration" else [CONFIG["as_prefix"]]
    for prefix in prefixes:
        metadata = CONFIG["as_metadata"] if prefix == CONFIG["as_prefix"] else "/.well-known/oauth-authorization-server" + prefix
        ROUTES[metadata] = lambda request, prefix=prefix: as_metadata(prefix)
        endpoints = CONFIG["endpoint_prefix"] or prefix
        for name, handler in {"/register": register, "/authorize": authorize, "/token": token}.items():
            ROUTES[endpoints + name] = lambda request, handler=handler, prefix=prefix: handler(request, prefix)


authorization_server_routes()


async def app(scope, receive, send):
    if scope["type"] != "http":
        return await mcp_app(scope, receive, send)
    request = Request(scope, receive)
    record["paths"].append(request.url.path)
    if request.url.path in ROUTES:
        response = ROUTES[request.url.path](request)
        response = await response if hasattr(response, "__await__") else response
        return await response(scope, receive, send)
    if request.url.path != "/mcp":
        return await Response(status_code=404)(scope, receive, send)
    body = await request.body()
    refusal = check_bearer(request, body)
    if refusal:
        return await refusal(scope, receive, send)

    # The body was read for the bearer check: hand it over once, then the real channel, so the
    # SDK's watch for the client going away waits instead of spinning on the body forever.
    replayed = False

    async def replay():
        nonlocal replayed
        if replayed:
            return await receive()
        replayed = True
        return {"type": "http.request", "body": body, "more_body": False}
    return await mcp_app(scope, replay, send)


def check_bearer(request, body):
    """The resource server's bearer check: None lets the request through, else the refusal."""
    header = request.headers.get("authorization", "")
    grant = state["tokens"].get(header[7:]) if header.startswith("Bearer ") else None
    if not grant:
        return challenge(401, "invalid_token", CONFIG["header_scope"])
    if CONFIG["always_forbidden"]:
        return challenge(403, "insufficient_scope", CONFIG["always_forbidden"])
    try:
        method = json.loads(body or b"{}").get("method")
    except ValueError:
        method = None
    needed = CONFIG["call_requires"] if method == "tools/call" and CONFIG["call_requires"] else CONFIG["required"]
    missing = [scope for scope in needed if scope not in grant["scopes"]]
    if missing:
        return challenge(403, "insufficient_scope", " ".join(missing))
    return None


if __name__ == "__main__":
    uvicorn.run(app, host="127.0.0.1", port=PORT, log_level="warning", lifespan="on")
