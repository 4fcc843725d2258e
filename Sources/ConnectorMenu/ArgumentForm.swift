import ConversationModel
import Foundation
import TerminalText

/// A form from a JSON Schema: the one engine behind tool approval, elicitation,
/// card actions, prompt arguments and `/task`. Each field edits as text; this type
/// knows what each field accepts, checks it as the person types, and turns the
/// texts back into JSON.
public struct ArgumentForm: Equatable, Sendable {
    public struct Option: Equatable, Sendable {
        public var value: JSONValue
        public var title: String
    }

    public enum Kind: Equatable, Sendable {
        /// A string; `format` is email, uri, date or date-time when the schema says so.
        case text(format: String?, minLength: Int?, maxLength: Int?)
        case number(isInteger: Bool, minimum: Double?, maximum: Double?)
        case boolean
        /// One of fixed options (`enum`, `oneOf` with `const`, legacy `enumNames`).
        case choice([Option])
        /// Any of fixed options (an array of `enum` or `anyOf` items).
        case multiChoice([Option], minItems: Int?, maxItems: Int?)
        /// An array of strings, typed comma-separated.
        case list
        /// Anything else (deeper objects, arrays of objects), typed as JSON.
        case json(type: String)
    }

    public struct Field: Equatable, Sendable {
        /// Where the value goes: one name, or an object's name then the property's (one level deep).
        public var path: [String]
        public var title: String
        public var kind: Kind
        public var isRequired: Bool
        public var help: String?
        /// `writeOnly` or `format: password`: a secret, masked wherever the form is drawn.
        public var isSecret = false
        /// What a pasted line break becomes on the field's one line: the separator of a field typed as
        /// items (a list's comma), so pasted lines stay separate items; else a space.
        public var pastedLineBreak = " "

        /// The dotted path, as errors and tests name the field.
        public var name: String { path.joined(separator: ".") }

        /// The options of a choice field, as they are typed.
        public var choices: [String] {
            switch kind {
            case .choice(let options), .multiChoice(let options, _, _): return options.map(\.title)
            case .boolean: return ["true", "false"]
            default: return []
            }
        }
    }

    public var fields: [Field]
    /// Each field's starting text: the arguments given, else the schema's default.
    public private(set) var initialValues: [String] = []

    /// Fields for every property in `schema`, in the schema's order (see `propertyNames`), plus any
    /// argument given that the schema does not list; `arguments` fill them in over the defaults.
    /// Local `$ref`s are followed (`LocalReferences`); the schema itself is not changed.
    public init(schema: JSONValue, arguments: JSONValue) {
        fields = []
        initialValues = []
        let references = LocalReferences(root: schema)
        let schema = references.resolve(schema)
        let properties = schema["properties"]?.objectValue ?? [:]
        let required = Set(schema["required"]?.arrayValue?.compactMap(\.stringValue) ?? [])
        var names = Self.propertyNames(of: schema)
        names += (arguments.objectValue ?? [:]).keys.filter { properties[$0] == nil }.sorted()
        for name in names {
            let property = references.resolve(properties[name] ?? .object([:]))
            let given = arguments[name]
            if Self.type(of: property) == "object", let nested = property["properties"]?.objectValue, !nested.isEmpty {
                let nestedRequired = Set(property["required"]?.arrayValue?.compactMap(\.stringValue) ?? [])
                for child in Self.propertyNames(of: property) {
                    add(path: [name, child], schema: references.resolve(nested[child]!), isRequired: required.contains(name) && nestedRequired.contains(child), references: references,
                        given: given?[child] ?? property["default"]?[child])
                }
            } else {
                add(path: [name], schema: property, isRequired: required.contains(name), references: references, given: given)
            }
        }
    }

    /// The properties in the order the schema gives: by each property's `propertyOrder` (the JSON Editor
    /// convention, since JSON objects reach us without their key order), then the `required` list's
    /// order, then by name.
    static func propertyNames(of schema: JSONValue) -> [String] {
        let properties = schema["properties"]?.objectValue ?? [:]
        let required = schema["required"]?.arrayValue?.compactMap(\.stringValue) ?? []
        func rank(_ name: String) -> (Double, Int, String) {
            (properties[name]?["propertyOrder"]?.numberValue ?? .infinity, required.firstIndex(of: name) ?? required.count, name)
        }
        return properties.keys.sorted { rank($0) < rank($1) }
    }

    private mutating func add(path: [String], schema: JSONValue, isRequired: Bool, references: LocalReferences, given: JSONValue?) {
        let kind = Self.kind(of: schema, references: references)
        let title = schema["title"]?.stringValue ?? path.last ?? ""
        let isSecret = schema["writeOnly"] == .bool(true) || schema["format"]?.stringValue == "password"
            || SecretNames.looksSecret(path.last ?? "") || SecretNames.looksSecret(title)  // a server rarely marks its password field
        var field = Field(path: path, title: title, kind: kind, isRequired: isRequired, help: schema["description"]?.stringValue, isSecret: isSecret)
        if kind == .list { field.pastedLineBreak = ", " }
        fields.append(field)
        let start = [given, schema["default"]].compactMap { $0 }.first { $0 != .null }
        initialValues.append(start.map { Self.text($0, for: kind) } ?? "")
    }

    /// Whether the form asks for anything secret.
    public var asksForSecrets: Bool { fields.contains(where: \.isSecret) }

    static func type(of schema: JSONValue) -> String {
        schema["type"]?.stringValue ?? schema["type"]?.arrayValue?.compactMap(\.stringValue).first { $0 != "null" } ?? ""
    }

    static func kind(of schema: JSONValue, references: LocalReferences? = nil) -> Kind {
        if let options = options(of: schema) { return .choice(options) }
        switch type(of: schema) {
        case "string":
            return .text(format: schema["format"]?.stringValue, minLength: schema["minLength"]?.numberValue.map(Int.init),
                         maxLength: schema["maxLength"]?.numberValue.map(Int.init))
        case "integer", "number":
            return .number(isInteger: type(of: schema) == "integer", minimum: schema["minimum"]?.numberValue, maximum: schema["maximum"]?.numberValue)
        case "boolean":
            return .boolean
        case "array":
            let items = references?.resolve(schema["items"] ?? .object([:])) ?? schema["items"] ?? .object([:])
            if let options = options(of: items) ?? items["anyOf"].flatMap(optionsFromList) {
                return .multiChoice(options, minItems: schema["minItems"]?.numberValue.map(Int.init), maxItems: schema["maxItems"]?.numberValue.map(Int.init))
            }
            if type(of: items) == "string" { return .list }
            return .json(type: "array")
        case "object":
            return .json(type: "object")
        default:
            return .json(type: "")
        }
    }

    /// `enum` (titled by `enumNames` when given) or `oneOf` of `const` with `title`.
    static func options(of schema: JSONValue) -> [Option]? {
        if let values = schema["enum"]?.arrayValue, !values.isEmpty {
            let names = schema["enumNames"]?.arrayValue?.compactMap(\.stringValue) ?? []
            return values.enumerated().map { index, value in Option(value: value, title: index < names.count ? names[index] : plain(value)) }
        }
        return schema["oneOf"].flatMap(optionsFromList)
    }

    static func optionsFromList(_ list: JSONValue) -> [Option]? {
        guard let entries = list.arrayValue, !entries.isEmpty else { return nil }
        let options = entries.compactMap { entry -> Option? in
            guard let value = entry["const"] else { return nil }
            return Option(value: value, title: entry["title"]?.stringValue ?? plain(value))
        }
        return options.count == entries.count ? options : nil
    }

    /// A value as a person edits it.
    static func text(_ value: JSONValue, for kind: Kind) -> String {
        switch kind {
        case .choice(let options):
            return options.first { $0.value == value }?.title ?? plain(value)
        case .multiChoice(let options, _, _):
            return (value.arrayValue ?? [value]).map { item in options.first { $0.value == item }?.title ?? plain(item) }.joined(separator: ", ")
        case .list:
            return (value.arrayValue ?? [value]).map(plain).joined(separator: ", ")
        default:
            return plain(value)
        }
    }

    /// Strings as they are, everything else as JSON.
    static func plain(_ value: JSONValue) -> String {
        if case .string(let string) = value { return string }
        return value.jsonText
    }

    // MARK: Checking and converting

    /// What is wrong with `text` for field `index`, if anything: checked as the person types.
    public func problem(_ text: String, field index: Int) -> String? {
        switch value(text, field: fields[index]) {
        case .failure(let problem): return problem.message
        case .success: return nil
        }
    }

    /// The arguments from the typed values, or the first field with a problem and what it is.
    public func arguments(from values: [String]) -> Result<JSONValue, FieldProblem> {
        var object: [String: JSONValue] = [:]
        for (index, field) in fields.enumerated() {
            let text = index < values.count ? values[index] : ""
            switch value(text, field: field) {
            case .failure(let problem): return .failure(FieldProblem(field: index, message: "\(field.title): \(problem.message)"))
            case .success(nil): continue
            case .success(let value?):
                if field.path.count == 2 {
                    var nested = object[field.path[0]]?.objectValue ?? [:]
                    nested[field.path[1]] = value
                    object[field.path[0]] = .object(nested)
                } else {
                    object[field.path[0]] = value
                }
            }
        }
        return .success(.object(object))
    }

    struct Problem: Error {
        var message: String
    }

    /// The field's value from its text; nil for an empty optional field.
    func value(_ text: String, field: Field) -> Result<JSONValue?, Problem> {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty { return field.isRequired ? .failure(Problem(message: "required")) : .success(nil) }
        switch field.kind {
        case .text(let format, let minLength, let maxLength):
            if let minLength, text.count < minLength { return .failure(Problem(message: "at least \(counted(minLength, "character"))")) }
            if let maxLength, text.count > maxLength { return .failure(Problem(message: "at most \(counted(maxLength, "character"))")) }
            if let format, let problem = FormatCheck.problem(trimmed, format: format) { return .failure(Problem(message: problem)) }
            return .success(.string(text))
        case .number(let isInteger, let minimum, let maximum):
            guard let number = Double(trimmed), number.isFinite, !isInteger || number.rounded() == number else {
                return .failure(Problem(message: isInteger ? "a whole number" : "a number"))
            }
            if let minimum, number < minimum { return .failure(Problem(message: "at least \(FormatCheck.number(minimum))")) }
            if let maximum, number > maximum { return .failure(Problem(message: "at most \(FormatCheck.number(maximum))")) }
            return .success(.number(number))
        case .boolean:
            guard trimmed == "true" || trimmed == "false" else { return .failure(Problem(message: "true or false (Space toggles)")) }
            return .success(.bool(trimmed == "true"))
        case .choice(let options):
            guard let option = options.first(where: { $0.title == trimmed }) else {
                return .failure(Problem(message: "one of " + options.map(\.title).joined(separator: ", ")))
            }
            return .success(option.value)
        case .multiChoice(let options, let minItems, let maxItems):
            var chosen: [JSONValue] = []
            for item in Self.items(trimmed) {
                guard let option = options.first(where: { $0.title == item }) else { return .failure(Problem(message: "“\(item)” is not an option")) }
                chosen.append(option.value)
            }
            if let minItems, chosen.count < minItems { return .failure(Problem(message: "choose at least \(minItems)")) }
            if let maxItems, chosen.count > maxItems { return .failure(Problem(message: "choose at most \(maxItems)")) }
            return .success(.array(chosen))
        case .list:
            return .success(.array(Self.items(trimmed).map(JSONValue.string)))
        case .json(let type):
            let parsed = JSONValue.parse(trimmed)
            switch type {
            case "array": return parsed?.arrayValue != nil ? .success(parsed) : .failure(Problem(message: "a JSON array, like [\"a\", \"b\"]"))
            case "object": return parsed?.objectValue != nil ? .success(parsed) : .failure(Problem(message: "a JSON object, like {\"key\": \"value\"}"))
            default: return .success(parsed.flatMap { $0.objectValue != nil || $0.arrayValue != nil ? $0 : nil } ?? .string(text))
            }
        }
    }

    /// Comma-separated items, trimmed, empty ones dropped.
    public static func items(_ text: String) -> [String] {
        text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    public struct FieldProblem: Error, Equatable, Sendable {
        public var field: Int
        public var message: String
    }
}

/// The string formats a form checks: email, uri, date and date-time.
enum FormatCheck {
    static func problem(_ text: String, format: String) -> String? {
        switch format {
        case "email":
            let parts = text.split(separator: "@", omittingEmptySubsequences: false)
            let valid = parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".") && !parts[1].hasPrefix(".") && !parts[1].hasSuffix(".")
                && !text.contains(" ")
            return valid ? nil : "an email address, like name@example.com"
        case "uri", "url":
            guard let url = URL(string: text), let scheme = url.scheme, !scheme.isEmpty, text.contains(":"), !text.contains(" ") else {
                return "an address with a scheme, like https://example.com"
            }
            return nil
        case "date":
            return date(text) == nil ? "a date, like 2026-11-21" : nil
        case "date-time":
            let formatter = ISO8601DateFormatter()
            formatter.formatOptions = [.withInternetDateTime]
            let fractional = ISO8601DateFormatter()
            fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
            return formatter.date(from: text) ?? fractional.date(from: text) == nil ? "a date and time, like 2026-11-21T09:30:00Z" : nil
        default:
            return nil
        }
    }

    /// A calendar date `YYYY-MM-DD` that exists.
    static func date(_ text: String) -> DateComponents? {
        let parts = text.split(separator: "-")
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]) else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let components = DateComponents(year: year, month: month, day: day)
        guard let date = calendar.date(from: components), calendar.dateComponents([.year, .month, .day], from: date) == components else { return nil }
        return components
    }

    static func number(_ value: Double) -> String {
        value.rounded() == value && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}
