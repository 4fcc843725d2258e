import Foundation
import TOMLKit
import TerminalText

/// A theme file that could not be used, with where the problem is.
public struct ThemeError: Error, Equatable, CustomStringConvertible {
    let file: String
    let line: Int?
    let message: String

    public var description: String {
        line.map { "\(file):\($0): \(message)" } ?? "\(file): \(message)"
    }
}

/// Reads `themes/*.toml`: a `[palette]` of named colours, an optional
/// `inherits = "name"`, and `[scopes]` whose keys are dotted scope names.
/// A scope's value is a colour (its foreground) or a table with `fg`, `bg`,
/// `bold`, `italic`, `underline`, `reverse`, `dim`.
public struct ThemeDefinition: Equatable {
    let name: String
    let file: String
    let inherits: String?
    let palette: [String: String]
    let scopes: [String: [String: String]]
    let source: String

    static let styleKeys: Set<String> = ["fg", "bg", "bold", "italic", "underline", "reverse", "dim"]

    static func parse(_ source: String, file: String) throws(ThemeError) -> ThemeDefinition {
        let name = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
        let table: TOMLTable
        do {
            table = try TOMLTable(string: source)
        } catch let error as TOMLParseError {
            throw ThemeError(file: file, line: error.source.begin.line, message: error.description)
        } catch {
            throw ThemeError(file: file, line: nil, message: "\(error)")
        }
        var palette: [String: String] = [:]
        if let paletteTable = table["palette"]?.table {
            for key in paletteTable.keys {
                guard let value = paletteTable[key]?.string else {
                    throw ThemeError(file: file, line: line(of: key, in: source), message: "palette colour \"\(key)\" must be a string")
                }
                palette[key] = value
            }
        }
        var scopes: [String: [String: String]] = [:]
        if let scopeTable = table["scopes"]?.table {
            try collectScopes(scopeTable, prefix: "", into: &scopes, file: file, source: source)
        }
        return ThemeDefinition(name: name, file: file, inherits: table["inherits"]?.string,
                               palette: palette, scopes: scopes, source: source)
    }

    private static func collectScopes(_ table: TOMLTable, prefix: String, into scopes: inout [String: [String: String]],
                                      file: String, source: String) throws(ThemeError) {
        var own: [String: String] = [:]
        for key in table.keys {
            let value = table[key]
            let scope = prefix.isEmpty ? key : prefix + "." + key
            if let colour = value?.string, !styleKeys.contains(key) {
                scopes[scope] = ["fg": colour]
            } else if let child = value?.table {
                try collectScopes(child, prefix: scope, into: &scopes, file: file, source: source)
            } else if styleKeys.contains(key) {
                if let text = value?.string { own[key] = text } else if let flag = value?.bool { own[key] = flag ? "true" : "false" } else {
                    throw ThemeError(file: file, line: line(of: key, in: source), message: "\"\(scope)\" must be a colour or true/false")
                }
            } else {
                throw ThemeError(file: file, line: line(of: key, in: source), message: "\"\(scope)\" must be a colour or a table of fg, bg, bold, ...")
            }
        }
        if !own.isEmpty && !prefix.isEmpty { scopes[prefix] = own }
    }

    /// The first line mentioning `needle`, for messages about values TOML accepted.
    static func line(of needle: String, in source: String) -> Int? {
        for (index, line) in source.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
        where line.contains(needle) && !line.trimmingCharacters(in: .whitespaces).hasPrefix("#") {
            return index + 1
        }
        return nil
    }
}

extension ThemeDefinition {
    /// Builds the theme, following `inherits` through `others` (cycles are errors).
    func resolve(with others: [String: ThemeDefinition], seen: Set<String> = []) throws(ThemeError) -> Theme {
        var palette: [String: String] = [:]
        var scopes: [String: [String: String]] = [:]
        if let parentName = inherits {
            guard !seen.contains(parentName), parentName != name else {
                throw ThemeError(file: file, line: Self.line(of: "inherits", in: source), message: "inherits from itself through \"\(parentName)\"")
            }
            guard let parent = others[parentName] else {
                throw ThemeError(file: file, line: Self.line(of: "inherits", in: source), message: "inherits from unknown theme \"\(parentName)\"")
            }
            // Resolving the parent first reports its own errors and any cycle through it.
            _ = try parent.resolve(with: others, seen: seen.union([name]))
            palette = parent.flattenedPalette(with: others)
            scopes = parent.flattenedScopes(with: others)
        }
        palette.merge(self.palette) { $1 }
        scopes.merge(self.scopes) { $1 }
        var styles: [String: Style] = [:]
        for (scope, fields) in scopes.sorted(by: { $0.key < $1.key }) {
            styles[scope] = try style(scope: scope, fields: fields, palette: palette)
        }
        return Theme(name: name, styles: styles)
    }

    private func flattenedPalette(with others: [String: ThemeDefinition]) -> [String: String] {
        var result = inherits.flatMap { others[$0] }?.flattenedPalette(with: others) ?? [:]
        result.merge(palette) { $1 }
        return result
    }

    private func flattenedScopes(with others: [String: ThemeDefinition]) -> [String: [String: String]] {
        var result = inherits.flatMap { others[$0] }?.flattenedScopes(with: others) ?? [:]
        result.merge(scopes) { $1 }
        return result
    }

    private func style(scope: String, fields: [String: String], palette: [String: String]) throws(ThemeError) -> Style {
        func colour(_ key: String) throws(ThemeError) -> Color? {
            guard let name = fields[key] else { return nil }
            if let parsed = Color(parsing: palette[name] ?? name) { return parsed }
            throw ThemeError(file: file, line: Self.line(of: name, in: source),
                             message: "\"\(scope)\" uses unknown colour \"\(name)\" (not in [palette], not #rrggbb or an ANSI name)")
        }
        var attributes: TextAttributes = []
        let flags: [(String, TextAttributes)] = [("bold", .bold), ("italic", .italic), ("underline", .underline), ("reverse", .reverse), ("dim", .dim)]
        for (key, attribute) in flags where fields[key] == "true" { attributes.insert(attribute) }
        return Style(foreground: try colour("fg"), background: try colour("bg"), attributes: attributes)
    }
}
