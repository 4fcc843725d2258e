import ConversationModel
import Foundation

/// The fields of a tool's input schema, to show and edit its arguments as a form,
/// and the way back from what was typed to JSON arguments.
public struct ArgumentForm: Equatable, Sendable {
    public struct Field: Equatable, Sendable {
        public var name: String
        /// The JSON Schema type: string, number, integer, boolean, array, object; empty when unsaid.
        public var type: String
        public var isRequired: Bool
        public var help: String?
        /// `enum` values, as text.
        public var choices: [String]
    }

    public var fields: [Field]

    /// Fields for every property in `schema` (required ones first, then in name order), plus any
    /// argument the model sent that the schema does not list; `initialValues` are the arguments as text.
    public init(schema: JSONValue, arguments: JSONValue) {
        let properties = schema["properties"]?.objectValue ?? [:]
        let required = Set(schema["required"]?.arrayValue?.compactMap(\.stringValue) ?? [])
        var names = properties.keys.sorted { (required.contains($0) ? 0 : 1, $0) < (required.contains($1) ? 0 : 1, $1) }
        names += (arguments.objectValue ?? [:]).keys.filter { properties[$0] == nil }.sorted()
        fields = names.map { name in
            let property = properties[name] ?? .object([:])
            var type = property["type"]?.stringValue ?? property["type"]?.arrayValue?.compactMap(\.stringValue).first { $0 != "null" } ?? ""
            let choices = property["enum"]?.arrayValue?.map(Self.text) ?? []
            if type.isEmpty, properties[name] == nil { type = "" }
            return Field(name: name, type: type, isRequired: required.contains(name),
                         help: property["description"]?.stringValue ?? property["title"]?.stringValue, choices: choices)
        }
        initialValues = fields.map { field in arguments[field.name].map(Self.text) ?? "" }
    }

    /// The arguments the model sent, one text per field.
    public private(set) var initialValues: [String] = []

    /// A value as a person edits it: strings as they are, everything else as JSON.
    static func text(_ value: JSONValue) -> String {
        if case .string(let string) = value { return string }
        return value.jsonText
    }

    /// What is wrong with `text` for field `index`, if anything: checked as the person types.
    public func problem(_ text: String, field index: Int) -> String? {
        let field = fields[index]
        if text.isEmpty { return field.isRequired ? "required" : nil }
        if !field.choices.isEmpty, !field.choices.contains(text) { return "one of: " + field.choices.joined(separator: ", ") }
        switch field.type {
        case "integer": return Int(text) == nil ? "a whole number" : nil
        case "number": return Double(text) == nil ? "a number" : nil
        case "boolean": return text == "true" || text == "false" ? nil : "true or false"
        case "array": return JSONValue.parse(text)?.arrayValue == nil ? "a JSON array, like [\"a\", \"b\"]" : nil
        case "object": return JSONValue.parse(text)?.objectValue == nil ? "a JSON object, like {\"key\": \"value\"}" : nil
        default: return nil
        }
    }

    /// The arguments from the typed values, or the first field with a problem and what it is.
    public func arguments(from values: [String]) -> Result<JSONValue, FieldProblem> {
        var object: [String: JSONValue] = [:]
        for (index, field) in fields.enumerated() {
            let text = index < values.count ? values[index] : ""
            if let problem = problem(text, field: index) { return .failure(FieldProblem(field: index, message: "\(field.name): \(problem)")) }
            guard !text.isEmpty else { continue }
            switch field.type {
            case "integer", "number": object[field.name] = .number(Double(text)!)
            case "boolean": object[field.name] = .bool(text == "true")
            case "array", "object": object[field.name] = JSONValue.parse(text)!
            case "string": object[field.name] = .string(text)
            default: object[field.name] = JSONValue.parse(text).flatMap { $0.objectValue != nil || $0.arrayValue != nil ? $0 : nil } ?? .string(text)
            }
        }
        return .success(.object(object))
    }

    public struct FieldProblem: Error, Equatable, Sendable {
        public var field: Int
        public var message: String
    }
}
