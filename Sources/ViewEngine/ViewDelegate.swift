import Foundation
import MCP
import ToolCards

/// What the interface does for a live view: the view's requests arrive here after the library's own
/// rules (only its own connector's tools, only those open to apps) have let them through. The host
/// applies approval, confirmation and the person's choices. Every string in a request is the view's.
public protocol LiveViewDelegate: AnyObject, Sendable {
    /// `tools/call` on the view's own connector; answers with the `CallToolResult` as JSON.
    func liveView(_ view: LiveView, callTool name: String, arguments: [String: Value]) async throws -> Value
    /// `resources/read` on the view's own connector; answers with the `ReadResourceResult` as JSON.
    func liveView(_ view: LiveView, readResource uri: String) async throws -> Value
    /// `ui/message`: the person's next message, in the composer or sent; false when refused.
    func liveView(_ view: LiveView, sendMessage role: String, content: [Value]) async -> Bool
    /// `ui/open-link`, through the same confirmation as links in cards; false when refused.
    func liveView(_ view: LiveView, openLink url: String) async -> Bool
    /// `ui/update-model-context`: the latest replaces the last, added to the next model request.
    func liveView(_ view: LiveView, updateModelContext context: Value)
    /// `ui/notifications/size-changed` (in CSS pixels).
    func liveView(_ view: LiveView, sizeChanged width: Int?, height: Int?)
    /// The view's `notifications/message` and the engine's notes (refused requests), for the connector's log.
    func liveView(_ view: LiveView, log level: String, message: String)
    /// The view's text changed: redraw the card.
    func liveView(_ view: LiveView, didRedraw text: LiveViewText)
    /// The view stopped (its browser crashed or hung): fall back to the static card and say why.
    func liveView(_ view: LiveView, didFail reason: String)
}

/// What `ui/initialize` tells the view about chattui.
public struct HostContext: Sendable, Equatable {
    public var theme: String
    /// CSS variables from chattui's palette (`--color-background-primary`: `#1e1e2e`, …).
    public var styleVariables: [String: String]
    /// The card's width in terminal cells; the view gets it in CSS pixels.
    public var widthCells: Int
    public var locale: String
    public var timeZone: String

    public init(theme: String = "dark", styleVariables: [String: String] = [:], widthCells: Int = 80,
                locale: String = Locale.current.identifier.replacingOccurrences(of: "_", with: "-"),
                timeZone: String = TimeZone.current.identifier) {
        self.theme = theme
        self.styleVariables = styleVariables
        self.widthCells = widthCells
        self.locale = locale
        self.timeZone = timeZone
    }

    /// One cell is about eight CSS pixels wide.
    public var widthPixels: Int { max(320, min(1920, widthCells * 8)) }
    static let heightPixels = 800

    var json: Value {
        .object([
            "theme": .string(theme == "light" ? "light" : "dark"),
            "styles": .object(["variables": .object(styleVariables.mapValues { .string($0) })]),
            "displayMode": "inline",
            "availableDisplayModes": .array(["inline"]),
            "containerDimensions": .object(["width": .int(widthPixels), "maxHeight": .int(Self.heightPixels * 4)]),
            "locale": .string(locale),
            "timeZone": .string(timeZone),
            "platform": "desktop",
            "userAgent": "chattui",
        ])
    }
}

/// Which tools a view may call and which the model may: `_meta.ui.visibility`, `["model", "app"]`
/// when absent. Kept here so no caller can forget it.
public enum AppToolVisibility {
    public static func visibility(toolMeta: Value?) -> Set<String> {
        guard let listed = toolMeta?.objectValue?["ui"]?.objectValue?["visibility"]?.arrayValue else { return ["model", "app"] }
        return Set(listed.compactMap(\.stringValue))
    }

    public static func visibility(of tool: Tool) -> Set<String> { visibility(toolMeta: tool._meta.map { .object($0.fields) }) }
    public static func isOpenToApps(_ tool: Tool) -> Bool { visibility(of: tool).contains("app") }
    public static func isOpenToModel(_ tool: Tool) -> Bool { visibility(of: tool).contains("model") }

    public static func isOpenToApps(toolMeta: Value?) -> Bool { visibility(toolMeta: toolMeta).contains("app") }
    public static func isOpenToModel(toolMeta: Value?) -> Bool { visibility(toolMeta: toolMeta).contains("model") }
}
