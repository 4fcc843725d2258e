import Foundation
import MCP

/// A connector's tool as the rest of the app sees it: a stable id a model API
/// accepts, the annotations with the specification's defaults filled in, and
/// what its `_meta` says about UI.
public struct ConnectorTool: Sendable, Equatable {
    public let id: String
    public let connector: String
    public let tool: Tool
    /// Its natural id was taken by another tool, so a suffix was added.
    public var isRenamedForClash = false
    /// The person trusts its connector, so the annotations are believed.
    public var isConnectorTrusted = false

    /// The specification's defaults: a tool is assumed to write, destructively,
    /// not idempotently, to an open world, unless it says otherwise.
    /// A tool that says both "read-only" and "destructive" is taken at its worse word.
    public var isReadOnly: Bool { (tool.annotations.readOnlyHint ?? false) && tool.annotations.destructiveHint != true }
    public var isDestructive: Bool { !isReadOnly && (tool.annotations.destructiveHint ?? true) }
    public var isIdempotent: Bool { tool.annotations.idempotentHint ?? false }
    public var isOpenWorld: Bool { tool.annotations.openWorldHint ?? true }
    public var title: String { tool.title ?? tool.annotations.title ?? tool.name }
    /// Runs without asking: it says it only reads, and the person trusts its connector to say so.
    public var runsUnasked: Bool { isReadOnly && isConnectorTrusted }

    /// The MCP Apps view, from `_meta.ui.resourceUri` or the older `_meta["ui/resourceUri"]`.
    public var uiResourceURI: String? {
        guard let meta = tool._meta else { return nil }
        if case .object(let ui)? = meta["ui"], case .string(let uri)? = ui["resourceUri"] { return uri }
        if case .string(let uri)? = meta["ui/resourceUri"] { return uri }
        return nil
    }

    /// Who may call it: `model`, `app`, or both (the default).
    public var visibility: Set<String> {
        guard let meta = tool._meta, case .object(let ui)? = meta["ui"], case .array(let values)? = ui["visibility"] else {
            return ["model", "app"]
        }
        return Set(values.compactMap { if case .string(let value) = $0 { return value } else { return nil } })
    }

    public var isVisibleToModel: Bool { visibility.contains("model") }
}

/// Ids for tools across connectors: `connector__tool`, only `[A-Za-z0-9_-]`,
/// at most 64 characters, the same ids for the same tools whatever order they
/// arrive in, and distinct even when sanitising or cutting makes two alike.
public enum ToolNamespace {
    public static let maximumLength = 64

    public static func assign(_ tools: [(connector: String, tool: Tool)]) -> [ConnectorTool] {
        let ordered = tools.sorted { ($0.connector, $0.tool.name) < ($1.connector, $1.tool.name) }
        var taken = Set<String>()
        return ordered.map { entry in
            var id = baseID(connector: entry.connector, tool: entry.tool.name)
            var suffix = 2
            while taken.contains(id) {
                let tail = "_\(suffix)"
                id = String(baseID(connector: entry.connector, tool: entry.tool.name).prefix(maximumLength - tail.count)) + tail
                suffix += 1
            }
            taken.insert(id)
            var assigned = ConnectorTool(id: id, connector: entry.connector, tool: entry.tool)
            assigned.isRenamedForClash = suffix > 2
            return assigned
        }
    }

    static func baseID(connector: String, tool: String) -> String {
        let full = sanitise(connector) + "__" + sanitise(tool)
        guard full.count > maximumLength else { return full }
        // Cut, keeping a short hash of the whole so long names stay distinct.
        let hash = String(fnv1a(connector + "\u{0}" + tool), radix: 16).prefix(8)
        return String(full.prefix(maximumLength - 9)) + "_" + hash
    }

    static func sanitise(_ name: String) -> String {
        let cleaned = String(name.unicodeScalars.map { scalar -> Character in
            (scalar.isASCII && (CharacterSet.alphanumerics.contains(scalar) || scalar == "_" || scalar == "-")) ? Character(scalar) : "_"
        })
        return cleaned.isEmpty ? "_" : cleaned
    }

    /// A stable 64-bit hash (Swift's `hashValue` changes between runs).
    static func fnv1a(_ text: String) -> UInt64 {
        text.utf8.reduce(0xcbf2_9ce4_8422_2325) { ($0 ^ UInt64($1)) &* 0x100_0000_01b3 }
    }
}
