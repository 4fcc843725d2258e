import ChatFeatures
import ConnectorMenu
import ConversationModel
import Foundation
import MCP
import MCPClient
import TerminalText

extension ChatSession {
    /// Fetches a prompt; its messages' text goes to the composer.
    func getPrompt(_ prompt: PromptEntry, arguments: [String: String]) {
        let manager = self.manager
        let post = self.post
        Task {
            do {
                let result = try await manager.getPrompt(connector: prompt.connector, name: prompt.name, arguments: arguments)
                post(.promptLoaded(prompt, Self.text(of: result.messages)))
            } catch {
                post(.failed("/\(prompt.command) failed: \(error)"))
            }
        }
    }

    /// A prompt's messages as one text: each message's text, resources by their text or address.
    /// Cleaned here, since it becomes the person's own message: what is sent is what the composer showed.
    static func text(of messages: [Prompt.Message]) -> String {
        Sanitizer.clean(messages.map { message in
            switch message.content {
            case .text(let text): return text
            case .resource(let resource, _, _): return resource.text ?? "[\(resource.uri)]"
            case .resourceLink(let uri, let name, _, _, _, _): return "[\(name)](\(uri))"
            case .image(_, let mimeType): return "[image \(mimeType)]"
            case .audio(_, let mimeType): return "[audio \(mimeType)]"
            }
        }.joined(separator: "\n\n"))
    }

    /// Reads every attached resource, then hands the message's blocks back; any failure returns the draft.
    func readAttachments(_ attachments: [ResourceEntry], text: String, conversation: ConversationID, answer: Bool) {
        let manager = self.manager
        let post = self.post
        Task {
            var blocks: [ContentBlock] = [.text(text)]
            for attachment in attachments {
                do {
                    let contents = try await manager.readResource(connector: attachment.connector, uri: attachment.uri)
                    blocks.append(ResourceBlock.make(attachment, contents: contents))
                } catch {
                    post(.attachmentsFailed(text, attachments, reason: "\(attachment.name): \(error)"))
                    return
                }
            }
            post(.attachmentsRead(conversation, text, blocks, answer: answer))
        }
    }
}

extension ResourceBlock {
    static func make(_ entry: ResourceEntry, contents: [Resource.Content]) -> ContentBlock {
        var text = contents.map { content in
            content.text ?? "[\(content.mimeType ?? "binary") content, \(counted(content.blob.map { $0.count * 3 / 4 } ?? 0, "byte")), not included]"
        }.joined(separator: "\n\n")
        if text.utf8.count > maximumText { text = String(text.prefix(maximumText)) + "\n[cut at 256 KiB]" }
        let origin = Origin(connector: entry.connector, uri: entry.uri, name: entry.name, mimeType: entry.mimeType ?? contents.first?.mimeType)
        return ContentBlock(kind: .resource, text: text, payload: try? JSONEncoder().encode(origin))
    }
}
