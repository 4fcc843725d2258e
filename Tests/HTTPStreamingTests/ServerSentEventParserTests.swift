import Foundation
import Testing
import HTTPStreaming

@Suite struct ServerSentEventParserTests {
    @Test func joinsDataLinesAndKeepsIdAndRetry() {
        var parser = ServerSentEventParser()
        let events = parser.feed(Data(": comment\nid: 7\nretry: 1500\ndata: {\"a\":\ndata: 1}\n\n".utf8))
        #expect(events == [ServerSentEvent(id: "7", event: nil, data: "{\"a\":\n1}", retry: 1500)])
        #expect(parser.lastEventID == "7")
    }

    @Test func handlesSplitChunksAndCRLF() {
        var parser = ServerSentEventParser()
        #expect(parser.feed(Data("data: hel".utf8)).isEmpty)
        #expect(parser.feed(Data("lo\r".utf8)).isEmpty)
        #expect(parser.feed(Data("\n\r\n".utf8)).map(\.data) == ["hello"])
    }

    @Test func aPrimingEventHasEmptyDataAndSetsTheId() {
        var parser = ServerSentEventParser()
        let events = parser.feed(Data("id: prime-1\ndata:\n\n".utf8))
        #expect(events.map(\.data) == [""])
        #expect(parser.lastEventID == "prime-1")
        #expect(parser.feed(Data("id: x\n\n".utf8)).isEmpty, "no data, no event")
        #expect(parser.lastEventID == "x")
    }
}
