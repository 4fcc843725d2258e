import ConversationModel
import Foundation
import TerminalUI

/// A connector the person adds by hand: a remote URL or a local command line.
public struct CustomConnector: Equatable, Sendable {
    public enum Target: Equatable, Sendable {
        case remote(url: String, headers: [String: String])
        case local(command: String, arguments: [String])
    }

    public var name: String
    public var target: Target
    public var clientID: String?
    public var clientSecret: String?

    public struct Problem: Error, Equatable {
        public var field: Int
        public var message: String
    }

    public init(name: String, target: Target, clientID: String?, clientSecret: String?) {
        self.name = name
        self.target = target
        self.clientID = clientID
        self.clientSecret = clientSecret
    }

    /// Checks the custom-connector form's values (keyed as `formSchema` names them).
    public static func make(_ values: [String: String], existing: Set<String>) -> Result<CustomConnector, Problem> {
        let name = (values["1 name"] ?? "").trimmingCharacters(in: .whitespaces)
        if let problem = ConnectorNaming.nameProblem(name) { return .failure(Problem(field: 0, message: "name: \(problem)")) }
        guard !existing.contains(name) else { return .failure(Problem(field: 0, message: "name: \(name) exists already")) }
        let address = (values["2 url or command"] ?? "").trimmingCharacters(in: .whitespaces)
        var headers: [String: String] = [:]
        for pair in (values[headersField] ?? "").split(separator: headerSeparator) where !pair.trimmingCharacters(in: .whitespaces).isEmpty {
            guard let colon = pair.firstIndex(of: ":") else { return .failure(Problem(field: 2, message: "headers: “Name: value”, separated by \(headerSeparator)")) }
            headers[pair[..<colon].trimmingCharacters(in: .whitespaces)] = pair[pair.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        let target: Target
        if address.lowercased().hasPrefix("http://") || address.lowercased().hasPrefix("https://") {
            guard let url = URL(string: address) else { return .failure(Problem(field: 1, message: "url: not a valid URL")) }
            if let problem = ConnectorNaming.addressProblem(url) { return .failure(Problem(field: 1, message: "url: \(problem)")) }
            target = .remote(url: address, headers: headers)
        } else {
            let words = address.split(whereSeparator: \.isWhitespace).map(String.init)
            guard let command = words.first else { return .failure(Problem(field: 1, message: "url or command: required")) }
            target = .local(command: command, arguments: Array(words.dropFirst()))
        }
        func optional(_ key: String) -> String? { values[key].flatMap { $0.isEmpty ? nil : $0 } }
        return .success(CustomConnector(name: name, target: target, clientID: optional("4 oauth client id"), clientSecret: optional("5 oauth client secret")))
    }

    /// Its entry in connectors.json.
    public var entry: [String: Any] {
        var fields: [String: Any]
        switch target {
        case .remote(let url, let headers):
            fields = ["type": "http", "url": url]
            if !headers.isEmpty { fields["headers"] = headers }
        case .local(let command, let arguments):
            fields = ["command": command, "args": arguments]
        }
        var oauth: [String: String] = [:]
        if let clientID { oauth["clientId"] = clientID }
        if let clientSecret { oauth["clientSecret"] = clientSecret }
        if !oauth.isEmpty { fields["oauth"] = oauth }
        return fields
    }
}

extension CustomConnector {
    public static let formTitle = "Add custom connector"

    /// What the form says first: nobody vouches for a connector added by hand.
    public static func formNote(keymap: Keymap) -> String {
        "Custom connectors are not verified by anyone: add only servers you trust. It is on in this conversation, and every call it makes asks until you trust it"
            + (keymap.key(for: .trust, in: .connectorDetails).map { " (\($0) in its details)." } ?? ".")
    }

    /// Headers are typed on one line, each “Name: value”, separated by this.
    static let headerSeparator: Character = ";"
    static let headersField = "3 headers"

    /// The form: `formSchema`, where header lines pasted into the headers field stay separate headers.
    public static var form: ArgumentForm {
        var form = ArgumentForm(schema: formSchema, arguments: .object([:]))
        if let headers = form.fields.firstIndex(where: { $0.name == headersField }) { form.fields[headers].pastedLineBreak = "\(headerSeparator) " }
        return form
    }

    /// Name, then a URL (https, or http on this machine) or a command line; then the advanced fields.
    static let formSchema: JSONValue = .object([
        "type": .string("object"),
        "properties": .object([
            "1 name": .object(["type": .string("string"), "description": .string("Letters, digits, - and _")]),
            "2 url or command": .object(["type": .string("string"), "description": .string("https://… (http only on 127.0.0.1), or a command line for a local server")]),
            "3 headers": .object(["type": .string("string"), "description": .string("Advanced: extra headers, “Name: value; Other: value”")]),
            "4 oauth client id": .object(["type": .string("string"), "description": .string("Advanced: when the server wants a registered client")]),
            "5 oauth client secret": .object(["type": .string("string"), "description": .string("Advanced: stored in connectors.json (mode 0600)")]),
        ]),
        "required": .array([.string("1 name"), .string("2 url or command")]),
    ])
}
