import Foundation
import MCP
import Testing
@testable import MCPClient

/// The stateless envelope is spliced into the bytes the SDK encoded (never re-encoded):
/// whatever shape `params` has, the message that goes out is the same JSON plus `_meta`.
@Suite struct RequestEnvelopeTests {
    private func wrapped(_ message: String) throws -> (message: [String: Any], headers: [String: String]) {
        var envelope = RequestEnvelope(client: ClientConfiguration())
        envelope.speak(.stateless("2026-07-28"))
        let (data, headers) = envelope.wrap(Data(message.utf8))
        return (try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any]), headers)
    }

    private func meta(_ message: [String: Any]) -> [String: Any]? { (message["params"] as? [String: Any])?["_meta"] as? [String: Any] }

    @Test(arguments: [
        #"{"jsonrpc":"2.0","id":1,"method":"tools\/list"}"#,
        #"{"id":1,"method":"tools\/list","params":{},"jsonrpc":"2.0"}"#,
        #"{"params" : { "cursor" : "c{]\"" } , "method":"tools/list","id":"a"}"#,
    ]) func everyShapeOfParamsGetsTheEnvelope(message: String) throws {
        let (sent, headers) = try wrapped(message)
        #expect(meta(sent)?["io.modelcontextprotocol/protocolVersion"] as? String == "2026-07-28")
        #expect((meta(sent)?["io.modelcontextprotocol/clientInfo"] as? [String: Any])?["name"] as? String == "chattui")
        #expect(headers["Mcp-Method"] == "tools/list" && headers["MCP-Protocol-Version"] == "2026-07-28")
        let original = try #require(try JSONSerialization.jsonObject(with: Data(message.utf8)) as? [String: Any])
        #expect((sent["params"] as? [String: Any])?["cursor"] as? String == (original["params"] as? [String: Any])?["cursor"] as? String)
    }

    /// A `_meta` of the caller's own (a progress token) keeps its members beside ours.
    @Test func anExistingMetaIsExtended() throws {
        let (sent, headers) = try wrapped(#"{"jsonrpc":"2.0","id":7,"method":"tools\/call","params":{"_meta":{"progressToken":"p1"},"name":"na\u00efve \/ tool","arguments":{"name":"x"}}}"#)
        #expect(meta(sent)?["progressToken"] as? String == "p1")
        #expect(meta(sent)?["io.modelcontextprotocol/logLevel"] as? String == "debug")
        #expect(headers["Mcp-Name"] == "=?base64?" + Data("naïve / tool".utf8).base64EncodedString() + "?=")
        #expect(((sent["params"] as? [String: Any])?["arguments"] as? [String: Any])?["name"] as? String == "x")
    }

    /// Notifications carry the headers only; answers to the server pass untouched.
    @Test func notificationsAndAnswersAreNotEnveloped() throws {
        let cancel = #"{"jsonrpc":"2.0","method":"notifications\/cancelled","params":{"requestId":3}}"#
        let (sent, headers) = try wrapped(cancel)
        #expect(meta(sent) == nil && headers["Mcp-Method"] == "notifications/cancelled")
        var envelope = RequestEnvelope(client: ClientConfiguration())
        envelope.speak(.stateless("2026-07-28"))
        let answer = Data(#"{"jsonrpc":"2.0","id":3,"result":{}}"#.utf8)
        #expect(envelope.wrap(answer).data == answer)
    }
}
