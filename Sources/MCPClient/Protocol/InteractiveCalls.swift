import Foundation
import MCP

extension ServerConnection {
    /// What `roots/list` answers, in either era.
    nonisolated var roots: @Sendable () -> [Root] { { [client] in client.rootList() } }

    /// Sends a request a server may answer with questions (`tools/call`,
    /// `prompts/get`, `resources/read`). In the stateless era an
    /// `input_required` result is answered through the same handlers as the
    /// handshake era's server requests, and the request is sent again (a fresh
    /// id) with the answers and the server's `requestState` as it was given.
    func interactive<M: MCP.Method>(_ method: M.Type, _ parameters: M.Parameters, named name: String,
                                    headers: [String: String] = [:]) async throws -> M.Result {
        guard era?.isStateless == true else { return try await request(M.request(parameters), named: name) }
        let inputs = InputRequests(elicitation: elicitation, sampling: sampling, roots: roots)
        var answering = Answering(parameters)
        for round in 0...InputRequests.maximumRounds {
            switch try await request(Interactive<M>.request(answering), named: name, headers: headers) {
            case .complete(let result):
                return result
            case .inputRequired(let requests, let state) where round < InputRequests.maximumRounds:
                // Only state: the server is still working; ask again after a pause that grows.
                if requests.isEmpty { try await Task.sleep(for: .milliseconds(min(250, 50 << min(round, 3)))) }
                answering = Answering(parameters, inputResponses: requests.isEmpty ? nil : try await inputs.answer(requests), requestState: state)
            case .inputRequired:
                break
            }
        }
        throw InputRequests.Refused.tooManyRounds
    }
}
