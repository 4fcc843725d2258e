import Foundation
import Glibc

/// Waits on 127.0.0.1 for the browser's redirect after sign-in: one request, then it closes.
public final class LoopbackListener: @unchecked Sendable {
    public let port: Int
    private let socket: Int32

    public struct Failed: Error, CustomStringConvertible {
        public let description: String
    }

    /// Listens on `port` (0 picks a free one).
    public init(port: Int) throws {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw Failed(description: "cannot open a socket") }
        var yes: Int32 = 1
        setsockopt(socket, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        guard bound == 0, listen(socket, 4) == 0 else {
            Glibc.close(socket)
            throw Failed(description: "port \(port) on 127.0.0.1 is taken; choose another with --port")
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socket, $0, &length) } }
        self.socket = socket
        self.port = Int(UInt16(bigEndian: address.sin_port))
    }

    deinit { Glibc.close(socket) }

    /// The redirect's path and query (`/callback?code=…&state=…`), or nil when `timeout` passes first.
    public func waitForRedirect(timeout: Duration) async -> String? {
        await withCheckedContinuation { continuation in
            let thread = Thread { [socket] in
                var poller = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
                let milliseconds = Int32(timeout.components.seconds * 1000)
                guard poll(&poller, 1, milliseconds) > 0 else { return continuation.resume(returning: nil) }
                let client = accept(socket, nil, nil)
                guard client >= 0 else { return continuation.resume(returning: nil) }
                defer { Glibc.close(client) }
                var buffer = [UInt8](repeating: 0, count: 8192)
                let count = read(client, &buffer, buffer.count)
                let request = String(decoding: buffer.prefix(max(0, count)), as: UTF8.self)
                let target = request.split(separator: "\r\n").first?.split(separator: " ").dropFirst().first.map(String.init)
                let page = "<!doctype html><meta charset=utf-8><title>chattui</title><p>Signed in. You can close this tab and go back to chattui.</p>"
                let response = "HTTP/1.1 200 OK\r\ncontent-type: text/html; charset=utf-8\r\ncontent-length: \(page.utf8.count)\r\nconnection: close\r\n\r\n" + page
                _ = response.withCString { write(client, $0, strlen($0)) }
                continuation.resume(returning: target)
            }
            thread.name = "oauth-redirect"
            thread.start()
        }
    }
}
