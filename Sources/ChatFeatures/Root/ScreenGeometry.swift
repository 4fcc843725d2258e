/// Where each part of the screen goes, from the terminal size and the
/// composer's text. Reducers use it to scroll by a page; views to draw.
public struct ScreenGeometry: Equatable {
    let header: Int
    let transcript: Range<Int>
    let composerBorder: Int
    let composer: Range<Int>
    let status: Int
    /// Columns the composer's text wraps at (after the prompt).
    let composerTextWidth: Int

    static let composerPrompt = "› "
    static let promptWidth = 2

    init(state: AppState) {
        let width = state.width
        let height = state.height
        composerTextWidth = max(2, width - Self.promptWidth - 1)
        let field = state.composer.field
        let wantedRows = max(field.visualRows(width: composerTextWidth).count, field.cursorPosition(width: composerTextWidth).row + 1)
        let composerRows = min(wantedRows, max(1, (height - 4) / 3))
        header = 0
        status = height - 1
        composer = (status - composerRows)..<status
        composerBorder = composer.lowerBound - 1
        transcript = 1..<max(1, composerBorder)
    }

    var transcriptHeight: Int { transcript.count }
}
