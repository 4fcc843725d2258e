import ChatFeatures
import ConversationModel
import Foundation

extension ChatSession {
    /// Calls a tool for the person (a card's action, a refresh, `/task`) and stores the
    /// result as a card in the conversation; the model reads it with the next turn.
    func callTool(_ call: PersonCall, arguments: JSONValue, in conversation: ConversationID) {
        let post = self.post
        let store = self.store
        let host = ConnectorToolHost(manager: manager, views: views, byPerson: true)
        let task = Task {
            let activity = ToolActivity(callID: "person", name: call.tool)
            post(.personCallProgress(activity))
            let result = await host.call(ToolCall(id: "person-\(UUID().uuidString)", name: call.tool, arguments: arguments)) { done, total, message in
                var progress = activity
                progress.done = done
                progress.total = total
                progress.message = message
                post(.personCallProgress(progress))
            }
            do {
                post(.personCallFinished(try store.appendMessage(to: conversation, role: .tool, blocks: [TurnHistory.resultBlock(result)])))
            } catch {
                post(.personCallFinished(nil))
                post(.failed("The result of \(call.title) could not be saved: \(error)"))
            }
        }
        personCall.withLock { $0 = task }
    }
}
