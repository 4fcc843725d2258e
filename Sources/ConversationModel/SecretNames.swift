/// Whether a name (a form field's, an environment variable's) asks for a secret: one rule for masking a
/// field a server forgot to mark and for warning before a project's file passes on one of the person's variables.
public enum SecretNames {
    public static func looksSecret(_ name: String) -> Bool {
        // Words of snake_case, kebab-case, camelCase and titles alike: "sshKey", "SSH key", "ssh_key", "OPENAI_API_KEY".
        var spaced = ""
        var previous: Character?
        for character in name {
            if character.isUppercase, previous?.isLowercase == true { spaced.append(" ") }
            spaced.append(character.isLetter || character.isNumber ? Character(character.lowercased()) : " ")
            previous = character
        }
        let words = spaced.split(separator: " ").map(String.init)
        let pairs = zip(words, words.dropFirst()).map { $0 + $1 }
        return !secretWords.isDisjoint(with: words + pairs)
    }

    private static let secretWords: Set<String> = [
        "password", "passwd", "pwd", "passphrase", "secret", "token", "pin", "otp", "pat", "credential", "credentials",
        "apikey", "privatekey", "sshkey", "accesskey", "secretkey", "accesstoken", "authtoken",
    ]
}
