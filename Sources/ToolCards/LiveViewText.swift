import Foundation
import TerminalText

/// What a live view shows, as a card draws it: its outline (drawn like any view's, stored with the
/// message so drawing never waits on the browser) and its controls, numbered from 1 as the text
/// shows them (`[n]`), so a key can reach each one.
public struct LiveViewText: Codable, Equatable, Sendable {
    public struct Control: Codable, Equatable, Sendable {
        public enum Kind: String, Codable, Sendable { case button, link, textbox, combobox, checkbox, radio, slider }
        public var kind: Kind
        public var label: String
        /// The DOM node a key focuses; the browser's id, good while the view lives.
        public var domNodeID: Int?
        /// Where a link points (opened only through the card's confirmation, never by the view).
        public var url: String?

        public init(kind: Kind, label: String, domNodeID: Int? = nil, url: String? = nil) {
            self.kind = kind
            self.label = label
            self.domNodeID = domNodeID
            self.url = url
        }
    }

    public var outline: HTMLOutline
    public var controls: [Control]
    /// The control that has the view's focus, counting from 1.
    public var focusedControl: Int?

    public init(outline: HTMLOutline = HTMLOutline(), controls: [Control] = [], focusedControl: Int? = nil) {
        self.outline = outline
        self.controls = controls
        self.focusedControl = focusedControl
    }

    /// The card's lines at `width`, drawn as every view outline is.
    public func lines(width: Int) -> [StyledLine] { OutlineLayout.lines(for: outline, width: width) }

    /// Read from the view's accessibility tree: the one place controls get their numbers.
    public init(tree: AccessibilityTree, limits: HTMLOutline.Limits = .init()) {
        var reader = AccessibilityOutlineReader(tree: tree, limits: limits)
        self = reader.read()
    }
}
