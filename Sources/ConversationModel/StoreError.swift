/// Why the store could not be used. Each says what happened to which file and
/// what to do; none of them leads to the file being replaced.
public enum StoreError: Error, Equatable, CustomStringConvertible {
    case cannotCreateDirectory(path: String, reason: String)
    case cannotOpen(path: String, reason: String)
    case readOnly(path: String)
    case corrupt(path: String, reason: String)
    case newerSchema(path: String)
    case failed(reason: String)
    /// Another chattui writes this data folder; this one reads it only.
    case heldElsewhere(path: String)

    public var description: String {
        switch self {
        case .cannotCreateDirectory(let path, let reason):
            return "Cannot create the data folder \(path): \(reason). Choose another with --data-dir."
        case .cannotOpen(let path, let reason):
            return "Cannot open the conversation database \(path): \(reason)."
        case .readOnly(let path):
            return "The conversation database \(path) is read-only. Make it writable, or start with --data-dir pointing elsewhere."
        case .corrupt(let path, let reason):
            return "The conversation database \(path) is damaged (\(reason)). It was left untouched; move it aside to start fresh, or restore a backup."
        case .newerSchema(let path):
            return "The conversation database \(path) was written by a newer chattui. Upgrade chattui to open it; it was left untouched."
        case .heldElsewhere(let path):
            return "Not saved: another chattui is using \(path), so this window is read-only. Quit the other one and start again, or use --data-dir."
        case .failed(let reason):
            return "The conversation database failed: \(reason)."
        }
    }
}
