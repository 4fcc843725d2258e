import ConversationModel
import ToolCards

/// Each stored result's card model, decoded once per message and block and shared by the layout
/// and the card reducer (a key on a focused card used to decode and rebuild it, and layout decoded
/// each block twice). An entry is used again only while its block is the same.
final class CardModels: @unchecked Sendable {
    private struct Address: Hashable {
        let message: MessageID
        let block: Int
    }

    private var cache: [Address: (block: ContentBlock, card: ToolCard)] = [:]
    /// Beyond this many cards, the memo starts over.
    private let capacity = 4000

    func card(for block: ContentBlock, message: MessageID, index: Int) -> ToolCard {
        let address = Address(message: message, block: index)
        if let entry = cache[address], entry.block == block { return entry.card }
        let card = Self.decode(block)
        if cache.count >= capacity { cache.removeAll(keepingCapacity: true) }
        cache[address] = (block, card)
        return card
    }

    static func decode(_ block: ContentBlock) -> ToolCard {
        let result = block.decoded(ToolResult.self) ?? ToolResult(callID: "", content: block.text, isError: false)
        // A live view's text, once drawn (no note saying it failed or has not run), shows the result as
        // it is now: the stored result's rows beside it could contradict it (an issue's old status).
        let liveText = result.presentation?.attachments.first(where: LiveViewKind.isLive).map { $0.outline != nil && $0.note == nil } ?? false
        return ToolCard(result: result, fallbackTitle: "Tool result", viewReplacesStructured: liveText)
    }
}
