import ConversationModel
import Foundation
import TerminalText
import TerminalUI

/// The running turn: the answer as it streams, the calls and their progress, the spinner's clock, and
/// what is said when it ends. It owns only `TurnState` (nil when no turn runs); the transcript, the
/// questions and the status line are the app's, asked for as `Delegate`s. It has no keys of its own:
/// Esc and Ctrl-C reach it from the composer and the approval card, which ask the root to stop it.
/// Its lines are drawn by `TurnLines`.
enum TurnFeature {
    typealias State = TurnState?

    enum Action: Equatable {
        /// A message was sent (or `/retry`) with a model to answer it.
        case start(ConversationID)
        /// Sending failed before the model was asked (an attachment could not be read): no turn ran.
        case abandon
        case event(TurnEvent)
        /// The run loop says the time (the spinner, a call's elapsed seconds).
        case clock(ContinuousClock.Instant)
        /// The person asked to stop it: it says so until the runner reports the end.
        case stop
        case ended(TurnOutcome)
    }

    /// What the turn reads and does not own.
    struct Context {
        var keymap: Keymap
        /// The conversation on screen: a turn may run in another one.
        var conversationOnScreen: ConversationID
        /// The last Ctrl-C stopped this turn: the next one quits, as the stop message says.
        var quitArmed: Bool
    }

    /// What the turn asks of the app, in order.
    enum Delegate: Equatable {
        /// A step was stored in the conversation on screen: the transcript shows it.
        case show(Message)
        /// A call finished: its approval card, if one still waits, goes.
        case callFinished(callID: String)
        /// What the tool definitions sent with the request cost.
        case toolTokens(Int)
        /// The turn is over: whatever it asked the person is answered for them.
        case cancelQuestions(reason: String)
        case flash(String, isError: Bool)
    }

    static func reduce(_ turn: inout State, _ action: Action, context: Context) -> [Delegate] {
        switch action {
        case .start(let conversation):
            turn = TurnState(conversationID: conversation)
            return []
        case .abandon:
            turn = nil
            return []
        case .event(let event):
            return reduce(&turn, event, context: context)
        case .clock(let now):
            turn?.clock(now)
            return []
        case .stop:
            turn?.isCancelling = true
            return []
        case .ended(let outcome):
            let wasCancelling = turn?.isCancelling ?? false
            turn = nil
            let ended = Delegate.cancelQuestions(reason: "the turn ended")
            switch outcome {
            case .completed: return [ended]
            case .cancelled:
                let stopped = wasCancelling ? "Stopped. What had arrived is kept." : "The turn was cancelled."
                let quits = context.quitArmed ? context.keymap.key(for: .clearOrQuit, in: .composer).map { " \($0) again quits." } ?? "" : ""
                return [ended, .flash(stopped + quits, isError: false)]
            case .stepLimitReached(let steps): return [ended, .flash("Stopped after \(counted(steps, "step")).", isError: true)]
            case .failed(let reason): return [ended, .flash(reason, isError: true)]
            }
        }
    }

    private static func reduce(_ turn: inout State, _ event: TurnEvent, context: Context) -> [Delegate] {
        switch event {
        case .textDelta(let text):
            turn?.streamingText += text
            turn?.retryNote = nil
        case .committed(let message):
            if message.role == .assistant {
                turn?.streamingText = ""
                turn?.activity = []
            }
            return message.conversationID == context.conversationOnScreen ? [.show(message)] : []
        case .toolStarted(let call):
            turn?.activity.append(ToolActivity(callID: call.id, name: call.name))
        case .toolProgress(let callID, let done, let total, let message):
            guard let index = turn?.activity.firstIndex(where: { $0.callID == callID }) else { return [] }
            turn?.activity[index].done = done
            turn?.activity[index].total = total
            turn?.activity[index].message = message
        case .toolFinished(let result):
            guard let index = turn?.activity.firstIndex(where: { $0.callID == result.callID }) else { return [.callFinished(callID: result.callID)] }
            turn?.activity[index].isFinished = true
            turn?.activity[index].isError = result.isError
            return [.callFinished(callID: result.callID)]
        case .retrying(let attempt, let delay, let reason):
            turn?.retryNote = "Retrying in \(delay.formatted(.units(allowed: [.seconds], width: .narrow))) (attempt \(attempt + 1)): \(reason)"
        case .waitingForConnectors(let names):
            turn?.waitingFor = names
        case .toolsLoaded(_, _, let tokens):
            turn?.waitingFor = []
            return turn?.conversationID == context.conversationOnScreen ? [.toolTokens(tokens)] : []
        }
        return []
    }
}
