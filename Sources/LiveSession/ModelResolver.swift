import ChatFeatures
import ConversationModel
import Foundation
import ModelProviders
import Synchronization

/// A model that can answer: its `provider/model` name and the provider that serves it.
public struct ResolvedModel: Sendable, Equatable {
    public var choice: ModelChoice
    public var provider: ProviderSettings
}

/// Why no model can answer, said so the person can act on it.
public enum ModelProblem: Error, CustomStringConvertible {
    case noProvider
    /// No provider offers a model; each entry says why ("openai lists no models").
    case noDefault([String])
    case unknownProvider(String, name: String, known: [String])
    case unknownModel(String, known: [String])
    case ambiguous(String, choices: [String])

    public var description: String {
        switch self {
        case .noProvider:
            return "No model is configured. Set ANTHROPIC_API_KEY, or OPENAI_BASE_URL for a local server, or add [providers.NAME] to config.toml."
        case .noDefault(let reasons):
            return "No model to use: " + reasons.joined(separator: "; ") + ". Name one with `model` in config.toml, CHATTUI_MODEL or /model."
        case .unknownProvider(let provider, let name, let known):
            return "No provider named \"\(provider)\" for model \"\(name)\"; configured: \(known.joined(separator: ", "))."
        case .unknownModel(let name, let known):
            return "No configured provider offers a model named \"\(name)\"" + (known.isEmpty ? "." : "; offered: \(known.joined(separator: ", ")).")
        case .ambiguous(let name, let choices):
            return "\"\(name)\" is offered by more than one provider: name one of \(choices.joined(separator: ", "))."
        }
    }
}

/// The one owner of "which model answers": every message in the interface, `-p`, `/model`,
/// sampling and `doctor` ask it, so the header, the request and the diagnosis agree.
///
/// A name is `provider/model`, or a bare model name that resolves against the providers:
/// the only one, else the one whose configuration names it, else the one whose own list
/// does. No name means the default: `model` in config.toml or `CHATTUI_MODEL` (resolved the
/// same way), else the first provider's first configured model, else the first it lists.
public final class ModelResolver: Sendable {
    let setup: ModelSetup
    /// What each provider said when asked for its models; a failure is asked again when it matters.
    private let listings = Mutex<[String: Listing]>([:])

    private enum Listing {
        case models([String])
        case failed(String)
    }

    public init(setup: ModelSetup) { self.setup = setup }

    /// The model `name` (nil: the default) means, asking providers for their lists when the configuration does not say.
    public func resolve(_ name: String?) async -> Result<ResolvedModel, ModelProblem> {
        var decision = decide(name)
        if case .decided(.success) = decision { return decision.result }
        for provider in setup.providers where !hasListed(provider) { await list(provider) }
        decision = decide(name)
        return decision.result
    }

    /// What the configuration alone decides, without asking any server (the first frame's header).
    public func resolveFromConfiguration(_ name: String?) -> ModelChoice? {
        if case .decided(.success(let model)) = decide(name) { return model.choice }
        return nil
    }

    /// Every model to offer in `/model`: the configured ones, then what each provider lists;
    /// when there is none, why (no provider configured, or what each provider said).
    func availableModels() async -> (names: [String], whyNone: String?) {
        var names: [String] = []
        for provider in setup.providers {
            await list(provider)
            names += (provider.models + models(of: provider)).map { "\(provider.name)/\($0)" }
        }
        guard names.isEmpty else { return (Self.unique(names), nil) }
        if case .failure(let problem) = decide(nil).result { return ([], problem.description) }
        return ([], nil)
    }

    private func list(_ provider: ProviderSettings) async {
        let listing: Listing
        do {
            listing = .models(try await provider.makeProvider().listModels())
        } catch {
            listing = .failed("\(error)")
        }
        listings.withLock { $0[provider.name] = listing }
    }

    private func hasListed(_ provider: ProviderSettings) -> Bool {
        if case .models? = listings.withLock({ $0[provider.name] }) { return true }
        return false
    }

    /// What the provider listed; nothing when it was not asked or could not answer.
    private func models(of provider: ProviderSettings) -> [String] {
        if case .models(let models)? = listings.withLock({ $0[provider.name] }) { return models }
        return []
    }

    private enum Decision {
        case decided(Result<ResolvedModel, ModelProblem>)
        /// A provider's own list is needed and has not been read.
        case needsListing

        var result: Result<ResolvedModel, ModelProblem> {
            if case .decided(let result) = self { return result }
            return .failure(.noProvider)
        }
    }

    private func decide(_ name: String?) -> Decision {
        let providers = setup.providers
        guard !providers.isEmpty else { return .decided(.failure(.noProvider)) }
        guard let name = name ?? setup.configuredDefault else { return firstAvailable() }
        if let choice = ModelChoice(name), let provider = setup.provider(named: choice.provider) {
            return .decided(.success(model(choice.model, of: provider)))
        }
        if providers.count == 1, !name.contains("/") { return .decided(.success(model(name, of: providers[0]))) }
        let configured = providers.filter { $0.models.contains(name) }
        if !configured.isEmpty { return decided(name, among: configured) }
        guard providers.allSatisfy({ provider in listings.withLock { $0[provider.name] } != nil }) else { return .needsListing }
        let listing = providers.filter { models(of: $0).contains(name) }
        if !listing.isEmpty { return decided(name, among: listing) }
        if let choice = ModelChoice(name) {
            return .decided(.failure(.unknownProvider(choice.provider, name: name, known: providers.map(\.name))))
        }
        let known = providers.flatMap { provider in (provider.models + models(of: provider)).map { "\(provider.name)/\($0)" } }
        return .decided(.failure(.unknownModel(name, known: Self.unique(known))))
    }

    private func decided(_ name: String, among providers: [ProviderSettings]) -> Decision {
        guard providers.count == 1 else { return .decided(.failure(.ambiguous(name, choices: providers.map { "\($0.name)/\(name)" }))) }
        return .decided(.success(model(name, of: providers[0])))
    }

    /// The first provider's first configured model, else the first model a provider lists.
    private func firstAvailable() -> Decision {
        var reasons: [String] = []
        for provider in setup.providers {
            if let first = provider.models.first { return .decided(.success(model(first, of: provider))) }
            switch listings.withLock({ $0[provider.name] }) {
            case nil: return .needsListing
            case .models(let listed)?:
                if let first = listed.first { return .decided(.success(model(first, of: provider))) }
                reasons.append("\(provider.name) lists no models")
            case .failed(let why)?:
                reasons.append("\(provider.name) could not be asked for its models (\(why))")
            }
        }
        return .decided(.failure(.noDefault(reasons)))
    }

    private func model(_ name: String, of provider: ProviderSettings) -> ResolvedModel {
        ResolvedModel(choice: ModelChoice(provider: provider.name, model: name), provider: provider)
    }

    private static func unique(_ names: [String]) -> [String] {
        var seen = Set<String>()
        return names.filter { seen.insert($0).inserted }
    }
}
