import Foundation
import MCP
import TerminalText

/// What was wrong with a message a server sent, in plain words: where in it
/// (`content[0]`), and what (`has no type`), never the decoder's dump.
enum MalformedMessage {
    /// `within`: the member the decoded value was taken from (`params`), when it was not the whole message.
    static func reason(_ error: DecodingError, within member: String? = nil) -> String {
        let place = { (path: [any CodingKey]) in Self.place((member.map { [AnyKey($0)] } ?? []) + path) }
        let text: String
        switch error {
        case .keyNotFound(let key, let context): text = "\(place(context.codingPath)) has no \(key.stringValue)"
        case .valueNotFound(_, let context): text = "\(place(context.codingPath)) is empty"
        case .typeMismatch(let type, let context): text = "\(place(context.codingPath)) is not \(kind(type))"
        case .dataCorrupted(let context): text = "\(place(context.codingPath)) is not valid (\(context.debugDescription))"
        @unknown default: text = "it could not be read"
        }
        // The path and the decoder's words can quote the server.
        let line = Sanitizer.line(text)
        return line.count > 200 ? String(line.prefix(199)) + "…" : line
    }

    /// `tools[0].inputSchema`, without the envelope's `result`; "the answer" for the whole of it.
    private static func place(_ path: [any CodingKey]) -> String {
        let inside = path.first?.stringValue == "result" ? Array(path.dropFirst()) : path
        guard !inside.isEmpty else { return "the answer" }
        return inside.enumerated().map { offset, key in
            if let index = key.intValue { return "[\(index)]" }
            return offset == 0 ? key.stringValue : ".\(key.stringValue)"
        }.joined()
    }

    private struct AnyKey: CodingKey {
        let stringValue: String
        var intValue: Int? { nil }
        init(_ name: String) { stringValue = name }
        init?(stringValue: String) { self.init(stringValue) }
        init?(intValue: Int) { nil }
    }

    private static func kind(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: return "text"
        case is Bool.Type: return "true or false"
        case is Int.Type, is Double.Type: return "a number"
        case is [Any].Type: return "a list"
        default: return "an object"
        }
    }
}

/// `tools/list`, read one tool at a time: a malformed tool is left out, with
/// why, instead of failing the whole list (and the connector with it).
enum ToolListing: MCP.Method {
    static let name = ListTools.name
    typealias Parameters = ListTools.Parameters

    struct Result: Codable, Hashable, Sendable {
        var tools: [Tool]
        var nextCursor: String?
        /// One line per tool left out.
        var leftOut: [String]

        private enum CodingKeys: String, CodingKey { case tools, nextCursor }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            nextCursor = try container.decodeIfPresent(String.self, forKey: .nextCursor)
            var list = try container.nestedUnkeyedContainer(forKey: .tools)
            (tools, leftOut) = ([], [])
            while !list.isAtEnd {
                let index = list.currentIndex
                do {
                    tools.append(try list.decode(Tool.self))
                } catch let error as DecodingError {
                    // A failed element is not consumed: read it as a plain value to move past it and find its name.
                    let name = try list.decode(Value.self).objectValue?["name"]?.stringValue.map { String($0.prefix(64)) }
                    leftOut.append("tool \(name ?? "tools[\(index)]") left out: \(MalformedMessage.reason(error))")
                }
            }
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(tools, forKey: .tools)
            try container.encodeIfPresent(nextCursor, forKey: .nextCursor)
        }
    }
}
