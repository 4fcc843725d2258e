import ConnectorMenu
import TerminalUI

extension Keymap {
    /// Every layer's keys: the common ones, and each feature's own table. `[keys]` in config.toml
    /// rebinds this, and every hint, footer and `/help` line reads the result.
    public static let standard = Keymap.common
        .adding(ComposerFeature.bindings)
        .adding(TranscriptFeature.bindings)
        .adding(CardsFeature.bindings)
        .adding(SignInFeature.bindings)
        .adding(FormFeature.bindings)
        .adding(ConversationsFeature.bindings)
        .adding(HelpFeature.bindings)
        .adding(LiveCardKeys.bindings)
        .adding(FindFeature.bindings)
        .adding(ApprovalKeys.bindings)
        .adding(ConnectorsFeature.bindings)
        .adding(DirectoryFeature.bindings)
}
