import ChatFeatures
import ConnectorMenu
import ConnectorRegistry
import ConversationModel
import Foundation
import MCPClient

/// The directory's Registry tab, live: `RegistryBrowser` answers, turned into the feature's plain values
/// (each entry marked when the policy would block it), and installs through `RegistryInstaller`.
extension ChatSession {
    /// How long typing must pause before the registry is searched.
    static let registryPause = Duration.milliseconds(150)

    func runRegistry(_ effect: RegistryEffect) {
        let post = self.post
        if case .pause(let keystroke) = effect {
            Task {
                try? await Task.sleep(for: Self.registryPause)
                post(.registry(.pauseEnded(keystroke)))
            }
            return
        }
        let browser: RegistryBrowser
        switch registry {
        case .failure(let error):
            if effect == .open { post(.registry(.opened(.failure(InstallRefusal(error.description))))) }
            return
        case .success(let found): browser = found
        }
        let policy = self.policy
        switch effect {
        case .open:
            Task {
                do throws(RegistryError) {
                    post(.registry(.opened(.success(Self.status(try await browser.open())))))
                } catch {
                    post(.registry(.opened(.failure(InstallRefusal(error.description)))))
                }
            }
        case .search(let text):
            Task { if let results = await browser.search(text) { post(.registry(.answered(Self.page(results, isNextPage: false, policy: policy)))) } }
        case .more:
            Task { if let results = await browser.more() { post(.registry(.answered(Self.page(results, isNextPage: true, policy: policy)))) } }
        case .details(let name):
            Task {
                do throws(RegistryError) {
                    let entry = try await browser.details(name)
                    post(.registry(.detailsLoaded(.success(Self.details(entry, source: await browser.source, policy: policy)))))
                } catch {
                    post(.registry(.detailsLoaded(.failure(InstallRefusal("The details of \(name) could not be loaded: \(error)")))))
                }
            }
        case .install(let name, let connector, let values, _):
            Task { await self.installFromRegistry(name, as: connector, values: values, browser: browser) }
        case .pause:
            break
        }
    }

    /// Writes the entry as a custom connector (its secrets apart, 0600) and connects it, on here only.
    private func installFromRegistry(_ name: String, as connector: String, values: [String: String], browser: RegistryBrowser) async {
        do {
            let plan = try RegistryInstallPlan(try await browser.details(name))
            let composition = self.composition
            try RegistryInstaller(files: files, connectorSet: { composition.connectorSet() }).install(plan, as: connector, values: values)
            connect(name: connector, title: connector, isCustom: true)
        } catch {
            post(.failed("\(connector) was not installed: \(error)"))
            post(.connectorRemoved(connector))
        }
    }

    static func status(_ status: RegistryBrowser.Status) -> RegistryStatus {
        RegistryStatus(count: status.count, credit: RegistryDetails.credit(status.source),
                       copyDate: status.copyDate.formatted(date: .abbreviated, time: .shortened), offline: status.offline?.description)
    }

    static func page(_ results: RegistryBrowser.Results, isNextPage: Bool, policy: ConnectorPolicy) -> RegistryPage {
        let listings = results.entries.map { entry in
            // The summary starts with the name, which the title column shows already when there is no title.
            let summary = RegistryDetails.summary(entry)
            return RegistryListing(name: entry.name, title: entry.server.title ?? entry.name,
                                   summary: entry.server.title == nil && summary.hasPrefix(entry.name + " ") ? String(summary.dropFirst(entry.name.count + 1)) : summary,
                            blocked: blockReason(entry, policy: policy))
        }
        return RegistryPage(query: results.query, listings: listings, total: results.total, hasMore: results.hasMore,
                            isNextPage: isNextPage, problem: results.problem?.description)
    }

    static func details(_ entry: RegistryEntry, source: URL, policy: ConnectorPolicy) -> RegistryEntryDetails {
        let lines = RegistryDetails(entry).lines.map { RegistryEntryDetails.Line(label: $0.label, text: $0.text) }
        let form: Result<JSONValue, InstallRefusal>
        let target: [String]
        let warnings: [String]
        do {
            let plan = try RegistryInstallPlan(entry)
            form = .success(installSchema(plan))
            target = plan.target
            warnings = plan.warnings
        } catch {
            form = .failure(InstallRefusal(error.description))
            target = []
            warnings = []
        }
        return RegistryEntryDetails(name: entry.name, title: entry.server.title ?? entry.name, lines: lines, credit: RegistryDetails.credit(source),
                                    form: form, target: target, warnings: warnings, blocked: blockReason(entry, policy: policy))
    }
}
