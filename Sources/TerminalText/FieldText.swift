/// How text the person edits is drawn, one character at a time: the one place that decides what a
/// character looks like in a field or the composer and how many columns it takes, so the text drawn
/// and the cursor placed over it always agree. Controls and invisible formatting characters (a
/// zero-width space, a bidi override or isolate) show as visible marks, as `Sanitizer.revealing`
/// shows them, so none hides text or reorders what follows; a character with no width of its own
/// (a lone combining accent) takes one cell, as `CellBuffer.put` draws it.
public enum FieldText {
    /// What `character` looks like: itself, or its visible mark.
    public static func shown(_ character: Character) -> String {
        Sanitizer.revealing(String(character))
    }

    /// Columns `character` takes when drawn.
    public static func width(of character: Character) -> Int {
        shown(character).reduce(0) { $0 + max(1, DisplayWidth.of($1)) }
    }

    public static func width(of characters: some Sequence<Character>) -> Int {
        characters.reduce(0) { $0 + width(of: $1) }
    }

    /// Draws `characters` from `column`, each as `shown` and each on its own (marks never merge
    /// with their neighbours), up to `limit`; returns the column after the last one drawn.
    @discardableResult
    public static func draw(_ characters: some Sequence<Character>, into buffer: inout CellBuffer,
                            row: Int, column: Int, style: Style, limit: Int) -> Int {
        var next = column
        for character in characters {
            let width = width(of: character)
            guard next + width <= limit else { break }
            next = buffer.put(shown(character), row: row, column: next, style: style, limit: limit)
        }
        return next
    }
}
