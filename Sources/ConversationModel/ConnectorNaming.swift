import Foundation

/// What a connector the person adds may be called and where a remote one may live: one rule for the
/// custom-connector form, the registry's install form and `chattui mcp add`.
public enum ConnectorNaming {
    public static let nameRule = "letters, digits, - and _ only"

    /// Why a name cannot be a new connector's, or nil. Letters and digits of any script, `-` and `_`:
    /// nothing that could pass for another name or reach a file name unchanged as punctuation.
    public static func nameProblem(_ name: String) -> String? {
        name.isEmpty || !name.allSatisfy(isNameCharacter) ? nameRule : nil
    }

    /// A name spelled from free text (a registry entry's), each other character made a `-`.
    public static func name(from text: String) -> String {
        String(text.map { isNameCharacter($0) ? $0 : "-" })
    }

    /// Why a remote connector's URL cannot be used, or nil: https, or plain http to this machine only,
    /// since a token or header sent over plain http to another host can be read on the way.
    public static func addressProblem(_ url: URL) -> String? {
        guard let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme), let host = url.host, !host.isEmpty else {
            return "not a valid http(s) URL"
        }
        guard scheme == "https" || ["127.0.0.1", "localhost", "::1", "[::1]"].contains(host.lowercased()) else {
            return "use https (plain http only for a server on this machine)"
        }
        return nil
    }

    private static func isNameCharacter(_ character: Character) -> Bool {
        character.isLetter || character.isNumber || character == "-" || character == "_"
    }
}
