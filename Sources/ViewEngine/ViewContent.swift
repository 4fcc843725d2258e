import Foundation
import MCP

/// A view to run: its HTML (a `ui://` resource's text) and the Content-Security-Policy domains its
/// `_meta.ui.csp` declares. Declared domains are never fetched today: the policy allows nothing
/// the default does not, and every such request is refused and logged.
public struct ViewContent: Sendable, Equatable {
    public var html: String
    public var declared: DeclaredDomains

    public struct DeclaredDomains: Sendable, Equatable {
        public var connect: [String] = []
        public var resource: [String] = []
        public var frame: [String] = []

        public init(connect: [String] = [], resource: [String] = [], frame: [String] = []) {
            self.connect = connect
            self.resource = resource
            self.frame = frame
        }

        /// From a resource's `_meta.ui` (`{"csp": {"connectDomains": [...], ...}}`).
        public init(uiMeta: Value?) {
            let csp = uiMeta?.objectValue?["csp"]?.objectValue ?? [:]
            func list(_ key: String) -> [String] { csp[key]?.arrayValue?.compactMap(\.stringValue) ?? [] }
            self.init(connect: list("connectDomains"), resource: list("resourceDomains"), frame: list("frameDomains"))
        }

        public var isEmpty: Bool { connect.isEmpty && resource.isEmpty && frame.isEmpty }
    }

    public init(html: String, declared: DeclaredDomains = .init()) {
        self.html = html
        self.declared = declared
    }

    /// The view's policy: the default. Declared domains do not loosen it until chattui fetches
    /// them on the view's behalf; a declaration can only ever make it stricter, never looser.
    public static let contentSecurityPolicy = "default-src 'none'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
        + "img-src 'self' data:; media-src 'self' data:; connect-src 'none'; frame-src 'none'; "
        + "form-action 'none'; base-uri 'none'; worker-src 'none'"

    /// The host page's policy: it holds the view's frame and runs nothing of its own in the page's world.
    static let hostPolicy = "default-src 'none'; frame-src \(ViewOrigin.origin)/view/; style-src 'unsafe-inline'"
}

/// The fixed private origin every page is served from, through the DevTools pipe only.
enum ViewOrigin {
    static let origin = "https://view.chattui.invalid"
    static func host(_ id: Int) -> String { "\(origin)/host/\(id)" }
    static func view(_ id: Int) -> String { "\(origin)/view/\(id)" }
}
