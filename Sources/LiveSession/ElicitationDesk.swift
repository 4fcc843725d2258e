import ChatFeatures
import ConversationModel
import Foundation
import MCP

/// Where connectors' elicitation requests wait for the person's answer in a form.
public final class ElicitationDesk: Sendable {
    private let post: @Sendable (Action) -> Void
    private let pending = PendingAnswers<CreateElicitation.Result>()

    init(post: @escaping @Sendable (Action) -> Void) { self.post = post }

    func ask(connector: String, _ parameters: CreateElicitation.Parameters) async -> CreateElicitation.Result {
        let id = UUID().uuidString
        let request: ElicitationRequest
        switch parameters {
        case .form(let form):
            let schema = (try? JSONEncoder().encode(form.requestedSchema)).flatMap { try? JSONDecoder().decode(JSONValue.self, from: $0) }
            request = ElicitationRequest(id: id, connector: connector, message: form.message, schema: schema ?? .object([:]))
        case .url(let link):
            request = ElicitationRequest(id: id, connector: connector, message: link.message, schema: .object([:]), url: link.url)
        }
        return await pending.wait(for: id, onCancel: CreateElicitation.Result(action: .cancel)) { [post] in post(.elicitationNeeded(request)) }
    }

    /// The person's answer: accepted with the form's values, declined, or cancelled.
    func answer(id: String, _ answer: ElicitationAnswer) {
        let result: CreateElicitation.Result
        switch answer {
        case .accept(let content):
            let values = (try? JSONEncoder().encode(content)).flatMap { try? JSONDecoder().decode([String: Value].self, from: $0) }
            result = CreateElicitation.Result(action: .accept, content: values ?? [:])
        case .decline:
            result = CreateElicitation.Result(action: .decline)
        case .cancel:
            result = CreateElicitation.Result(action: .cancel)
        }
        pending.answer(id, with: result)
    }
}
