/// A resource attached to a message, as a stored block: its text (binary content is
/// described, not stored) and where it came from.
public enum ResourceBlock {
    public struct Origin: Codable, Equatable {
        public var connector: String
        public var uri: String
        public var name: String
        public var mimeType: String?

        public init(connector: String, uri: String, name: String, mimeType: String?) {
            self.connector = connector
            self.uri = uri
            self.name = name
            self.mimeType = mimeType
        }
    }

    /// At most this much of a resource's text goes into the conversation.
    public static let maximumText = 256 * 1024
}
