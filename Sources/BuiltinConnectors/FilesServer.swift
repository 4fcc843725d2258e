import Foundation
import MCP

/// The built-in Files connector: search and read text files under the roots the
/// person configured, and nothing else (read-only, no path escapes a root, symlinks included,
/// and nothing that may hold secrets: `SecretPaths`).
public struct FilesServer: Sendable {
    let roots: [URL]
    let secrets: SecretPaths
    /// Files larger than this are not read or searched.
    static let maximumFileSize = 2 * 1024 * 1024

    /// `roots` must exist; they are resolved (symlinks followed) once, here.
    public init(roots: [String], secrets: SecretPaths) throws {
        self.secrets = secrets
        guard !roots.isEmpty else { throw FilesError.refused("No roots: start it with --root DIR.") }
        self.roots = try roots.map { path in
            let resolved = URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath()
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: resolved.path, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw FilesError.refused("The root \(path) is not a folder.")
            }
            return resolved
        }
    }

    /// The root when none is named: the folder it was started in, unless that is `/` or the
    /// home folder (or above it): those are served only when named with `--root`.
    public static func defaultRoot(workingDirectory: String, home: String) throws(FilesError) -> String {
        if let refusal = defaultRootRefusal(workingDirectory: workingDirectory, home: home) {
            throw .refused("Files is \(refusal) (chattui serve files --root DIR).")
        }
        return URL(fileURLWithPath: workingDirectory).standardizedFileURL.resolvingSymlinksInPath().path
    }

    /// Why Files serves nothing by default when started in `workingDirectory`, as a standing
    /// ("not serving your home folder — …"); nil when it serves that folder.
    public static func defaultRootRefusal(workingDirectory: String, home: String) -> String? {
        let folder = URL(fileURLWithPath: workingDirectory).standardizedFileURL.resolvingSymlinksInPath().path
        let homeFolder = URL(fileURLWithPath: home).standardizedFileURL.resolvingSymlinksInPath().path
        guard folder == "/" || folder == homeFolder || homeFolder.hasPrefix(folder + "/") else { return nil }
        let what = folder == homeFolder ? "your home folder" : folder
        return "not serving \(what) — start chattui in a project folder or set roots with --root"
    }

    public func serveOverStdio() async throws {
        let server = Server(name: "chattui-files", version: "1.0.0", title: "Files",
                            instructions: "Read-only access to text files under: " + roots.map(\.path).joined(separator: ", "),
                            capabilities: .init(tools: .init(listChanged: false)))
        let tools = Self.tools
        await server.withMethodHandler(ListTools.self) { _ in .init(tools: tools) }
        await server.withMethodHandler(CallTool.self) { [self] parameters in
            do {
                return try call(parameters.name, arguments: ToolArguments(parameters.arguments ?? [:]))
            } catch let error as FilesError {
                return .init(content: [.text(text: error.description, annotations: nil, _meta: nil)], isError: true)
            }
        }
        try await server.start(transport: StdioTransport())
        await server.waitUntilCompleted()
    }

    func call(_ name: String, arguments: ToolArguments) throws(FilesError) -> CallTool.Result {
        switch name {
        case "list_roots":
            return Self.result(roots.map(\.path).joined(separator: "\n"), ["roots": .array(roots.map { .string($0.path) })])
        case "list_directory":
            let folder = try resolve(arguments.string("path") ?? ".")
            let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
                .filter { !$0.hasPrefix(".") && !isSecret(folder.appendingPathComponent($0)) }.sorted()
            let entries = names.map { name -> String in
                var isDirectory: ObjCBool = false
                _ = FileManager.default.fileExists(atPath: folder.appendingPathComponent(name).path, isDirectory: &isDirectory)
                return isDirectory.boolValue ? name + "/" : name
            }
            return Self.result(entries.isEmpty ? "(empty)" : entries.joined(separator: "\n"), ["entries": .array(entries.map(Value.string))])
        case "read_file":
            let file = try resolve(try required(arguments, "path"))
            return Self.result(try read(file), ["path": .string(file.path)])
        case "search_files":
            let query = try required(arguments, "query")
            let matches = search(query, limit: arguments.integer("limit").map(Int.init) ?? 20)
            let text = matches.isEmpty ? "No file matches “\(query)”." : matches.map { "\($0.path)\($0.line.map { ": \($0)" } ?? "")" }.joined(separator: "\n")
            return Self.result(text, ["matches": .array(matches.map { .object(["path": .string($0.path), "line": $0.line.map(Value.string) ?? .null]) })])
        default:
            throw .refused("Files has no tool named \(name).")
        }
    }

    private func required(_ arguments: ToolArguments, _ key: String) throws(FilesError) -> String {
        guard let value = arguments.string(key) else { throw .refused("“\(key)” is required.") }
        return value
    }

    /// The real location of `path` (relative paths start at the first root), refused unless inside a root
    /// once `..` and every symlink are resolved, and refused when it, or what it points to, may hold secrets.
    /// A path outside the roots is refused as such before its name is judged: `allow` could not open it.
    func resolve(_ path: String) throws(FilesError) -> URL {
        let candidate = (path.hasPrefix("/") ? URL(fileURLWithPath: path) : roots[0].appendingPathComponent(path)).standardizedFileURL
        let readable = "the folders Files may read (\(roots.map(\.path).joined(separator: ", ")))"
        guard isInsideRoots(candidate) || isInsideRoots(candidate.resolvingSymlinksInPath()) else { throw .refused("\(path) is outside \(readable).") }
        if let refusal = secrets.refusal(for: candidate.path) { throw .refused(refusal) }
        let resolved = candidate.resolvingSymlinksInPath()
        guard FileManager.default.fileExists(atPath: resolved.path) else { throw .refused("\(path) does not exist.") }
        guard isInsideRoots(resolved) else { throw .refused("\(path) is a link to \(resolved.path), outside \(readable).") }
        if let refusal = secrets.refusal(for: resolved.path) { throw .refused(refusal) }
        return resolved
    }

    /// Whether an entry, by its name or by where it leads, may hold secrets.
    private func isSecret(_ entry: URL) -> Bool {
        secrets.refusal(for: entry.path) != nil || secrets.refusal(for: entry.resolvingSymlinksInPath().path) != nil
    }

    private func isInsideRoots(_ resolved: URL) -> Bool {
        roots.contains { resolved.path == $0.path || resolved.path.hasPrefix($0.path + "/") }
    }

    private func read(_ file: URL) throws(FilesError) -> String {
        let size = (try? FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int) ?? 0
        guard size <= Self.maximumFileSize else { throw .refused("\(file.path) is \(size / 1024) KiB; Files reads text files up to 2 MiB.") }
        guard let data = FileManager.default.contents(atPath: file.path) else { throw .refused("\(file.path) cannot be read.") }
        guard !data.contains(0), let text = String(data: data, encoding: .utf8) else { throw .refused("\(file.path) is not a UTF-8 text file.") }
        if let refusal = secrets.refusal(for: file.path, holding: text) { throw .refused(refusal) }
        return text
    }

    /// Files whose name contains the query, then lines that contain it; hidden files and folders, files
    /// that resolve outside the roots and anything that may hold secrets are skipped, names included.
    func search(_ query: String, limit: Int) -> [(path: String, line: String?)] {
        let needle = query.lowercased()
        var matches: [(String, String?)] = []
        for root in roots {
            guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey, .fileSizeKey],
                                                              options: [.skipsHiddenFiles]) else { continue }
            for case let url as URL in walker {
                guard matches.count < limit else { return matches }
                if secrets.refusal(for: url.path) != nil { walker.skipDescendants(); continue }
                let file = url.resolvingSymlinksInPath()
                let values = try? file.resourceValues(forKeys: [.isRegularFileKey, .fileSizeKey])
                guard values?.isRegularFile == true, isInsideRoots(file), secrets.refusal(for: file.path) == nil else { continue }
                if url.lastPathComponent.lowercased().contains(needle) { matches.append((url.path, nil)); continue }
                guard (values?.fileSize ?? 0) <= Self.maximumFileSize, let data = FileManager.default.contents(atPath: file.path),
                      !data.contains(0), let text = String(data: data, encoding: .utf8),
                      secrets.refusal(for: file.path, holding: text) == nil else { continue }
                if let line = text.split(separator: "\n").first(where: { $0.lowercased().contains(needle) }) {
                    matches.append((url.path, String(line.prefix(200))))
                }
            }
        }
        return matches
    }

    static func result(_ text: String, _ structured: [String: Value]) -> CallTool.Result {
        .init(content: [.text(text: text, annotations: nil, _meta: nil)], structuredContent: .object(structured))
    }

    static let reads = Tool.Annotations(readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false)

    static let tools: [Tool] = [
        Tool(name: "list_roots", title: "List roots", description: "The folders Files may read.",
             inputSchema: TasksServer.schema([:]), annotations: reads),
        Tool(name: "list_directory", title: "List a folder", description: "Names in a folder under a root (folders end in /).",
             inputSchema: TasksServer.schema(["path": .object(["type": "string", "description": "Relative to the first root, or absolute"])]),
             annotations: reads),
        Tool(name: "read_file", title: "Read a file", description: "A UTF-8 text file's contents (up to 2 MiB).",
             inputSchema: TasksServer.schema(["path": .object(["type": "string"])], required: ["path"]), annotations: reads),
        Tool(name: "search_files", title: "Search files", description: "Files whose name or a line contains the query (case-insensitive).",
             inputSchema: TasksServer.schema(["query": .object(["type": "string", "minLength": 1]), "limit": .object(["type": "integer", "minimum": 1])],
                                             required: ["query"]), annotations: reads),
    ]
}

public enum FilesError: Error, Equatable, CustomStringConvertible {
    case refused(String)
    public var description: String {
        switch self { case .refused(let reason): return reason }
    }
}
