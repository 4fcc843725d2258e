/// Reading a namespaced tool id (`connector__tool`, as MCPClient's `ToolNamespace`
/// assigns them) back into its parts, for showing and exporting calls.
public enum ToolID {
    /// An id's connector and tool parts, as far as the id shows them (a cut or renamed id keeps
    /// its connector prefix); an id without the separator is all tool.
    public static func parts(of id: String) -> (connector: String?, tool: String) {
        guard let separator = id.range(of: "__") else { return (nil, id) }
        return (String(id[..<separator.lowerBound]), String(id[separator.upperBound...]))
    }
}
