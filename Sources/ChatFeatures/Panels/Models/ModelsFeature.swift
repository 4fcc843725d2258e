import ConnectorMenu
import TerminalText
import TerminalUI

/// `/model`: the configured and reported models, filtered as the person types.
public struct ModelPicker: Equatable, Sendable {
    var all: [String]
    var list: SelectionList
    var isLoading = true
    /// Why there is nothing to choose (what to configure), once the providers answered.
    var whyNone: String?
}

/// The model picker: it owns the list; which model a conversation uses is the app's, asked as `.choose`.
public enum ModelsFeature {
    public typealias State = ModelPicker

    public enum Action: Equatable, Sendable {
        case key(KeyEvent)
        /// The providers' answer: more names to offer, or why there are none.
        case listed([String], whyNone: String?)
    }

    public enum Delegate: Equatable, Sendable {
        case close
        case choose(String)
    }

    static func reduce(_ picker: inout State, _ action: Action, keymap: Keymap) -> [Delegate] {
        switch action {
        case .listed(let names, let whyNone):
            let current = picker.all
            picker.all = current + names.filter { !current.contains($0) }
            picker.isLoading = false
            picker.whyNone = picker.all.isEmpty ? whyNone ?? "No provider offers a model." : nil
            picker.list.reset(count: picker.all.count, selected: picker.list.selected)
        case .key(let key):
            switch keymap.command(for: key, in: .list) {
            case .menuUp, .cursorUp: picker.list.move(by: -1)
            case .menuDown, .cursorDown: picker.list.move(by: 1)
            case .close: return [.close]
            case .menuAccept:
                guard picker.all.indices.contains(picker.list.selected) else { return [.close] }
                return [.close, .choose(picker.all[picker.list.selected])]
            default: break
            }
        }
        return []
    }

    /// Docked above the composer, the model in use marked; when there is none to choose, what to configure instead.
    static func draw(_ picker: State, current: String?, screenWidth: Int, screenHeight: Int, composerBorder: Int, theme: Theme, keymap: Keymap,
                     into buffer: inout CellBuffer) {
        guard let whyNone = picker.whyNone else {
            let note = picker.isLoading ? "Asking the providers for their models…" : keymap.phrase([(.menuAccept, "uses it in this conversation.")], in: .list)
            return DockedPicker.draw(title: "Model", note: note, names: picker.all, current: current, list: picker.list, width: 64,
                                     screenWidth: screenWidth, composerBorder: composerBorder, theme: theme, into: &buffer)
        }
        let width = min(screenWidth - 4, 72)
        let lines = WordWrap.wrap([Span(Sanitizer.clean(whyNone), scope: "ui.menu"), Span("  Esc closes.", scope: "ui.menu.detail")], width: width - 4)
        let box = Rect(x: (screenWidth - width) / 2, y: max(1, screenHeight / 2 - 2), width: width, height: lines.count + 2)
        theme.drawBox(box, title: "Model", into: &buffer)
        for (offset, line) in lines.enumerated() { buffer.put(line, row: box.y + 1 + offset, column: box.inner.x, resolve: theme.style) }
    }
}
