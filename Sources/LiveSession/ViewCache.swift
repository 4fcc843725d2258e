import ChatFeatures
import ConversationModel
import Foundation
import MCP
import MCPClient
import ToolCards

/// What a result carries besides text, as its card shows it: links, embedded
/// resources, media, MCP-UI views embedded in the result, and the MCP Apps view a
/// tool declares, read once per connector and address.
public actor ViewCache {
    private var outlines: [String: ResultAttachment] = [:]
    /// Each view's HTML and `_meta.ui`, for the view engine to run.
    private var pages: [String: (text: String, uiMeta: Value?)] = [:]

    public init() {}

    /// Views above this size are cut before they are read.
    static let maximumViewBytes = 16 << 20
    /// Media kept with a result to open or save later; larger ones keep only their size.
    static let maximumMediaBytes = 8 << 20
    /// A text resource's text kept for its card.
    static let maximumResourceText = 64 << 10

    /// The tool's MCP Apps view: read with `resources/read`, cached when it could be read.
    func view(of tool: ConnectorTool, manager: ConnectorManager) async -> ResultAttachment? {
        guard let uri = tool.uiResourceURI else { return nil }
        let key = tool.connector + "\n" + uri
        if let cached = outlines[key] { return cached }
        do {
            let html = try await self.html(connector: tool.connector, uri: uri, manager: manager)
            var attachment = Self.view(html: html.text, uri: uri)
            attachment.mimeType = LiveViewKind.mimeType
            if attachment.outline == nil { attachment.note = LiveViewKind.notStartedNote }
            outlines[key] = attachment
            return attachment
        } catch {
            return ResultAttachment(kind: .view, uri: uri, note: "The view \(uri) could not be read (\(error)), so only the result is shown.")
        }
    }

    /// Forgets what was read from `connector`: after a reconnect (or a reload) its views may have changed.
    func forget(connector: String) {
        outlines = outlines.filter { !$0.key.hasPrefix(connector + "\n") }
        pages = pages.filter { !$0.key.hasPrefix(connector + "\n") }
    }

    /// A view's HTML, read once per connector and address.
    func html(connector: String, uri: String, manager: ConnectorManager) async throws -> (text: String, uiMeta: Value?) {
        let key = connector + "\n" + uri
        if let page = pages[key] { return page }
        let contents = try await manager.readResource(connector: connector, uri: uri)
        guard let content = contents.first(where: { Self.html($0) != nil }), let text = Self.html(content) else {
            throw LiveCardError( "the view \(uri) has no HTML")
        }
        let page = (text, content._meta?["ui"])
        pages[key] = page
        return page
    }

    /// A resource's HTML, from its text or its base64 blob.
    static func html(_ content: Resource.Content) -> String? {
        guard (content.mimeType ?? "text/html").lowercased().hasPrefix("text/html") else { return nil }
        if let text = content.text { return text }
        return content.blob.flatMap { Data(base64Encoded: $0) }.map { String(decoding: $0.prefix(maximumViewBytes), as: UTF8.self) }
    }

    /// An HTML view read into its outline; one its script builds or fills in is not drawn (it would be
    /// an empty shell) and says the result shows instead.
    static func view(html: String, uri: String) -> ResultAttachment {
        let outline = HTMLOutline(html: html)
        guard !outline.needsViewEngine else {
            return ResultAttachment(kind: .view, uri: uri, mimeType: "text/html", note: scriptedViewNote)
        }
        return ResultAttachment(kind: .view, uri: uri, mimeType: "text/html", outline: outline.json)
    }

    /// An MCP-UI page built by script: only a tool's declared MCP Apps view runs live.
    static let scriptedViewNote = "This view is built by JavaScript, which chattui runs only for MCP Apps views; showing the result."

    /// The result's content beyond text, in order.
    static func attachments(of result: CallTool.Result) -> [ResultAttachment] {
        result.content.compactMap { content in
            switch content {
            case .text:
                return nil
            case .image(let data, let mimeType, _, _), .audio(let data, let mimeType, _, _):
                let bytes = data.utf8.count * 3 / 4
                let isImage = if case .image = content { true } else { false }
                return ResultAttachment(kind: isImage ? .image : .audio, mimeType: mimeType, byteCount: bytes,
                                        data: bytes <= maximumMediaBytes ? data : nil)
            case .resourceLink(let uri, let name, let title, _, let mimeType, _):
                return ResultAttachment(kind: .link, uri: uri, name: title ?? name, mimeType: mimeType)
            case .resource(let resource, _, _):
                return embedded(resource)
            }
        }
    }

    /// An embedded resource: MCP-UI views (`ui://`) as views or links, others by name and type.
    static func embedded(_ resource: Resource.Content) -> ResultAttachment {
        let mime = resource.mimeType?.lowercased() ?? ""
        if resource.uri.hasPrefix("ui://") {
            if let html = html(resource) { return view(html: html, uri: resource.uri) }
            if mime.hasPrefix("text/uri-list") {
                let text = resource.text ?? resource.blob.flatMap { Data(base64Encoded: $0) }.map { String(decoding: $0, as: UTF8.self) } ?? ""
                let urls = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty && !$0.hasPrefix("#") }
                let outline = HTMLOutline(blocks: [], links: urls.prefix(20).map { HTMLOutline.Link(text: $0, url: $0) })
                return ResultAttachment(kind: .view, uri: resource.uri, mimeType: mime, outline: outline.json,
                                        note: "This connector shows a web page here: its address is below, as a link.")
            }
            if mime.contains("remote-dom") {
                return ResultAttachment(kind: .view, uri: resource.uri, mimeType: mime,
                                        note: "This view is a remote-dom script, which chattui does not run; the connector's text is shown instead.")
            }
        }
        let byteCount = resource.text?.utf8.count ?? resource.blob.map { $0.utf8.count * 3 / 4 }
        return ResultAttachment(kind: .resource, uri: resource.uri, name: resource.uri.split(separator: "/").last.map(String.init) ?? resource.uri,
                                mimeType: resource.mimeType, text: resource.text.map { String($0.prefix(maximumResourceText)) }, byteCount: byteCount)
    }
}
