import Foundation
import MCP
import TerminalText

/// A request that a 2026-07-28 server may answer with `input_required` (SEP-2322):
/// the same method, its parameters plus the answers to the server's questions
/// and its `requestState` echoed unchanged.
enum Interactive<M: MCP.Method>: MCP.Method {
    static var name: String { M.name }
    typealias Parameters = Answering<M.Parameters>
    typealias Result = InteractiveResult<M.Result>
}

/// Parameters with `inputResponses` and `requestState` beside the method's own
/// (both left out when absent, so a first request is byte-for-byte the usual one).
struct Answering<P: Codable & Hashable & Sendable>: Codable, Hashable, Sendable {
    var parameters: P
    var inputResponses: [String: Value]?
    var requestState: String?

    private enum Keys: String, CodingKey { case inputResponses, requestState }

    init(_ parameters: P, inputResponses: [String: Value]? = nil, requestState: String? = nil) {
        self.parameters = parameters
        self.inputResponses = inputResponses
        self.requestState = requestState
    }

    init(from decoder: Decoder) throws {
        parameters = try P(from: decoder)
        let container = try decoder.container(keyedBy: Keys.self)
        inputResponses = try container.decodeIfPresent([String: Value].self, forKey: .inputResponses)
        requestState = try container.decodeIfPresent(String.self, forKey: .requestState)
    }

    func encode(to encoder: Encoder) throws {
        try parameters.encode(to: encoder)
        var container = encoder.container(keyedBy: Keys.self)
        try container.encodeIfPresent(inputResponses, forKey: .inputResponses)
        try container.encodeIfPresent(requestState, forKey: .requestState)
    }
}

/// A result, or the server's questions; without `resultType` a result is complete.
enum InteractiveResult<R: Codable & Hashable & Sendable>: Codable, Hashable, Sendable {
    case complete(R)
    case inputRequired(requests: [String: Value], state: String?)

    private enum Keys: String, CodingKey { case resultType, inputRequests, requestState }

    init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: Keys.self)
        guard try container.decodeIfPresent(String.self, forKey: .resultType) == "input_required" else {
            self = .complete(try R(from: decoder))
            return
        }
        self = .inputRequired(requests: try container.decodeIfPresent([String: Value].self, forKey: .inputRequests) ?? [:],
                              state: try container.decodeIfPresent(String.self, forKey: .requestState))
    }

    func encode(to encoder: Encoder) throws {
        switch self {
        case .complete(let result): try result.encode(to: encoder)
        case .inputRequired(let requests, let state):
            var container = encoder.container(keyedBy: Keys.self)
            try container.encode("input_required", forKey: .resultType)
            try container.encode(requests, forKey: .inputRequests)
            try container.encodeIfPresent(state, forKey: .requestState)
        }
    }
}

/// Answers the questions of an `input_required` result with the handlers the
/// older era's server requests use (elicitation opens the same form), each
/// question at once; a question we cannot answer fails the call and says why.
struct InputRequests: Sendable {
    let elicitation: ServerConnection.ElicitationHandler?
    let sampling: ServerConnection.SamplingHandler?
    let roots: @Sendable () -> [Root]

    /// At most this many rounds of questions for one request (as the Python SDK).
    static let maximumRounds = 10

    enum Refused: Error, CustomStringConvertible {
        case unanswerable(String)
        case tooManyRounds
        case malformed(method: String, reason: String)
        var description: String {
            switch self {
            case .malformed(let method, let reason): return "the server's question (\(method)) was malformed: \(reason)"
            case .unanswerable(let method): return "the server asked for \(method), which chattui does not answer"
            case .tooManyRounds: return "the server asked for input more than \(counted(InputRequests.maximumRounds, "time"))"
            }
        }
    }

    func answer(_ requests: [String: Value]) async throws -> [String: Value] {
        try await withThrowingTaskGroup(of: (String, Value).self) { group in
            for (key, request) in requests {
                group.addTask { (key, try await answer(request)) }
            }
            var answers: [String: Value] = [:]
            for try await (key, answer) in group { answers[key] = answer }
            return answers
        }
    }

    private func answer(_ request: Value) async throws -> Value {
        let method = request.objectValue?["method"]?.stringValue ?? "an unnamed request"
        let params = request.objectValue?["params"] ?? .object([:])
        switch method {
        case CreateElicitation.name:
            guard let elicitation else { throw Refused.unanswerable(method) }
            return try Self.value(try await elicitation(try Self.decode(params, of: method)))
        case CreateSamplingMessage.name:
            guard let sampling else { throw Refused.unanswerable(method) }
            return try Self.value(try await sampling(try Self.decode(params, of: method)))
        case ListRoots.name:
            return try Self.value(ListRoots.Result(roots: roots()))
        default:
            throw Refused.unanswerable(Sanitizer.revealing(method))
        }
    }

    /// A question's `params`, or what is wrong with them in plain words.
    private static func decode<T: Decodable>(_ params: Value, of method: String) throws -> T {
        do {
            return try JSONDecoder().decode(T.self, from: JSONEncoder().encode(params))
        } catch let error as DecodingError {
            throw Refused.malformed(method: method, reason: MalformedMessage.reason(error, within: "params"))
        }
    }

    private static func value<T: Encodable>(_ result: T) throws -> Value {
        try JSONDecoder().decode(Value.self, from: JSONEncoder().encode(result))
    }
}
