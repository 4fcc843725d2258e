import ConnectorMenu
import ConversationModel
import Foundation
import TerminalText
import TerminalUI
import Testing
@testable import ChatFeatures

/// The form layer on its own: keys in, its fields and problem as state, what it answers out.
@Suite struct FormFeatureTests {
    static let schema = JSONValue.parse("""
    {"type": "object", "required": ["name"],
     "properties": {"name": {"type": "string"}, "note": {"type": "string"}}}
    """) ?? .null

    func form(_ purpose: FormPanel.Purpose = .customConnector) -> FormPanel {
        FormPanel(purpose: purpose, title: "Form", note: nil, schema: Self.schema)
    }

    func press(_ key: KeyEvent, _ form: inout FormPanel, keymap: Keymap = .standard) -> [FormFeature.Delegate] {
        FormFeature.reduce(&form, .key(key), keymap: keymap)
    }

    func type(_ text: String, _ form: inout FormPanel) {
        for character in text { #expect(press(.char(character), &form).isEmpty) }
    }

    /// A bracketed paste (a long command line, a URL) lands in the focused field, on one line.
    @Test func aPasteGoesIntoTheFocusedFieldOnOneLine() {
        var form = form()
        #expect(FormFeature.reduce(&form, .paste("npx -y\n@acme/mcp"), keymap: .standard).isEmpty)
        #expect(form.fields.values[0].text == "npx -y @acme/mcp")
        #expect(press(.ctrl("s"), &form) == [.submitted(.object(["name": .string("npx -y @acme/mcp")]))])
    }

    /// Pasted lines in a field typed as items (a list, comma-separated) stay separate items.
    @Test func pastedLinesInAListFieldAreSeparateItems() {
        let tags: JSONValue = .object(["type": .string("array"), "items": .object(["type": .string("string")])])
        var form = FormPanel(purpose: .customConnector, title: "Tags", note: nil,
                             schema: .object(["type": .string("object"), "properties": .object(["tags": tags])]))
        #expect(FormFeature.reduce(&form, .paste("red\ngreen"), keymap: .standard).isEmpty)
        #expect(press(.ctrl("s"), &form) == [.submitted(.object(["tags": .array([.string("red"), .string("green")])]))])
    }

    @Test func aRefusedSubmitMarksTheFieldAndAFilledOneAnswersTheValues() {
        var form = form()
        #expect(press(.ctrl("s"), &form).isEmpty, "a required field is empty")
        #expect(form.fields.problem(at: 0) == "required")
        #expect(form.fields.focus == 0)
        type("tracker", &form)
        #expect(press(KeyEvent(.enter), &form).isEmpty, "Enter before the last field moves on")
        #expect(form.fields.focus == 1)
        type("mine", &form)
        #expect(press(KeyEvent(.enter), &form) == [.submitted(.object(["name": .string("tracker"), "note": .string("mine")]))])
    }

    @Test func escCancelsAndOnlyAConnectorsQuestionDeclines() {
        var plain = form()
        #expect(press(KeyEvent(.escape), &plain) == [.cancelled])
        type("ab", &plain)
        _ = press(KeyEvent(.left), &plain)
        #expect(press(.ctrl("d"), &plain).isEmpty)
        #expect(plain.fields.values[0].text == "a", "in a form that cannot be declined Ctrl-D deletes, as in every text field")
        var question = form(.elicitation("q1", url: nil))
        #expect(press(.ctrl("d"), &question) == [.declined])
    }

    @Test func theOpenerRefusesSayingWhyOnTheFieldAtFaultUntilTheNextEdit() {
        var form = form()
        #expect(FormFeature.reduce(&form, .refused("connector name: taken", field: 0), keymap: .standard).isEmpty)
        #expect(form.problem == "connector name: taken")
        #expect(form.fields.focus == 0)
        var buffer = CellBuffer(width: 80, height: 20)
        FormFeature.draw(form, width: 80, height: 20, theme: .monochrome, keymap: .standard, into: &buffer)
        #expect(buffer.textLines().joined().contains("connector name: taken"))
        type("x", &form)
        #expect(form.problem == nil)
    }

    /// Its keys are its own table in the app's keymap: `[keys.form]` rebinds them and the hint follows.
    @Test func itsKeysAreItsOwnTableAndRebindable() {
        #expect(Keymap.common.bindings[.form] == nil)
        #expect(Keymap.standard.bindings[.form]?.map(\.command) == FormFeature.bindings[.form]?.map(\.command))
        let (keymap, problems) = Keymap.standard.rebinding([.init(layer: "form", key: "ctrl-x", command: "submit-form")])
        #expect(problems.isEmpty)
        var form = form()
        type("tracker", &form)
        #expect(press(.ctrl("x"), &form, keymap: keymap) == [.submitted(.object(["name": .string("tracker")]))])
        var buffer = CellBuffer(width: 80, height: 20)
        FormFeature.draw(form, width: 80, height: 20, theme: .monochrome, keymap: keymap, into: &buffer)
        #expect(buffer.textLines().joined().contains("Ctrl-X submit"))
    }
}
