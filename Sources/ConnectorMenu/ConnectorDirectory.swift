import Foundation

/// One connector in the directory: what it is, how it is reached, how it signs in, what it reads and writes.
public struct DirectoryEntry: Codable, Equatable, Sendable {
    public var name: String
    public var title: String
    public var category: String
    public var description: String
    /// `http`, `sse` or `stdio`.
    public var transport: String
    public var url: String?
    /// For stdio; `builtin:tasks` and `builtin:files` name chattui's own.
    public var command: String?
    public var args: [String]?
    /// `none`, `oauth` or `api_key`.
    public var auth: String
    public var reads: [String]
    public var writes: [String]

    public var address: String { url ?? ([command ?? ""] + (args ?? [])).joined(separator: " ") }

    public var authLabel: String {
        switch auth {
        case "oauth": return "OAuth sign-in"
        case "api_key": return "API key"
        default: return "none"
        }
    }
}

/// The catalogue of connectors by category, as shipped in `catalog/connectors.json` or named by a setting.
public struct ConnectorDirectory: Equatable, Sendable {
    public var categories: [String]
    public var entries: [DirectoryEntry]

    private struct File: Decodable {
        var version: Int
        var categories: [String]
        var connectors: [DirectoryEntry]
    }

    /// Parses a catalogue; a mistake is reported with its line.
    public static func parse(_ data: Data) throws(DirectoryError) -> ConnectorDirectory {
        let file: File
        do {
            file = try JSONDecoder().decode(File.self, from: data)
        } catch let DecodingError.keyNotFound(key, context) {
            throw .invalid("missing “\(key.stringValue)” at \(context.codingPath.map(\.stringValue).joined(separator: "."))")
        } catch DecodingError.dataCorrupted {
            // Not JSON at all: only then parse again, for the line Foundation's parser names.
            do {
                _ = try JSONSerialization.jsonObject(with: data)
            } catch {
                throw .parse(line: line(of: error, in: data), reason: "not valid JSON")
            }
            throw .invalid("not a connectors catalogue")
        } catch {
            throw .invalid("\(error)")
        }
        guard file.version == 1 else { throw .invalid("version \(file.version) is newer than this chattui reads") }
        let unknown = file.connectors.filter { !file.categories.contains($0.category) }.map(\.name)
        guard unknown.isEmpty else { throw .invalid("connectors in no listed category: \(unknown.joined(separator: ", "))") }
        return ConnectorDirectory(categories: file.categories, entries: file.connectors)
    }

    /// The line of a JSON syntax error, from Foundation's "around character N".
    static func line(of error: any Error, in data: Data) -> Int {
        let text = "\((error as NSError).userInfo[NSDebugDescriptionErrorKey] ?? "")"
        guard let range = text.range(of: "character "), let offset = Int(text[range.upperBound...].prefix { $0.isNumber }) else { return 1 }
        return data.prefix(offset).filter { $0 == UInt8(ascii: "\n") }.count + 1
    }

    /// Entries in a category (nil: all) whose name, title, description or category contains every word of `query`.
    public func filtered(category: String?, query: String) -> [DirectoryEntry] {
        let words = query.lowercased().split(whereSeparator: \.isWhitespace)
        return entries.filter { entry in
            guard category == nil || entry.category == category else { return false }
            let haystack = [entry.name, entry.title, entry.description, entry.category].joined(separator: " ").lowercased()
            return words.allSatisfy { haystack.contains($0) }
        }
    }
}

/// Why the directory could not be loaded, and what to try.
public enum DirectoryError: Error, Equatable, Sendable, CustomStringConvertible {
    case missing(String)
    case parse(line: Int, reason: String)
    case network(String)
    case invalid(String)

    public var description: String {
        switch self {
        case .missing(let path): return "the file \(path) does not exist. Point the `directory` setting in config.toml at a catalogue file or URL."
        case .parse(let line, let reason): return "line \(line): \(reason). Fix the catalogue file or point `directory` at another."
        case .network(let reason): return "\(reason). Check the URL, your connection, and any proxy (HTTPS_PROXY) or TLS settings."
        case .invalid(let reason): return "\(reason)."
        }
    }
}
