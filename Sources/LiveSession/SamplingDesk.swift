import ChatFeatures
import ChatStore
import ConversationModel
import Foundation
import MCP
import ModelProviders
import Synchronization

/// Where connectors' sampling requests land: put to the person as a card in the
/// conversation being answered, then sent to that conversation's model.
public final class SamplingDesk: Sendable {
    private let store: ConversationStore
    private let models: ModelResolver
    private let approvals: any ApprovalGate
    /// The conversation whose turn is running; sampling happens inside turns.
    private let active = Mutex<ConversationID?>(nil)

    init(store: ConversationStore, models: ModelResolver, approvals: any ApprovalGate) {
        self.store = store
        self.models = models
        self.approvals = approvals
    }

    func turnStarted(in conversation: ConversationID) { active.withLock { $0 = conversation } }
    func turnEnded() { active.withLock { $0 = nil } }

    func answer(connector: String, _ parameters: CreateSamplingMessage.Parameters) async throws -> CreateSamplingMessage.Result {
        guard let conversationID = active.withLock({ $0 }), let conversation = try? store.conversation(conversationID) else {
            throw MCPError.invalidRequest("chattui answers sampling requests only while a conversation's turn is running")
        }
        let model: ResolvedModel
        switch await models.resolve(conversation.model) {
        case .success(let resolved): model = resolved
        case .failure(let problem): throw MCPError.invalidRequest("chattui has no model to answer with: \(problem)")
        }
        let choice = model.choice
        let request = SamplingRequest(connector: connector, system: parameters.systemPrompt,
                                      messages: parameters.messages.map(Self.chatMessage), maxTokens: parameters.maxTokens)
        let grant = SamplingBroker.grantID(for: connector)
        let alwaysAllowed = (try? store.tools(granted: .alwaysAllow, in: conversationID).contains(grant)) ?? false
        let broker = SamplingBroker(provider: model.provider.makeProvider(), model: choice.model, approvals: approvals)
        let store = self.store
        do {
            let (text, stop) = try await broker.answer(request, alwaysAllowed: alwaysAllowed) {
                try? store.grant(.alwaysAllow, tools: [grant], in: conversationID)
            }
            let reason: Sampling.StopReason = switch stop {
            case .maxTokens: .maxTokens
            case .stopSequence: .stopSequence
            default: .endTurn
            }
            return CreateSamplingMessage.Result(model: choice.model, stopReason: reason, role: .assistant, content: .single(.text(text)))
        } catch {
            throw MCPError.invalidRequest(error.description)
        }
    }

    /// Text parts only: images and audio are described, tool content is left out.
    static func chatMessage(_ message: Sampling.Message) -> ChatMessage {
        let blocks: [Sampling.Message.Content.ContentBlock] = switch message.content {
        case .single(let block): [block]
        case .multiple(let blocks): blocks
        }
        let parts: [ChatMessage.Part] = blocks.compactMap { block in
            switch block {
            case .text(let text): .text(text)
            case .image(_, let mimeType): .text("[image \(mimeType) not sent]")
            case .audio(_, let mimeType): .text("[audio \(mimeType) not sent]")
            default: nil
            }
        }
        return ChatMessage(role: message.role == .user ? .user : .assistant, parts: parts)
    }
}
