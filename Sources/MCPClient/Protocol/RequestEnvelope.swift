import Foundation

/// What every outgoing message carries for the era a connection speaks, in
/// one place: the `initialize` request's capabilities (handshake era), and for
/// 2026-07-28 each request's `_meta` (protocol version, client, capabilities)
/// and the HTTP headers a server routes on (`MCP-Protocol-Version`,
/// `Mcp-Method`, `Mcp-Name`, `Mcp-Param-*`). Stdio ignores the headers.
struct RequestEnvelope: Sendable {
    private(set) var era: ProtocolEra?
    let client: ClientConfiguration
    /// The stateless `_meta` members, encoded once per era (they are the same on every request).
    private var metaMembers = Data()

    init(client: ClientConfiguration) { self.client = client }

    /// The params key whose value names what a method acts on (`Mcp-Name`).
    static let namedBy = ["tools/call": "name", "prompts/get": "name", "resources/read": "uri"]

    /// Set while probing (stateless) and once the era is settled.
    mutating func speak(_ era: ProtocolEra?) {
        self.era = era
        guard case .stateless(let revision) = era else { return }
        let meta: [String: Any] = ["io.modelcontextprotocol/protocolVersion": revision,
                                   "io.modelcontextprotocol/clientInfo": client.info,
                                   "io.modelcontextprotocol/clientCapabilities": client.capabilities(stateless: true),
                                   "io.modelcontextprotocol/logLevel": client.logLevel]
        // The object's members without its braces, to splice into any `_meta`.
        metaMembers = (Self.encoded(meta) ?? Data("{}".utf8)).dropFirst().dropLast()
    }

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
        guard var message = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any],
              message["method"] as? String == "initialize", var params = message["params"] as? [String: Any] else { return data }
        params["capabilities"] = client.capabilities(stateless: false)
        message["params"] = params
        return Self.encoded(message) ?? data
    }

    /// The headers from the message's outline, and `_meta` spliced into the
    /// bytes as the SDK encoded them: the message is read once and never re-encoded.
    private func stateless(_ data: Data, revision: String) -> (data: Data, headers: [String: String]) {
        guard let outline = MessageOutline(data, nameKey: { Self.namedBy[$0] }), let method = outline.method,
              let message = outline.message else { return (data, [:]) }
        var headers = ["MCP-Protocol-Version": revision, "Mcp-Method": HeaderValue.encode(method)]
        if let name = outline.name { headers["Mcp-Name"] = HeaderValue.encode(name) }
        // `Mcp-Param-*` for a tool call come from its typed arguments (`ServerConnection`).
        headers.merge(OutgoingRequest.headers) { $1 }
        // Requests carry the envelope; notifications (cancelled) only the headers.
        guard outline.hasID else { return (data, headers) }
        var spliced = data
        if let meta = outline.meta {
            spliced.insert(contentsOf: metaMembers + Self.separator(meta), at: data.startIndex + meta.offset)
        } else if let params = outline.params {
            spliced.insert(contentsOf: Data(#""_meta":{"#.utf8) + metaMembers + Data("}".utf8) + Self.separator(params),
                           at: data.startIndex + params.offset)
        } else {
            spliced.insert(contentsOf: Data(#""params":{"_meta":{"#.utf8) + metaMembers + Data("}}".utf8) + Self.separator(message),
                           at: data.startIndex + message.offset)
        }
        return (spliced, headers)
    }

    /// What follows members inserted at the start of an object: a comma unless it was empty.
    private static func separator(_ opening: MessageOutline.Opening) -> Data { opening.isEmpty ? Data() : Data(",".utf8) }

    private static func encoded(_ message: [String: Any]) -> Data? {
        try? JSONSerialization.data(withJSONObject: message, options: [.withoutEscapingSlashes, .sortedKeys])
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
