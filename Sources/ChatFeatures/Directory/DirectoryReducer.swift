import ConnectorMenu
import ConversationModel
import TerminalUI

/// The directory is `DirectoryFeature` (in ConnectorMenu); the root opens it, hands it keys and the
/// live side's answers, and does what it asks: installing, the install form, the registry's requests.
extension AppReducer {
    func openDirectory(_ state: inout AppState) -> [Effect] {
        state.overlay = .directory(DirectoryFeature.State())
        return [.loadDirectory]
    }

    func directoryLoaded(_ result: Result<ConnectorDirectory, DirectoryError>, in state: inout AppState) {
        _ = reduceOpenDirectory(.loaded(result), in: &state)
    }

    func reduceRegistry(_ action: RegistryAction, in state: inout AppState) -> [Effect] {
        reduceOpenDirectory(.registry(action), in: &state)
    }

    func reduceDirectory(_ state: inout AppState, key: KeyEvent) -> [Effect] {
        reduceOpenDirectory(.key(key), in: &state)
    }

    /// Answers for the directory arrive after it may have closed: they go nowhere then.
    private func reduceOpenDirectory(_ action: DirectoryFeature.Action, in state: inout AppState) -> [Effect] {
        guard case .directory(var panel)? = state.overlay else { return [] }
        let delegates = DirectoryFeature.reduce(&panel, action, installed: Set(state.connectors.keys), keymap: keymap)
        state.overlay = .directory(panel)
        return delegates.flatMap { directoryAsked($0, in: &state) }
    }

    private func directoryAsked(_ delegate: DirectoryFeature.Delegate, in state: inout AppState) -> [Effect] {
        switch delegate {
        case .close:
            state.overlay = nil
        case .flash(let text, let isError):
            state.flash = Flash(text: text, isError: isError)
        case .install(let entry):
            state.connectorUses[entry.name] = .on
            state.signInWhenNeeded.insert(entry.name)
            return [.installConnector(entry, conversation: state.conversation.id)]
        case .installForm(let entry, let title, let note, let schema):
            state.overlay = .form(FormPanel(purpose: .registryInstall(entry), title: title, note: note, schema: schema))
        case .registry(let effect):
            return [.registry(effect)]
        }
        return []
    }

    /// The install form was filled in: the connector's name is checked here, the rest by the plan.
    func submitRegistryInstall(_ form: FormPanel, entry: String, arguments: JSONValue, in state: inout AppState) -> [Effect] {
        var values = (arguments.objectValue ?? [:]).compactMapValues { value -> String? in
            if case .bool(let flag) = value { return flag ? "true" : "false" }
            return value.stringValue
        }
        let name = (values.removeValue(forKey: RegistryEntryDetails.nameField) ?? "").trimmingCharacters(in: .whitespaces)
        let problem: String? = if let rule = ConnectorNaming.nameProblem(name) {
            "connector name: \(rule)"
        } else if state.connectors[name] != nil {
            "connector name: \(name) exists already; choose another"
        } else { nil }
        if let problem {
            var form = form
            _ = FormFeature.reduce(&form, .refused(problem, field: 0), keymap: keymap)
            state.overlay = .form(form)
            return []
        }
        showAdded(name, saying: "Installing \(name) from the registry…", in: &state)
        return [.registry(.install(entry: entry, name: name, values: values, conversation: state.conversation.id))]
    }
}
