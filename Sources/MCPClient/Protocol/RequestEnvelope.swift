import Foundation

/// What every outgoing message carries for the era a connection speaks, in
/// one place: the `initialize` request's capabilities (handshake era), and for
/// 2026-07-28 each request's `_meta` (protocol version, client, capabilities)
/// and the HTTP headers a server routes on (`MCP-Protocol-Version`,
/// `Mcp-Method`, `Mcp-Name`, `Mcp-Param-*`). Stdio ignores the headers.
struct RequestEnvelope: Sendable {
    var era: ProtocolEra?
    let client: ClientConfiguration

    /// The params key whose value names what a method acts on (`Mcp-Name`).
    static let namedBy = ["tools/call": "name", "prompts/get": "name", "resources/read": "uri"]

    /// The message as sent, and the headers to send it with. A message that is
    /// not a request of the stateless era is left as it is (found without parsing).
    func wrap(_ data: Data) -> (data: Data, headers: [String: String]) {
        switch era {
        case .stateless(let revision): return stateless(data, revision: revision)
        case .handshake: return (data, [:])  // settled: `initialize` has gone
        case nil: return (Self.isInitialize(data) ? extendingInitialize(data) : data, [:])
        }
    }

    private static let initializeMethod = Data(#""method":"initialize""#.utf8)

    static func isInitialize(_ data: Data) -> Bool { data.range(of: initializeMethod) != nil }

    /// The `initialize` request with our capabilities (the SDK's type holds no objects).
    private func extendingInitialize(_ data: Data) -> Data {
        guard var message = Self.object(data), message["method"] as? String == "initialize",
              var params = message["params"] as? [String: Any] else { return data }
        params["capabilities"] = client.capabilities
        message["params"] = params
        return Self.encoded(message) ?? data
    }

    private func stateless(_ data: Data, revision: String) -> (data: Data, headers: [String: String]) {
        guard var message = Self.object(data), let method = message["method"] as? String else { return (data, [:]) }
        var headers = ["MCP-Protocol-Version": revision, "Mcp-Method": HeaderValue.encode(method)]
        var params = message["params"] as? [String: Any] ?? [:]
        if let key = Self.namedBy[method], let name = params[key] as? String { headers["Mcp-Name"] = HeaderValue.encode(name) }
        // `Mcp-Param-*` for a tool call come from its typed arguments (`ServerConnection`).
        headers.merge(OutgoingRequest.headers) { $1 }
        // Requests carry the envelope; notifications (cancelled) only the headers.
        guard message["id"] != nil else { return (data, headers) }
        var meta = params["_meta"] as? [String: Any] ?? [:]
        meta["io.modelcontextprotocol/protocolVersion"] = revision
        meta["io.modelcontextprotocol/clientInfo"] = client.info
        meta["io.modelcontextprotocol/clientCapabilities"] = client.capabilities
        meta["io.modelcontextprotocol/logLevel"] = client.logLevel
        params["_meta"] = meta
        message["params"] = params
        return (Self.encoded(message) ?? data, headers)
    }

    private static func object(_ data: Data) -> [String: Any]? {
        (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
    }

    private static func encoded(_ message: [String: Any]) -> Data? {
        try? JSONSerialization.data(withJSONObject: message, options: [.withoutEscapingSlashes])
    }
}

/// A header value that survives HTTP as sent: printable ASCII without edge
/// spaces goes as it is, anything else as `=?base64?…?=` (the 2026-07-28 rule),
/// so no text from a server or a model can break a header line.
enum HeaderValue {
    static func encode(_ value: String) -> String {
        let printable = value.utf8.allSatisfy { (0x20...0x7E).contains($0) }
        let looksEncoded = value.hasPrefix("=?base64?") && value.hasSuffix("?=")
        if printable, value == value.trimmingCharacters(in: .whitespaces), !looksEncoded { return value }
        return "=?base64?\(Data(value.utf8).base64EncodedString())?="
    }
}
