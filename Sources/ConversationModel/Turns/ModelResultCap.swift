/// How much of one tool result a model request carries. A stored result stays whole (the card
/// and `/export` show it); a request carries its head and tail, so a 5 MB result cannot make
/// every later request too long for the model.
public enum ModelResultCap {
    /// Characters of one result sent to the model, at most (about 10,000 tokens).
    public static let limit = 40_000

    /// The text itself when short enough; else its head and tail around a note of what was left out.
    public static func capped(_ text: String) -> String {
        // utf8.count is O(1) for native strings; most results are far under the cap.
        guard text.utf8.count > limit else { return text }
        let total = text.count
        guard total > limit else { return text }
        let half = limit / 2
        let head = text.prefix(half)
        let tail = text.suffix(half)
        return head + "\n… \(total - 2 * half) characters left out; the person sees the whole result …\n" + tail
    }
}
