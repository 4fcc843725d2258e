import ChatFeatures
import ConversationModel
import Foundation
import MCP
import MCPClient

/// The turn engine's tools, from the connectors the manager has ready.
public struct ConnectorToolHost: ToolHost {
    let manager: ConnectorManager
    /// How long a turn waits for connectors that are still starting before going without them.
    var startupGrace: Duration = .seconds(10)
    /// MCP Apps views, read once per connector and address.
    var views = ViewCache()
    /// Calls come from the person (card actions, `/task`), not a model.
    var byPerson = false
    /// The connectors worth waiting for (on, or on demand, in the conversation); nil waits for all.
    var waitsFor: Set<String>?
    /// Told which connectors a turn waits for, so the person sees why it has not answered yet.
    var onWaiting: (@Sendable ([String]) -> Void)?

    public func tools() async -> [CatalogTool] {
        let starting = await manager.connecting(among: waitsFor)
        if !starting.isEmpty {
            onWaiting?(starting)
            await manager.settled(within: startupGrace, among: waitsFor)
        }
        return await manager.tools().filter { $0.isVisibleToModel && ConnectorReport.hiddenReason($0) == nil }.map(Self.catalogTool)
    }

    static func catalogTool(_ tool: ConnectorTool) -> CatalogTool {
        let schema = JSONValue.converting(tool.tool.inputSchema) ?? .object(["type": .string("object")])
        let description = tool.tool.description ?? tool.title
        return CatalogTool(definition: ToolDefinition(name: tool.id, description: description, inputSchema: schema),
                           connector: tool.connector, title: tool.title, isReadOnly: tool.isReadOnly,
                           isDestructive: tool.isDestructive, tokenCost: ConnectorReport.estimatedTokens(tool.tool),
                           isVerified: tool.isConnectorTrusted)
    }

    public func call(_ call: ToolCall, progress: @escaping @Sendable (Double, Double?, String?) -> Void) async -> ToolResult {
        let tool = await manager.tools().first { $0.id == call.name }
        var card = tool.map { presentation(of: call, tool: $0) }
        // Arguments that cannot be passed on as they are refuse the call: never run it with none.
        guard let object = call.arguments.objectValue, let arguments = Value.converting(JSONValue.object(object))?.objectValue else {
            return ToolResult(callID: call.id, content: "Not run: the arguments must be a JSON object.", isError: true, presentation: card)
        }
        do {
            let result = try await manager.callTool(id: call.name, arguments: arguments, onProgress: progress)
            card?.attachments += ViewCache.attachments(of: result)
            if let tool, let view = await views.view(of: tool, manager: manager) {
                card?.attachments.insert(view, at: 0)
            }
            return ToolResult(callID: call.id, content: Self.text(of: result), isError: result.isError ?? false,
                              structured: result.structuredContent.flatMap(JSONValue.converting), presentation: card)
        } catch is CancellationError {
            return ToolResult(callID: call.id, content: "Cancelled by the person.", isError: true, presentation: card)
        } catch {
            return ToolResult(callID: call.id, content: "The call failed: \(error)", isError: true, presentation: card)
        }
    }

    /// The call as its card names it.
    func presentation(of call: ToolCall, tool: ConnectorTool) -> ToolPresentation {
        ToolPresentation(tool: tool.id, connector: tool.connector, title: tool.title, arguments: call.arguments,
                                outputSchema: tool.tool.outputSchema.flatMap(JSONValue.converting), isReadOnly: tool.runsUnasked,
                                byPerson: byPerson)
    }

    /// A result as the model reads it: text blocks as they are, other content described.
    static func text(of result: CallTool.Result) -> String {
        var parts: [String] = result.content.map { content in
            switch content {
            case .text(let text, _, _): return text
            case .image(_, let mimeType, _, _): return ResultAttachment.Placeholder.image(mimeType)
            case .audio(_, let mimeType, _, _): return ResultAttachment.Placeholder.audio(mimeType)
            case .resource(let resource, _, _) where resource.uri.hasPrefix("ui://"):
                return ResultAttachment.Placeholder.view(resource.uri)
            case .resource(let resource, _, _):
                return resource.text ?? ResultAttachment.Placeholder.resource(resource.uri)
            case .resourceLink(let uri, let name, let title, _, _, _):
                return ResultAttachment.Placeholder.link(title ?? name, uri)
            }
        }
        if parts.isEmpty, let structured = result.structuredContent.flatMap(JSONValue.converting) { parts.append(structured.jsonText) }
        return parts.joined(separator: "\n")
    }

    public init(manager: ConnectorManager, startupGrace: Duration = .seconds(10), views: ViewCache = ViewCache(), byPerson: Bool = false,
                waitsFor: Set<String>? = nil, onWaiting: (@Sendable ([String]) -> Void)? = nil) {
        self.manager = manager
        self.waitsFor = waitsFor
        self.onWaiting = onWaiting
        self.startupGrace = startupGrace
        self.views = views
        self.byPerson = byPerson
    }
}

extension JSONValue {
    /// The same value from the MCP SDK's `Value`, case by case (no JSON text in between);
    /// binary data becomes the data URL the SDK would write for it.
    static func converting(_ value: Value) -> JSONValue? {
        switch value {
        case .null: return .null
        case .bool(let value): return .bool(value)
        case .int(let value): return .number(Double(value))
        case .double(let value): return .number(value)
        case .string(let value): return .string(value)
        case .data(let mimeType, let data): return .string(data.dataURLEncoded(mimeType: mimeType))
        case .array(let values): return .array(values.compactMap(converting))
        case .object(let members): return .object(members.compactMapValues(converting))
        }
    }
}

extension Value {
    /// The SDK's `Value` for a `JSONValue`, case by case; a whole number is an `int`, as it reads from JSON.
    static func converting(_ value: JSONValue) -> Value? {
        switch value {
        case .null: return .null
        case .bool(let value): return .bool(value)
        case .number(let value): return value.rounded() == value && abs(value) < 1e15 ? .int(Int(value)) : .double(value)
        case .string(let value): return .string(value)
        case .array(let values): return .array(values.compactMap(converting))
        case .object(let members): return .object(members.compactMapValues(converting))
        }
    }
}
