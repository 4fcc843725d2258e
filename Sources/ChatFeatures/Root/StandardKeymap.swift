import TerminalUI

extension Keymap {
    /// The app's keymap: the shared layers, then each feature's own table. `[keys]` in config.toml
    /// rebinds this, so a rebound key reaches every feature's keys and hints.
    public static let standard = Keymap.base
        .adding(SignInFeature.bindings)
        .adding(FormFeature.bindings)
        .adding(ConversationsFeature.bindings)
        .adding(HelpFeature.bindings)
}
