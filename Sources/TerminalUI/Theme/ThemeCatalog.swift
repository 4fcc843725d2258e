import Foundation

/// All themes found in the built-in folder and the user's config folder.
/// Files that fail to load are kept as errors so the app can name them.
public struct ThemeCatalog {
    public private(set) var themes: [String: Theme] = [:]
    public private(set) var errors: [ThemeError] = []

    public static let defaultName = "dark"

    /// Loads every `*.toml` in `directories`; later folders override earlier ones by name.
    public init(directories: [URL]) {
        var definitions: [String: ThemeDefinition] = [:]
        for directory in directories {
            let files = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
            for file in files.sorted() where file.hasSuffix(".toml") {
                let path = directory.appendingPathComponent(file).path
                guard let data = FileManager.default.contents(atPath: path) else {
                    errors.append(ThemeError(file: path, line: nil, message: "cannot be read"))
                    continue
                }
                do {
                    let definition = try ThemeDefinition.parse(String(decoding: data, as: UTF8.self), file: path)
                    definitions[definition.name] = definition
                } catch {
                    errors.append(error)
                }
            }
        }
        for (name, definition) in definitions {
            do { themes[name] = try definition.resolve(with: definitions) } catch { errors.append(error) }
        }
        errors.sort { $0.file < $1.file }
    }

    public var names: [String] { themes.keys.sorted() }

    /// The named theme, else the default, else the colourless fallback.
    public func theme(named name: String?) -> Theme {
        name.flatMap { themes[$0] } ?? themes[Self.defaultName] ?? .monochrome
    }
}
