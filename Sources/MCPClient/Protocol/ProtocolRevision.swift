import Foundation
import MCP
import TerminalText

/// The two eras of MCP a connection can speak. 2026-07-28 is stateless: no
/// handshake, every request carries the protocol version, the client and its
/// capabilities in `_meta`, and a server's questions come back in results
/// (`input_required`) instead of as requests of its own.
public enum ProtocolEra: Sendable, Equatable, CustomStringConvertible {
    /// `initialize` settled this revision (2025-11-25 or older).
    case handshake(String)
    /// `server/discover` settled this revision (2026-07-28 or newer).
    case stateless(String)

    public static let statelessRevisions = ["2026-07-28"]
    public static var latestStateless: String { statelessRevisions[statelessRevisions.count - 1] }
    /// The JSON-RPC error a 2026-07-28 server refuses a revision with (UnsupportedProtocolVersion).
    static let unsupportedRevisionCode = -32022

    /// Every revision chattui speaks, newest first: the handshake's and the stateless ones.
    static var spoken: [String] { (Version.supported.union(statelessRevisions)).sorted(by: >) }

    /// Why a server that answered with `revision` is not spoken to.
    static func refusal(of revision: String) -> String {
        "the server speaks MCP \(Sanitizer.line(String(revision.prefix(40)))), which chattui does not (it speaks \(spoken.joined(separator: ", ")))"
    }

    public var revision: String {
        switch self { case .handshake(let version), .stateless(let version): return version }
    }

    public var isStateless: Bool { if case .stateless = self { true } else { false } }

    /// The revision and how it was settled, as `mcp inspect`, `doctor` and the details show it.
    public var description: String {
        switch self {
        case .handshake(let version): return "\(version) (initialize)"
        case .stateless(let version): return "\(version) (server/discover)"
        }
    }
}

/// Who we are to a server, and what we can do; one owner for both eras'
/// capability declarations (`initialize` and every stateless request's `_meta`).
public struct ClientConfiguration: Sendable {
    public var name = "chattui"
    public var title = "chattui"
    public var version = "0.1.0"
    /// Whether a view engine runs MCP Apps views (`text/html;profile=mcp-app`).
    /// Only then is the MCP Apps extension declared; today views are read as text.
    public var viewEngine = false
    /// The folders a server may ask about (`roots/list`) besides the working directory: the Files built-in's.
    public var roots: [URL] = []
    /// The least severe server log message wanted (to the connector's log). The
    /// handshake era sets no level, so servers send all; 2026-07-28 sends none
    /// unless each request asks (`_meta`), so it asks for all.
    public var logLevel = "debug"
    /// Whether `sampling` and `elicitation` are declared: set by the connection,
    /// which knows whether it has a handler (`-p` has no one to answer a form).
    var declaresSampling = false
    var declaresElicitation = false
    /// Whether to try 2026-07-28 (`server/discover`) before `initialize`; off speaks only the handshake era.
    public var probesStateless = true

    public init(viewEngine: Bool = false, roots: [URL] = [], probesStateless: Bool = true) {
        self.viewEngine = viewEngine
        self.roots = roots
        self.probesStateless = probesStateless
    }

    /// What `roots/list` answers, in either era: the working directory, then `roots`, each once.
    public func rootList() -> [Root] {
        var seen = Set<String>()
        return ([URL(fileURLWithPath: FileManager.default.currentDirectoryPath)] + roots)
            .map { URL(fileURLWithPath: $0.standardizedFileURL.path, isDirectory: true) }
            .filter { seen.insert($0.path).inserted }
            .map { Root(uri: $0.absoluteString, name: $0.lastPathComponent) }
    }

    public var info: [String: Any] { ["name": name, "title": title, "version": version] }

    /// Our capabilities as JSON (the SDK's capability type holds no object-valued
    /// extensions). Roots are deprecated by 2026-07-28 but still asked for there
    /// (`input_required`), so they are declared in both eras; `listChanged` only
    /// where a session could carry the notification (the handshake era).
    public func capabilities(stateless: Bool) -> [String: Any] {
        let roots: [String: Any] = stateless ? [:] : ["listChanged": true]
        var capabilities: [String: Any] = ["roots": roots]
        if declaresElicitation { capabilities["elicitation"] = ["form": [String: Any](), "url": [String: Any]()] }
        if declaresSampling { capabilities["sampling"] = [String: Any]() }
        if viewEngine {
            let apps = ["mimeTypes": ["text/html;profile=mcp-app"]]
            capabilities["extensions"] = ["io.modelcontextprotocol/ui": apps]
            capabilities["experimental"] = ["io.modelcontextprotocol/ui": apps]
        }
        return capabilities
    }
}

/// `server/discover` (2026-07-28): what a stateless server speaks and offers.
enum Discover: MCP.Method {
    static let name = "server/discover"
    typealias Parameters = Empty

    struct Result: Codable, Hashable, Sendable {
        var supportedVersions: [String]
        var capabilities: Server.Capabilities
        var instructions: String?
        var _meta: [String: Value]?

        /// The server's self-description, from `_meta` (display only).
        var serverInfo: (name: String, version: String) {
            let info = _meta?["io.modelcontextprotocol/serverInfo"]?.objectValue
            return (info?["name"]?.stringValue ?? "", info?["version"]?.stringValue ?? "")
        }
    }
}
