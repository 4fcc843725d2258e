/// The one border of the interface: panels, tool cards and the approval card are all framed by it,
/// so their corners, title placement and padding agree. It gives lines of scoped spans; the caller's
/// theme colours them (a panel draws them into the screen, a card into the transcript).
public struct BoxFrame: Sendable {
    /// Columns of content between the borders (each border is "│ " or " │").
    public let inner: Int
    /// The scope the border is drawn in.
    public let border: String

    public init(inner: Int, border: String) {
        self.inner = inner
        self.border = border
    }

    /// Columns the box takes, borders included.
    public var width: Int { inner + 4 }

    /// `╭─ title ─────── trailing╮`: the title (and a trailing label) come cut to fit by the caller.
    public func top(_ title: [Span] = [], trailing: [Span] = []) -> StyledLine {
        let used = StyledLine(title).width + StyledLine(trailing).width
        let dashes = String(repeating: "─", count: max(1, inner + 1 - used))
        return StyledLine([Span("╭─", scope: border)] + title + [Span(dashes, scope: border)] + trailing + [Span("╮", scope: border)])
    }

    /// `│ content   │`: content wider than the box is cut; the rest is padded in `padding`.
    public func row(_ content: [Span], padding: String = "text") -> StyledLine {
        let fitted = StyledLine(content).width > inner ? Self.cut(content, to: inner) : content
        let room = String(repeating: " ", count: max(0, inner - StyledLine(fitted).width))
        return StyledLine([Span("│ ", scope: border)] + fitted + [Span(room, scope: padding), Span(" │", scope: border)])
    }

    /// `╰────╯`
    public func bottom() -> StyledLine {
        StyledLine([Span("╰" + String(repeating: "─", count: inner + 2) + "╯", scope: border)])
    }

    /// The side border of a row whose content is drawn in place (a panel's list).
    public static let side = "│"

    /// Spans cut to `width` columns.
    public static func cut(_ spans: [Span], to width: Int) -> [Span] {
        var output: [Span] = []
        var used = 0
        for span in spans {
            let room = width - used
            guard room > 0 else { break }
            let text = DisplayWidth.of(span.text) > room ? String(DisplayWidth.prefix(span.text, fitting: room)) : span.text
            output.append(Span(text, scope: span.scope, attributes: span.attributes))
            used += DisplayWidth.of(text)
        }
        return output
    }
}
