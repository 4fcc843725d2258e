/// A run of text tagged with a theme scope (`markup.code`, `message.user`, ...)
/// and extra attributes; views speak in scopes and never name a colour.
public struct Span: Hashable, Sendable {
    public var text: String
    public var scope: String
    public var attributes: TextAttributes

    public init(_ text: String, scope: String, attributes: TextAttributes = []) {
        self.text = text
        self.scope = scope
        self.attributes = attributes
    }
}

/// One display line: spans laid left to right, no line breaks inside.
public struct StyledLine: Hashable, Sendable {
    public var spans: [Span]
    /// A scope that fills the rest of the line after the spans (code block backgrounds).
    public var fillScope: String?

    public init(_ spans: [Span] = [], fillScope: String? = nil) {
        self.spans = spans
        self.fillScope = fillScope
    }

    public var width: Int { spans.reduce(0) { $0 + DisplayWidth.of($1.text) } }
    public var plainText: String { spans.map(\.text).joined() }

    /// This line with `prefix` spans before it.
    public func prefixed(with prefix: [Span]) -> StyledLine {
        StyledLine(prefix + spans, fillScope: fillScope)
    }
}
