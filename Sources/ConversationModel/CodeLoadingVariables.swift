/// Environment variables that make a program load code of the setter's choosing (a preloaded library,
/// interpreter options, a startup script): one rule for the registry's install review and the question
/// before a folder's `.mcp.json` is approved.
public enum CodeLoadingVariables {
    public static func loadsCode(_ name: String) -> Bool {
        name.hasPrefix("LD_") || name.hasPrefix("DYLD_") || name.hasPrefix("PYTHON") || ["NODE_OPTIONS", "NODE_PATH", "BASH_ENV", "ENV"].contains(name)
    }
}
