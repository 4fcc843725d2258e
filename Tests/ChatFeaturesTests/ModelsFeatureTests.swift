import ConnectorMenu
import Foundation
import TerminalText
import TerminalUI
import Testing
@testable import ChatFeatures

/// The model picker on its own: the providers' answers and keys in, close and choose out.
@Suite struct ModelsFeatureTests {
    func send(_ action: ModelsFeature.Action, _ picker: inout ModelPicker) -> [ModelsFeature.Delegate] {
        ModelsFeature.reduce(&picker, action, keymap: .standard)
    }

    @Test func answersAddNewNamesAndEnterChoosesTheSelectedOne() {
        var picker = ModelPicker(all: ["anthropic/claude"], list: SelectionList(count: 1))
        #expect(send(.listed(["anthropic/claude", "openai/gpt"], whyNone: "unused"), &picker).isEmpty)
        #expect(picker.all == ["anthropic/claude", "openai/gpt"] && !picker.isLoading && picker.whyNone == nil)
        _ = send(.key(KeyEvent(.down)), &picker)
        #expect(send(.key(KeyEvent(.enter)), &picker) == [.close, .choose("openai/gpt")])
        #expect(send(.key(KeyEvent(.escape)), &picker) == [.close])
    }

    @Test func withNoModelItSaysWhatToConfigure() {
        var picker = ModelPicker(all: [], list: SelectionList(count: 0))
        _ = send(.listed([], whyNone: "Set ANTHROPIC_API_KEY."), &picker)
        #expect(picker.whyNone == "Set ANTHROPIC_API_KEY.")
        #expect(send(.key(KeyEvent(.enter)), &picker) == [.close], "nothing to choose")
        var buffer = CellBuffer(width: 80, height: 20)
        ModelsFeature.draw(picker, current: nil, screenWidth: 80, screenHeight: 20, composerBorder: 17, theme: .monochrome, keymap: .standard, into: &buffer)
        #expect(buffer.textLines().joined().contains("Set ANTHROPIC_API_KEY."))
    }
}
