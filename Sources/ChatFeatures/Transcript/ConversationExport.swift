import ConversationModel
import Foundation
import TerminalText

/// A conversation as Markdown, for `/export`.
public enum ConversationExport {
    /// The connectors whose content (tool calls, results, attached resources) the messages hold.
    public static func connectors(in messages: [Message]) -> [String] {
        var names = Set<String>()
        let blocks = messages.flatMap(\.blocks)
        let callIDs = Set(blocks.compactMap { $0.kind == .toolCall ? $0.decoded(ToolCall.self)?.id : nil })
        for block in blocks {
            switch block.kind {
            case .toolCall: if let call = block.decoded(ToolCall.self) { names.insert(connector(of: call.name)) }
            case .toolResult:
                // A result names its connector; one whose call is here is named by that call.
                let result = block.decoded(ToolResult.self)
                if let connector = result?.presentation?.connector { names.insert(connector) }
                else if result.map({ !callIDs.contains($0.callID) }) ?? true { names.insert("a connector") }
            case .resource: names.insert(block.decoded([String: String?].self)?["connector"].flatMap { $0 } ?? "a connector")
            default: break
            }
        }
        if names.count > 1 { names.remove("a connector") }
        return names.sorted()
    }

    static func connector(of toolID: String) -> String {
        ToolID.parts(of: toolID).connector ?? toolID
    }

    public static func markdown(_ conversation: Conversation, messages: [Message], now: Date = Date()) -> String {
        var output = "# \(clean(conversation.title))\n\n_Exported from chattui on \(ISO8601DateFormatter().string(from: now))._\n"
        for message in messages {
            let time = ISO8601DateFormatter().string(from: message.createdAt)
            switch message.role {
            case .user: output += "\n## You · \(time)\n\n"
            case .assistant: output += "\n## Assistant · \(time)\n\n"
            case .tool, .notice: output += "\n"
            }
            output += markdown(of: message)
        }
        return output
    }

    /// One message's content as `/export` writes it (what `/copy` copies).
    static func markdown(of message: Message) -> String {
        var output = ""
        for block in message.blocks {
            switch block.kind {
            case .text: output += clean(block.text) + "\n\n"
            case .notice: output += "> " + clean(block.text).replacingOccurrences(of: "\n", with: "\n> ") + "\n\n"
            case .toolCall:
                let call = block.decoded(ToolCall.self)
                output += "**Tool call** `\(clean(call?.name ?? block.text))` \(call.map { "`" + clean($0.arguments.jsonText) + "`" } ?? "")\n\n"
            case .toolResult:
                let result = block.decoded(ToolResult.self)
                output += (result?.isError == true ? "**Tool error**\n\n" : "**Tool result**\n\n") + fence(clean(result?.content ?? block.text))
            case .resource:
                output += "**Attached resource**\n\n" + fence(clean(block.text))
            default:
                if !block.text.isEmpty { output += "_\(clean(block.text))_\n\n" }
            }
        }
        if message.status == .interrupted { output += "_(interrupted)_\n\n" }
        return output
    }

    /// Text without control characters or escape sequences, newlines kept.
    private static func clean(_ text: String) -> String { Sanitizer.clean(text) }

    /// A fenced block long enough that the content cannot close it.
    private static func fence(_ text: String) -> String {
        var ticks = "```"
        while text.contains(ticks) { ticks += "`" }
        return "\(ticks)\n\(text)\n\(ticks)\n\n"
    }

    /// `conversation-title.md` in the working directory, numbered when it exists.
    public static func defaultPath(for conversation: Conversation, in directory: String) -> String {
        let slug = conversation.title.lowercased().map { $0.isLetter || $0.isNumber ? $0 : "-" }
            .reduce(into: "") { result, character in if !(character == "-" && result.hasSuffix("-")) { result.append(character) } }
            .trimmingCharacters(in: CharacterSet(charactersIn: "-"))
        let base = (directory as NSString).appendingPathComponent(slug.isEmpty ? "conversation" : String(slug.prefix(60)))
        var path = base + ".md"
        var number = 2
        while FileManager.default.fileExists(atPath: path) {
            path = "\(base)-\(number).md"
            number += 1
        }
        return path
    }
}
