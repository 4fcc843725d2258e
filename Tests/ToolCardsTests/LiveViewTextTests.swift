import Foundation
import TestSupport
import Testing
import TerminalText
@testable import ToolCards

/// Live views drawn from their accessibility trees, recorded from Chromium running real views.
@Suite struct LiveViewTextTests {
    static func tree(_ name: String) throws -> AccessibilityTree {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("AccessibilityTrees/\(name).json")
        return try AccessibilityTree(devToolsJSON: Data(contentsOf: url))
    }

    /// prefab-ui's release board (a 7 MB React view) as a card: heading, text, table, and numbered controls.
    @Test(arguments: [40, 80, 120]) func aPrefabBoardReadsAsACard(width: Int) throws {
        let text = LiveViewText(tree: try Self.tree("release-board"))
        expectSnapshot(text.lines(width: width).map(\.plainText), named: "release-board-\(width)")
    }

    /// A plain page in Chromium: inline strong text and a link, nested and numbered lists, an image,
    /// a rule, fields with their labels, a native select, CJK and emoji.
    @Test(arguments: [40, 80, 120]) func aDocumentPageReadsAsACard(width: Int) throws {
        let text = LiveViewText(tree: try Self.tree("docs-page"))
        expectSnapshot(text.lines(width: width).map(\.plainText), named: "docs-page-\(width)")
    }

    @Test func controlsAreNumberedInTheOrderTheTextShowsThem() throws {
        let text = LiveViewText(tree: try Self.tree("release-board"))
        #expect(text.controls.map(\.label) == ["Title", "", "Urgent", "Notify owner", "Small", "Large", "File issue", "Ask the model", "Release notes"])
        #expect(text.controls.allSatisfy { $0.domNodeID != nil }, "every control can be focused")
        #expect(text.controls.last?.url == "https://example.org/notes")
        let lines = text.lines(width: 80).map(\.plainText).joined(separator: "\n")
        for (index, control) in text.controls.enumerated() where !control.label.isEmpty {
            #expect(lines.contains("[\(index + 1)]"), "control \(control.label) shows its number")
        }
    }

    @Test func theFocusedControlIsMarkedAndTheViewsTextIsSanitised() {
        let tree = AccessibilityTree(nodes: [
            .init(id: "1", role: "RootWebArea", name: "T", childIDs: ["2", "3", "4"]),
            .init(id: "2", role: "StaticText", name: "evil \u{1B}]52;c;AAAA\u{07} text", parentID: "1"),
            .init(id: "3", role: "textbox", name: "Name", value: "Ada", properties: ["focused": "true"], parentID: "1", domNodeID: 9),
            .init(id: "4", role: "radio", name: "Yes", properties: ["checked": "true"], parentID: "1", domNodeID: 10),
        ])
        let text = LiveViewText(tree: tree)
        #expect(text.focusedControl == 1)
        let lines = text.lines(width: 40)
        // Controls keep together with no-break spaces.
        #expect(lines.map { $0.plainText.replacingOccurrences(of: "\u{00A0}", with: " ") } == ["evil  text", "", "[1]Name: [Ada_________]", "[2](•) Yes"])
        #expect(lines[2].spans.contains { $0.attributes.contains(.reverse) }, "the focused field is drawn in reverse")
        #expect(!lines.map(\.plainText).joined().contains("\u{1B}"))
    }

    /// A native select, opened: Chromium keeps its options inside it and moves its value with the arrows.
    /// The options show under it, the one the arrows are on marked, and no control's number changes.
    @Test func anOpenNativeSelectShowsItsOptionsWithoutRenumbering() {
        func tree(expanded: Bool) -> AccessibilityTree {
            AccessibilityTree(nodes: [
                .init(id: "1", role: "RootWebArea", name: "T", childIDs: ["2", "9"]),
                .init(id: "2", role: "combobox", name: "Status", value: expanded ? "done" : "todo",
                      properties: ["focused": "true", "expanded": expanded ? "true" : "false"], childIDs: ["3"], parentID: "1", domNodeID: 5),
                .init(id: "3", role: "MenuListPopup", childIDs: ["4", "6"], parentID: "2"),
                .init(id: "4", role: "option", name: "todo", properties: ["selected": "true"], parentID: "3"),
                .init(id: "6", role: "option", name: "done", properties: ["selected": "false"], parentID: "3"),
                .init(id: "9", role: "button", name: "Save", parentID: "1", domNodeID: 7),
            ])
        }
        let closed = LiveViewText(tree: tree(expanded: false))
        #expect(closed.lines(width: 40).map(\.plainText).map(Self.spaced) == ["[1]Status: [todo ▾]", "", "[2][ Save ]"])
        let open = LiveViewText(tree: tree(expanded: true))
        let lines = open.lines(width: 40)
        #expect(lines.map(\.plainText).map(Self.spaced) == ["[1]Status: [done ▾]", "  (•) todo", "› ( ) done", "", "[2][ Save ]"])
        #expect(open.controls.map(\.label) == ["Status", "Save"], "options take no number")
        #expect(lines[2].spans.contains { $0.attributes.contains(.reverse) }, "the option the arrows are on stands out")
    }

    /// A script's listbox (Radix, as prefab-ui draws a select) is options of their own: shown, not numbered.
    @Test func aScriptsOpenListboxShowsItsOptionsWithoutNumbers() {
        let tree = AccessibilityTree(nodes: [
            .init(id: "1", role: "RootWebArea", name: "T", childIDs: ["2", "3", "9"]),
            .init(id: "2", role: "combobox", name: "", value: "Website", properties: ["expanded": "true"], parentID: "1", domNodeID: 5),
            .init(id: "3", role: "listbox", childIDs: ["4", "6"], parentID: "1"),
            .init(id: "4", role: "option", name: "Website", properties: ["selected": "true"], parentID: "3", domNodeID: 11),
            .init(id: "6", role: "option", name: "Mobile app", properties: ["focused": "true"], parentID: "3", domNodeID: 12),
            .init(id: "9", role: "button", name: "Save", parentID: "1", domNodeID: 7),
        ])
        let text = LiveViewText(tree: tree)
        #expect(text.lines(width: 40).map(\.plainText).map(Self.spaced) == ["[1][Website ▾]", "  (•) Website", "› ( ) Mobile app", "", "[2][ Save ]"])
        #expect(text.controls.count == 2)
    }

    static func spaced(_ line: String) -> String { line.replacingOccurrences(of: "\u{00A0}", with: " ") }
}
