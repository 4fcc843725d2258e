import ChatFeatures
import ConnectorMenu
import ConnectorRegistry
import Foundation
import HTTPStreaming
import MCPClient

/// Loading the connectors directory and installing from it.
extension ChatSession {
    /// The shipped catalogue: beside an installed binary, or the source tree's `catalog/` when run from a build.
    static var shippedCatalogue: URL {
        let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        let installed = executable.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("share/chattui/catalog/connectors.json")
        let sourceTree = AppPaths.sourceTree.appendingPathComponent("catalog/connectors.json")
        return FileManager.default.fileExists(atPath: installed.path) ? installed : sourceTree
    }

    func loadDirectory() {
        let source = directorySource
        let post = self.post
        let policy = self.policy
        Task {
            let result = await Self.directory(from: source)
            post(.directoryLoaded(result))
            if case .success(let directory) = result { post(.registry(.curatedBlocked(Self.blockedEntries(directory, policy: policy)))) }
        }
    }

    public static func directory(from source: String?, environment: [String: String] = ProcessInfo.processInfo.environment) async -> Result<ConnectorDirectory, DirectoryError> {
        do {
            if let source, let url = URL(string: source), url.scheme == "http" || url.scheme == "https" {
                return .success(try ConnectorDirectory.parse(try await fetch(url, environment: environment)))
            }
            let path = source.map { ($0 as NSString).expandingTildeInPath } ?? shippedCatalogue.path
            guard let data = FileManager.default.contents(atPath: path) else { throw DirectoryError.missing(path) }
            return .success(try ConnectorDirectory.parse(data))
        } catch let error as DirectoryError {
            return .failure(error)
        } catch {
            return .failure(.invalid("\(error)"))
        }
    }

    /// Fetches a URL catalogue; a failure names its cause (DNS, refused, TLS, proxy, timeout, status) and what to try.
    private static func fetch(_ url: URL, environment: [String: String]) async throws -> Data {
        let response: HTTPResponse
        do {
            response = try await CurlRequest.fetch("GET", url, headers: ["accept": "application/json"])
        } catch {
            throw DirectoryError.network(RegistryError.transfer(error, url: url, environment: environment).cause)
        }
        guard (200..<300).contains(response.status) else { throw DirectoryError.network(RegistryError.status(response.status, url: url.absoluteString).cause) }
        return response.body
    }

    /// Adds a connector the person typed in; it connects and is on here, its calls asking until it is trusted.
    func addCustom(_ connector: CustomConnector) {
        add(name: connector.name, title: connector.name, fields: connector.entry, isCustom: true)
    }

    /// Adds a directory entry to the person's configuration and connects it.
    func install(_ entry: DirectoryEntry) {
        add(name: entry.name, title: entry.title, fields: Self.fields(for: entry), isCustom: false)
    }

    /// A directory entry's `mcpServers` entry.
    static func fields(for entry: DirectoryEntry) -> [String: Any] {
        let fields: [String: Any]
        switch entry.transport {
        case "stdio":
            switch entry.command {
            case "builtin:tasks": fields = BuiltinConnectorSetup.entry("tasks")
            case "builtin:files": fields = BuiltinConnectorSetup.entry("files")
            default: fields = ["command": entry.command ?? "", "args": entry.args ?? []]
            }
        default:
            fields = ["type": entry.transport, "url": entry.url ?? ""]
        }
        return fields
    }

    /// Writes a connector to the person's file, reads the roster back (the policy applied as
    /// everywhere), and starts connecting it; one that may not run is taken out again, saying why.
    private func add(name: String, title: String, fields: [String: Any], isCustom: Bool) {
        let post = self.post
        var fields = fields
        // The directory's connectors start trusted; a custom one asks for every call until the person trusts it.
        if !isCustom { fields["trusted"] = true }
        do {
            try files.add(name: name, entry: fields)
        } catch {
            post(.failed("Could not add \(title) to \(files.userFile.path): \(error)"))
            post(.connectorRemoved(name))
            return
        }
        connect(name: name, title: title, isCustom: isCustom)
    }

    /// Reads the roster back with a connector just written (the policy applied as everywhere) and
    /// starts connecting it; one that may not run is taken out again, saying why.
    func connect(name: String, title: String, isCustom: Bool) {
        let post = self.post
        let member = reloadRoster()[name]
        guard let member, member.standing == .runs, let configuration = member.configuration else {
            _ = try? files.remove(name: name)
            reloadRoster()
            post(.failed("\(title) was not added: \(member?.reason ?? "its configuration did not load; see chattui doctor")."))
            post(.connectorRemoved(name))
            return
        }
        post(.connectorChanged(ConnectorInfoBuilder.starting(member)))
        post(.flash(Flash(text: isCustom ? "Added \(title), on in this conversation only. Every call it makes asks until you trust it (t)."
                          : "Installed \(title): on in this conversation, connecting…", isError: false)))
        let manager = self.manager
        Task { await manager.add(configuration) }
    }
}
