import ConversationModel
import Foundation
import Glibc

/// One interface writes a data folder at a time. The lock is an `flock` on
/// `chattui.lock` in the folder: the kernel releases it when the process ends
/// however it ends (`kill -9` too), so a crash never leaves a stale lock and
/// the next start needs no clean-up. The holder writes its process id into the
/// file so a second instance can say who has the folder.
public final class DataFolderLock: Sendable {
    public enum Access: Equatable, Sendable {
        /// This process writes the folder until it exits.
        case exclusive
        /// Another chattui holds it (its process id, when readable): open read-only.
        case heldElsewhere(pid: Int32?)
    }

    public let access: Access
    /// Kept open for the life of the process: closing it would release the lock.
    private let descriptor: Int32

    /// Takes the lock without waiting. A folder the lock file cannot be created in
    /// (read-only, say) is left to the store, which refuses it with its own message.
    public init(directory: URL) {
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let path = directory.appendingPathComponent("chattui.lock").path
        descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            access = .exclusive
            return
        }
        if flock(descriptor, LOCK_EX | LOCK_NB) == 0 {
            let pid = Array("\(getpid())\n".utf8)
            ftruncate(descriptor, 0)
            _ = pwrite(descriptor, pid, pid.count, 0)
            access = .exclusive
        } else {
            var buffer = [UInt8](repeating: 0, count: 32)
            let count = pread(descriptor, &buffer, buffer.count, 0)
            let text = String(decoding: buffer.prefix(max(0, count)), as: UTF8.self)
            access = .heldElsewhere(pid: Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)))
        }
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
    }
}
