#!/bin/sh
# Signs chattui in to fastmcp's authorization server with a client ID metadata document, all inside a
# network namespace of its own: fastmcp fetches the document only over https from a public address, so
# here the document's host is one (203.0.114.7 on the namespace's loopback, named in its hosts file) with
# a self-signed certificate trusted through SSL_CERT_FILE for this run. Nothing outside the namespace
# changes; everything it started and created is removed on exit. Needs root (ip netns).
#
# usage: cimd_namespace.sh WORKDIR CHATTUI REPO
# prints the document URL, then the login's and `mcp list`'s output; exits non-zero when a step fails.
set -eu
[ -n "${CIMD_TRACE:-}" ] && set -x
work=$1 chattui=$2 repo=$3
peers=$repo/Tests/MCPClientTests/Peers
ns=chattui-cimd-$$
host=chattui-client.example
document=https://$host/chattui/oauth-client-metadata.json
pids=""

cleanup() {
    for pid in $pids; do kill "$pid" 2>/dev/null || true; done
    for pid in $pids; do wait "$pid" 2>/dev/null || true; done
    ip netns del "$ns" 2>/dev/null || true
    rm -rf "/etc/netns/$ns"
}
trap cleanup EXIT INT TERM
inside() { ip netns exec "$ns" env XDG_CONFIG_HOME="$work/config" XDG_STATE_HOME="$work/state" SSL_CERT_FILE="$work/cert.pem" CURL_CA_BUNDLE="$work/cert.pem" "$@"; }
# A server in the background as one process (ip netns exec and env exec it), so cleanup's kill
# reaches the server itself: `inside … &` would fork a shell whose kill leaves the server running.
start_inside() {
    ip netns exec "$ns" env XDG_CONFIG_HOME="$work/config" XDG_STATE_HOME="$work/state" SSL_CERT_FILE="$work/cert.pem" CURL_CA_BUNDLE="$work/cert.pem" "$@" &
    pids="$pids $!"
}
wait_for() {
    for _ in $(seq 200); do inside curl -s -o /dev/null "$1" && return 0; sleep 0.1; done
    echo "nothing answered at $1" >&2; return 1
}

ip netns add "$ns"
ip -n "$ns" link set lo up
ip -n "$ns" addr add 203.0.114.7/32 dev lo
mkdir -p "/etc/netns/$ns" "$work/site/chattui" "$work/config/chattui"
printf '127.0.0.1 localhost\n203.0.114.7 %s\n' "$host" > "/etc/netns/$ns/hosts"
openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj "/CN=$host" -addext "subjectAltName=DNS:$host" \
    -keyout "$work/key.pem" -out "$work/cert.pem" 2>/dev/null
# The shipped document, published at its own URL as the README says.
sed "s|https://example.com/chattui/oauth-client-metadata.json|$document|" "$repo/docs/oauth-client-metadata.json" \
    > "$work/site/chattui/oauth-client-metadata.json"

start_inside python3 -c '
import http.server, ssl, sys
server = http.server.ThreadingHTTPServer(("203.0.114.7", 443), lambda *a: http.server.SimpleHTTPRequestHandler(*a, directory=sys.argv[1]))
context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
context.load_cert_chain(sys.argv[2], sys.argv[3])
server.socket = context.wrap_socket(server.socket, server_side=True)
server.serve_forever()' "$work/site" "$work/cert.pem" "$work/key.pem" >"$work/site.log" 2>&1
start_inside "$repo/.venv/bin/python" "$peers/oauth_server.py" 8001 >"$work/upstream.log" 2>&1
wait_for http://127.0.0.1:8001/.well-known/oauth-authorization-server
start_inside "$repo/.venv-fastmcp/bin/python" "$peers/fastmcp_cimd_server.py" 8000 8001 >"$work/fastmcp.log" 2>&1
wait_for http://127.0.0.1:8000/.well-known/oauth-authorization-server
wait_for "$document"

printf '[oauth]\nclient_metadata_url = "%s"\n' "$document" > "$work/config/chattui/config.toml"
inside "$chattui" mcp add --transport http secure http://127.0.0.1:8000/mcp >/dev/null
echo "document: $document"
inside "$chattui" mcp login secure --no-browser </dev/null >"$work/login.txt" 2>&1 &
login=$!
url=""
for _ in $(seq 200); do
    url=$(grep -o 'http://127.0.0.1:8000/authorize?[^[:space:]]*' "$work/login.txt" || true)
    [ -n "$url" ] && break
    sleep 0.1
done
# The browser: through fastmcp, the upstream server and back to chattui's loopback listener.
inside curl -s -L -o /dev/null "$url" || true
status=0
wait "$login" || status=$?
cat "$work/login.txt"
inside "$chattui" mcp list
exit "$status"
