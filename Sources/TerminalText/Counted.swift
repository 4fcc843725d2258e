/// A count with its noun agreeing: "1 tool", "2 tools", "0 tools". Every message that counts
/// things says it through here, so none says "1 tools".
/// `plural` is for nouns that do not just take an "s" ("1 entry", "2 entries").
public func counted(_ number: Int, _ singular: String, plural: String? = nil) -> String {
    "\(number) " + (number == 1 ? singular : plural ?? singular + "s")
}
