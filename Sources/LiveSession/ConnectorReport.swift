import ChatFeatures
import Foundation
import MCP
import MCPClient
import TerminalText

/// What `chattui mcp inspect` prints: the negotiated session, every tool with
/// its annotations and an estimate of its definition's size in tokens, the
/// resources and prompts, and the tools a model would not be offered, with why.
public struct ConnectorReport {
    let name: String
    let snapshot: ServerSnapshot
    let tools: [ConnectorTool]

    /// About four characters a token for JSON; an estimate, said to be one.
    static func estimatedTokens(_ tool: Tool) -> Int {
        let data = (try? JSONEncoder().encode(tool)) ?? Data()
        return max(1, data.count / 4)
    }

    /// Why the model would not see a tool as it is, if it would not.
    static func hiddenReason(_ tool: ConnectorTool) -> String? {
        if !tool.isVisibleToModel { return "app-only (_meta.ui.visibility)" }
        guard case .object(let schema) = tool.tool.inputSchema, schema["type"] == .string("object") else {
            return "invalid input schema (not a JSON Schema object)"
        }
        return tool.isRenamedForClash ? "name clash: offered as \(tool.id)" : nil
    }

    /// One line each; a value a server sent stays on its line however it breaks (CR, U+2028).
    public var lines: [String] {
        var lines: [String] = []
        lines.append("\(name): \(snapshot.serverName) \(snapshot.serverVersion)")
        lines.append("  Protocol: \(snapshot.era)")
        var capabilities: [String] = []
        if snapshot.capabilities.tools != nil { capabilities.append("tools") }
        if snapshot.capabilities.resources != nil { capabilities.append("resources") }
        if snapshot.capabilities.prompts != nil { capabilities.append("prompts") }
        if snapshot.capabilities.logging != nil { capabilities.append("logging") }
        if snapshot.capabilities.completions != nil { capabilities.append("completions") }
        lines.append("  Capabilities: \(capabilities.joined(separator: ", "))")
        if let instructions = snapshot.instructions, !instructions.isEmpty { lines.append("  Instructions: \(instructions)") }
        let total = tools.map { Self.estimatedTokens($0.tool) }.reduce(0, +)
        lines.append("  Tools (\(tools.count), about \(counted(total, "token"))):")
        for tool in tools {
            var flags = [tool.isReadOnly ? "read-only" : tool.isDestructive ? "destructive" : "write"]
            if tool.isIdempotent { flags.append("idempotent") }
            if !tool.isOpenWorld { flags.append("closed-world") }
            if let uri = tool.uiResourceURI { flags.append("ui \(uri)") }
            lines.append("    \(tool.id)  [\(flags.joined(separator: ", "))]  ~\(Self.estimatedTokens(tool.tool)) tokens")
            if let description = tool.tool.description?.split(whereSeparator: \.isNewline).first { lines.append("      \(description)") }
        }
        lines.append("  Resources (\(snapshot.resources.count)): \(snapshot.resources.map(\.uri).joined(separator: ", "))")
        lines.append("  Resource templates (\(snapshot.resourceTemplates.count)): \(snapshot.resourceTemplates.map(\.uriTemplate).joined(separator: ", "))")
        lines.append("  Prompts (\(snapshot.prompts.count)): \(snapshot.prompts.map(\.name).joined(separator: ", "))")
        let hidden = tools.compactMap { tool in Self.hiddenReason(tool).map { "    \(tool.tool.name): \($0)" } }
        lines.append("  Not offered to the model (\(hidden.count))" + (hidden.isEmpty ? "" : ":"))
        lines += hidden
        return lines.map(Sanitizer.line)
    }

    public init(name: String, snapshot: ServerSnapshot, tools: [ConnectorTool]) {
        self.name = name
        self.snapshot = snapshot
        self.tools = tools
    }
}
