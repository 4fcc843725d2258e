import ChatFeatures
import ConnectorRegistry
import ConversationModel
import Foundation
import MCPClient
import ModelProviders
import TOMLKit
import TerminalUI

/// Which models can answer and how turns run: `$XDG_CONFIG_HOME/chattui/config.toml`
/// plus the providers the environment names.
///
///     model = "anthropic/claude-sonnet-4-5"    # the default for new conversations
///     ask_every_call = false                   # true: read-only tools ask too
///     tool_budget_percent = 10                 # Auto tool access: share of the context window
///     step_limit = 25
///     system_prompt = "…"
///
///     [oauth]
///     client_metadata_url = "https://…"        # the client ID metadata document connectors' sign-ins use
///
///     [keys]                                   # the composer's keys: key = command name (as in /help)
///     "ctrl-n" = "task"
///     [keys.connectors]                        # another layer's (its name as /help's titles say)
///     "T" = "trust"
///
///     [providers.ollama]
///     kind = "openai"                          # or "anthropic"
///     base_url = "http://127.0.0.1:11434/v1"
///     api_key_env = "OLLAMA_API_KEY"           # optional
///     models = ["llama3.2"]
///     context_window = 32768
public struct ModelSetup: Sendable {
    public var providers: [ProviderSettings] = []
    /// `provider/model` from `CHATTUI_MODEL` or the file.
    var configuredDefault: String?
    var askEveryCall = false
    var toolBudgetPercent = 10
    var stepLimit = 25
    var systemPrompt: String?
    /// `directory`: a connectors catalogue file or URL to use instead of the shipped one.
    public var directory: String?
    /// `registry = "URL"` (another MCP registry) or `registry = false`; nil: the official one.
    public var registry: RegistrySource.Setting?
    /// `native_tool_search`: force Anthropic's own tool search on or off; nil decides by model.
    var nativeToolSearch: Bool?
    /// `[oauth] client_metadata_url`: the client ID metadata document a connector's sign-in uses unless it names its own.
    var clientMetadataURL: String?
    /// The keymap with config.toml's `[keys]` applied.
    public var keymap = Keymap.standard
    /// `browser`: the headless browser that runs live views (`CHATTUI_BROWSER` overrides it).
    var browser: String?
    /// `view_deadline`: seconds a live view has to draw before its card shows the result instead
    /// (`CHATTUI_VIEW_DEADLINE` overrides it); a slow machine needs more than the default.
    var viewDeadline = ModelSetup.defaultViewDeadline
    static let defaultViewDeadline = 10
    static let viewDeadlines = 1...120
    /// What was wrong with the file, for the status line.
    public var problems: [String] = []

    static let defaultSystemPrompt = """
        You are a helpful assistant in chattui, a terminal chat client. Answers are shown in a terminal \
        and may use Markdown. Tools come from the connectors (MCP servers) the person turned on; \
        use them when they help, and say what you did.
        """

    public static func load(configDirectory: URL, environment: [String: String]) -> ModelSetup {
        var setup = ModelSetup()
        setup.providers = ProviderSettings.fromEnvironment(environment)
        let file = configDirectory.appendingPathComponent("config.toml")
        if FileManager.default.fileExists(atPath: file.path) {
            do {
                setup.read(try String(contentsOf: file, encoding: .utf8), file: file.path, environment: environment)
            } catch {
                // Settings that could not be read might have asked for more caution: assume they did.
                setup.askEveryCall = true
                setup.problems.append("\(file.path) cannot be read (\(error.localizedDescription)); every tool call asks until it can")
            }
        }
        if let model = environment["CHATTUI_MODEL"], !model.isEmpty { setup.configuredDefault = model }
        if let deadline = environment["CHATTUI_VIEW_DEADLINE"], !deadline.isEmpty {
            setup.setViewDeadline(Int(deadline), named: "CHATTUI_VIEW_DEADLINE")
        }
        return setup
    }

    /// A deadline out of range or not a number is said and the default kept.
    private mutating func setViewDeadline(_ seconds: Int?, named source: String) {
        guard let seconds, Self.viewDeadlines.contains(seconds) else {
            problems.append("\(source) must be a number of seconds from \(Self.viewDeadlines.lowerBound) to \(Self.viewDeadlines.upperBound) (\(viewDeadline) is used)")
            return
        }
        viewDeadline = seconds
    }

    /// `[keys]`'s strings bind the composer's keys; its tables (`[keys.connectors]`) another layer's.
    private static func rebindings(_ keys: TOMLValueConvertible) -> [Keymap.Rebinding] {
        guard let table = keys.table else { return [Keymap.Rebinding(layer: "composer", key: "", command: "")] }
        return table.keys.sorted().flatMap { name -> [Keymap.Rebinding] in
            if let command = table[name]?.string { return [Keymap.Rebinding(layer: "composer", key: name, command: command)] }
            guard let layer = table[name]?.table else { return [Keymap.Rebinding(layer: "composer", key: name, command: "")] }
            return layer.keys.sorted().map { Keymap.Rebinding(layer: name, key: $0, command: layer[$0]?.string ?? "") }
        }
    }

    private mutating func read(_ text: String, file: String, environment: [String: String]) {
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            askEveryCall = true
            problems.append("\(file):\(error.source.begin.line): \(error.description) (every tool call asks until it is fixed)")
            return
        } catch {
            askEveryCall = true
            problems.append("\(file): \(error) (every tool call asks until it is fixed)")
            return
        }
        configuredDefault = table["model"]?.string ?? configuredDefault
        askEveryCall = table["ask_every_call"]?.bool ?? askEveryCall
        toolBudgetPercent = table["tool_budget_percent"]?.int ?? toolBudgetPercent
        stepLimit = max(1, table["step_limit"]?.int ?? stepLimit)
        systemPrompt = table["system_prompt"]?.string
        nativeToolSearch = table["native_tool_search"]?.bool
        directory = table["directory"]?.string
        browser = table["browser"]?.string
        if table["view_deadline"] != nil { setViewDeadline(table["view_deadline"]?.int, named: "\(file): view_deadline") }
        if let address = table["registry"]?.string {
            registry = .address(address)
        } else if let enabled = table["registry"]?.bool {
            registry = enabled ? nil : .off
        } else if table["registry"] != nil {
            registry = .off
            problems.append("\(file): registry must be an address or false (no registry is used until it is fixed)")
        }
        if let document = table["oauth"]?.table?["client_metadata_url"]?.string {
            if let problem = ServerConfiguration.OAuthClientSettings.problem(withClientMetadataURL: document) {
                problems.append("\(file): [oauth] client_metadata_url \(problem)")
            } else {
                clientMetadataURL = document
            }
        }
        if let keys = table["keys"] {
            let (rebound, issues) = Keymap.standard.rebinding(Self.rebindings(keys))
            keymap = rebound
            problems += issues.map { "\(file): \($0)" }
        }
        guard let declared = table["providers"]?.table else { return }
        for name in declared.keys.sorted() {
            guard let entry = declared[name]?.table else { continue }
            guard let kind = ProviderSettings.Kind(rawValue: entry["kind"]?.string ?? "openai") else {
                problems.append("\(file): provider \(name): kind must be \"anthropic\" or \"openai\"")
                continue
            }
            guard let base = entry["base_url"]?.string.flatMap(URL.init(string:)), base.scheme == "http" || base.scheme == "https" else {
                problems.append("\(file): provider \(name): base_url must be an http(s) URL")
                continue
            }
            let key = entry["api_key_env"]?.string.flatMap { environment[$0] }
            let models = entry["models"]?.array?.compactMap { $0.string } ?? []
            providers.removeAll { $0.name == name }
            providers.append(ProviderSettings(name: name, kind: kind, baseURL: base, apiKey: key, models: models,
                                              contextWindow: entry["context_window"]?.int))
        }
    }

    func provider(named name: String) -> ProviderSettings? { providers.first { $0.name == name } }

    /// How a connector's sign-in identifies chattui: its own `oauth` settings, the global client metadata document by default.
    public func signInClient(for connector: ServerConfiguration) -> OAuthFlow.ClientSettings {
        var client = connector.oauth ?? OAuthFlow.ClientSettings()
        if client.clientMetadataURL == nil { client.clientMetadataURL = clientMetadataURL }
        return client
    }

    public func settings(for model: ResolvedModel, conversation: Conversation, uses: [String: ConnectorUse]) -> TurnSettings {
        let window = model.provider.contextWindow
        let anthropic = model.provider.kind == .anthropic
        let choice = model.choice
        return TurnSettings(model: choice.model, system: systemPrompt ?? Self.defaultSystemPrompt, connectorUses: uses,
                            toolAccess: conversation.toolAccess, toolBudget: window * toolBudgetPercent / 100,
                            stepLimit: stepLimit, askForEveryCall: askEveryCall,
                            nativeToolSearch: anthropic && (nativeToolSearch ?? Self.supportsToolSearch(choice.model)))
    }

    /// Claude Opus and Sonnet from 4.5 on take the tool search tool (`claude-sonnet-4-5`, `claude-opus-4-5-20251101`, ...).
    static func supportsToolSearch(_ model: String) -> Bool {
        let parts = model.lowercased().split(separator: "-")
        guard let family = parts.firstIndex(where: { $0 == "opus" || $0 == "sonnet" }), family + 1 < parts.count,
              let major = Int(parts[family + 1]) else { return false }
        let minor = family + 2 < parts.count ? Int(parts[family + 2]).flatMap { $0 < 100 ? $0 : nil } ?? 0 : 0
        return (major, minor) >= (4, 5)
    }
}
