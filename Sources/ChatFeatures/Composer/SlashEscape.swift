/// The composer's one rule for `/`: text that begins with `/` runs a command, and `//` sends a
/// message that begins with `/`. Text put back into the composer (recall, `/edit`, a prompt) keeps
/// the escape, so Enter sends it rather than running it.
public enum SlashEscape {
    static func isCommand(_ composerText: String) -> Bool {
        composerText.hasPrefix("/") && !composerText.hasPrefix("//")
    }

    /// The message that composer text sends.
    static func message(from composerText: String) -> String {
        composerText.hasPrefix("//") ? String(composerText.dropFirst()) : composerText
    }

    /// The composer text that sends `message` as it is.
    static func composerText(for message: String) -> String {
        message.hasPrefix("/") ? "/" + message : message
    }
}
