import Foundation
import MCP

/// A key the card passes to its view as a real key event.
public enum ViewKey: Sendable, Equatable {
    case enter, space, tab, shiftTab, escape, backspace, delete, home, end, up, down, left, right

    /// DevTools' description: key, code, Windows key code, the text it types, and Shift.
    var event: (key: String, code: String, keyCode: Int, text: String?, shift: Bool) {
        switch self {
        case .enter: ("Enter", "Enter", 13, "\r", false)
        case .space: (" ", "Space", 32, " ", false)
        case .tab: ("Tab", "Tab", 9, nil, false)
        case .shiftTab: ("Tab", "Tab", 9, nil, true)
        case .escape: ("Escape", "Escape", 27, nil, false)
        case .backspace: ("Backspace", "Backspace", 8, nil, false)
        case .delete: ("Delete", "Delete", 46, nil, false)
        case .home: ("Home", "Home", 36, nil, false)
        case .end: ("End", "End", 35, nil, false)
        case .up: ("ArrowUp", "ArrowUp", 38, nil, false)
        case .down: ("ArrowDown", "ArrowDown", 40, nil, false)
        case .left: ("ArrowLeft", "ArrowLeft", 37, nil, false)
        case .right: ("ArrowRight", "ArrowRight", 39, nil, false)
        }
    }
}

/// The keys API: what a live card does with the person's keys. Each action redraws the card after.
extension LiveView {
    /// Focuses control `number` (as the card shows it, from 1).
    public func focus(control number: Int) async throws {
        let controls = text.controls
        guard controls.indices.contains(number - 1), let node = controls[number - 1].domNodeID else {
            throw ViewEngineError(description: "there is no control \(number) in this view")
        }
        try await connection.call("DOM.focus", ["backendNodeId": .int(node)], session: try viewSession())
        await redraw()
    }

    /// Moves to the next (or previous) control, wrapping around: Tab and Shift-Tab on a live card.
    public func focusNextControl(backwards: Bool = false) async throws {
        let current = text
        guard !current.controls.isEmpty else { throw ViewEngineError(description: "this view has no controls") }
        let count = current.controls.count
        let next = current.focusedControl.map { ($0 - 1 + (backwards ? count - 1 : 1)) % count + 1 } ?? (backwards ? count : 1)
        try await focus(control: next)
    }

    /// Sends a key to the focused control as the keyboard would: down, then up.
    public func press(_ key: ViewKey) async throws {
        let event = key.event
        var down: [String: Value] = ["type": event.text == nil ? "rawKeyDown" : "keyDown", "key": .string(event.key), "code": .string(event.code),
                                     "windowsVirtualKeyCode": .int(event.keyCode), "modifiers": .int(event.shift ? 8 : 0)]
        if let text = event.text { down["text"] = .string(text); down["unmodifiedText"] = .string(text) }
        let page = try pageSession()
        notePersonActed()
        try await connection.call("Input.dispatchKeyEvent", down, session: page)
        try await connection.call("Input.dispatchKeyEvent", ["type": "keyUp", "key": .string(event.key), "code": .string(event.code),
                                                             "windowsVirtualKeyCode": .int(event.keyCode), "modifiers": .int(event.shift ? 8 : 0)],
                                  session: page)
        await redraw()
    }

    /// Types `text` into the focused field.
    public func insertText(_ text: String) async throws {
        notePersonActed()
        try await connection.call("Input.insertText", ["text": .string(text)], session: try pageSession())
        await redraw()
    }

    /// Loads the view again from its HTML; it gets its tool input and result again once initialized.
    public func reload() async throws {
        try await connection.call("Page.reload", ["ignoreCache": true], session: try pageSession())
    }

    private func viewSession() throws -> String {
        guard let session = sessions.view else { throw ViewEngineError(description: "the view is not running") }
        return session
    }

    private func pageSession() throws -> String {
        guard let session = sessions.page, !isClosed else { throw ViewEngineError(description: "the view is not running") }
        return session
    }
}
