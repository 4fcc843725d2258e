import TerminalText

/// A named set of scoped styles. Views ask for a scope (`ui.menu.selected`);
/// a scope that is not defined falls back to its parent (`ui.menu`, then
/// `ui`), and finally to `text`.
public struct Theme: Equatable, Sendable {
    public let name: String
    public let styles: [String: Style]

    /// The style for a scope, with extra attributes layered on.
    public func style(_ scope: String, _ attributes: TextAttributes = []) -> Style {
        var style = resolved(scope) ?? base
        style.attributes.formUnion(attributes)
        return style
    }

    /// The closest defined ancestor of `scope` (or itself), if any, short of `text`.
    public func resolved(_ scope: String) -> Style? {
        var name = Substring(scope)
        while true {
            if let style = styles[String(name)] { return base.layered(with: style) }
            guard let dot = name.lastIndex(of: ".") else { return nil }
            name = name[..<dot]
        }
    }

    /// The style every other one sits on.
    public var base: Style { styles["text"] ?? .plain }

    /// A theme with no colours at all: what `NO_COLOR` and a broken theme fall back to.
    public static let monochrome = Theme(name: "monochrome", styles: [
        "text": .plain,
        "ui.header": Style(attributes: [.reverse]),
        "ui.status": Style(attributes: [.reverse]),
        "ui.status.key": Style(attributes: [.reverse, .bold]),
        "ui.menu.selected": Style(attributes: [.reverse]),
        "ui.menu.match": Style(attributes: [.underline]),
        "ui.dim": Style(attributes: [.dim]),
        "ui.error": Style(attributes: [.bold]),
        "message.user.label": Style(attributes: [.bold]),
        "message.assistant.label": Style(attributes: [.bold]),
        "markup.code": Style(attributes: [.bold]),
        "markup.heading": Style(attributes: [.bold]),
        "markup.link": Style(attributes: [.underline]),
        "card.title": Style(attributes: [.bold]),
        "card.destructive": Style(attributes: [.bold]),
        "card.field.focused": Style(attributes: [.underline]),
        "card.button.selected": Style(attributes: [.reverse, .bold]),
        "card.border.focused": Style(attributes: [.bold]),
        "ui.confirm.border": Style(attributes: [.bold]),
        "ui.confirm.title": Style(attributes: [.bold]),
        "card.heading": Style(attributes: [.bold]),
        "card.link": Style(attributes: [.underline]),
        "card.control": Style(attributes: [.reverse]),
        "tool.error": Style(attributes: [.bold]),
    ])

    /// Every theme scope the code draws with. A test checks each one resolves in every theme.
    public static let scopesUsedInCode: [String] = [
        "text",
        "ui.header", "ui.header.title", "ui.header.meta",
        "ui.status", "ui.status.key", "ui.status.flash",
        "ui.border", "ui.composer.prompt", "ui.composer.placeholder",
        "ui.menu", "ui.menu.selected", "ui.menu.match", "ui.menu.detail", "ui.menu.title",
        "ui.confirm", "ui.confirm.border", "ui.confirm.title",
        "ui.dim", "ui.error", "ui.scroll", "ui.find.match",
        "message.user", "message.user.label", "message.assistant", "message.assistant.label",
        "message.notice", "message.meta", "message.unknown",
        "markup.heading", "markup.code", "markup.codeblock", "markup.codeblock.info", "markup.quote",
        "markup.link", "markup.link.url", "markup.list", "markup.table", "markup.table.header", "markup.rule",
        "tool.call", "tool.result", "tool.error", "ui.progress", "ui.progress.track",
        "card.border", "card.title", "card.meta", "card.destructive", "card.label", "card.field", "card.field.focused",
        "card.button", "card.button.selected", "card.border.focused", "card.border.error", "card.text", "card.heading",
        "card.link", "card.link.number", "card.code", "card.control",
    ]
}
