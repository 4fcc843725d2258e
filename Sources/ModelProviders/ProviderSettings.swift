import ConversationModel
import Foundation

/// One configured model API.
public struct ProviderSettings: Sendable, Equatable {
    public enum Kind: String, Sendable, Equatable, CaseIterable {
        /// The Anthropic Messages API.
        case anthropic
        /// OpenAI-compatible Chat Completions: OpenAI, Ollama, llama.cpp, vLLM, LM Studio, OpenRouter.
        case openai
    }

    /// The name models are chosen by: `name/model`.
    public var name: String
    public var kind: Kind
    /// For Anthropic the host (`https://api.anthropic.com`); for OpenAI-compatible APIs the
    /// prefix before `/chat/completions` (`https://api.openai.com/v1`).
    public var baseURL: URL
    public var apiKey: String?
    /// Models offered in `/model` before asking the provider.
    public var models: [String]
    /// Tokens the provider's models can read, for the tool budget.
    public var contextWindow: Int
    public var extraHeaders: [String: String]

    public init(name: String, kind: Kind, baseURL: URL, apiKey: String?, models: [String] = [], contextWindow: Int? = nil,
                extraHeaders: [String: String] = [:]) {
        self.name = name
        self.kind = kind
        self.baseURL = baseURL
        self.apiKey = apiKey
        self.models = models
        self.contextWindow = contextWindow ?? (kind == .anthropic ? 200_000 : 128_000)
        self.extraHeaders = extraHeaders
    }

    /// The providers the environment names: `ANTHROPIC_API_KEY` (and `ANTHROPIC_BASE_URL`),
    /// `OPENAI_BASE_URL` and/or `OPENAI_API_KEY` (a local server needs no key; `OPENAI_MODEL` names its model).
    public static func fromEnvironment(_ environment: [String: String]) -> [ProviderSettings] {
        var providers: [ProviderSettings] = []
        func value(_ key: String) -> String? { environment[key].flatMap { $0.isEmpty ? nil : $0 } }
        let anthropicBase = value("ANTHROPIC_BASE_URL").flatMap(URL.init(string:))
        if value("ANTHROPIC_API_KEY") != nil || anthropicBase != nil {
            providers.append(ProviderSettings(
                name: "anthropic", kind: .anthropic, baseURL: anthropicBase ?? URL(string: "https://api.anthropic.com")!,
                apiKey: value("ANTHROPIC_API_KEY"), models: [value("ANTHROPIC_MODEL") ?? "claude-sonnet-4-5"]))
        }
        let openAIBase = value("OPENAI_BASE_URL").flatMap(URL.init(string:))
        if value("OPENAI_API_KEY") != nil || openAIBase != nil {
            providers.append(ProviderSettings(
                name: "openai", kind: .openai, baseURL: openAIBase ?? URL(string: "https://api.openai.com/v1")!,
                apiKey: value("OPENAI_API_KEY"), models: value("OPENAI_MODEL").map { [$0] } ?? []))
        }
        return providers
    }

    public func makeProvider() -> any ModelProvider {
        switch kind {
        case .anthropic: return AnthropicProvider(settings: self)
        case .openai: return OpenAIProvider(settings: self)
        }
    }
}

/// A `provider/model` name split in two.
public struct ModelChoice: Sendable, Equatable, CustomStringConvertible {
    public var provider: String
    public var model: String

    public init(provider: String, model: String) {
        self.provider = provider
        self.model = model
    }

    /// Parses `provider/model`; a model name may itself contain slashes (OpenRouter's do).
    public init?(_ text: String) {
        guard let slash = text.firstIndex(of: "/") else { return nil }
        provider = String(text[..<slash])
        model = String(text[text.index(after: slash)...])
        guard !provider.isEmpty, !model.isEmpty else { return nil }
    }

    public var description: String { "\(provider)/\(model)" }
}
