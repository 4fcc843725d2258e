import ConversationModel
import Foundation
import TerminalText
import Testing
import TestSupport
@testable import ToolCards

/// A seeded fuzzer for the HTML-to-card path (this toolchain's libFuzzer needs a
/// sanitizer runtime the Linux build lacks; see ARCHITECTURE.md): random tag soup,
/// bytes and nesting, each page parsed and laid out at a random width. Bounded
/// in time; the seed is printed so a failure can be replayed with `CARD_FUZZ_SEED`.
@Suite struct HTMLFuzzTests {
    static let tags = ["p", "div", "span", "a", "b", "i", "ul", "ol", "li", "table", "tr", "td", "th", "thead", "dl", "dt", "dd",
                       "h1", "h3", "pre", "code", "blockquote", "br", "hr", "img", "input", "select", "option", "textarea", "button",
                       "script", "style", "template", "svg", "iframe", "form", "label", "title", "head", "body", "html", "x-widget"]
    static let fragments = ["&amp;", "&#0;", "&#x1B;", "&bogus;", "<!--", "-->", "<![CDATA[", "]]>", "\u{1B}[31m", "\u{9B}", "\u{07}", "\0",
                            "日本語", "👩‍👩‍👧", "e\u{301}", "\u{202E}", " ", "\n", "\t", "=\"", "'", ">", "<", "</", "/>",
                            "href=\"https://x.test/", "javascript:", "alt=", "type=checkbox", "selected", "start=-5"]

    static func page(_ random: inout SplitMix) -> String {
        var html = ""
        var open: [String] = []
        for _ in 0..<Int.random(in: 1...400, using: &random) {
            switch Int.random(in: 0..<10, using: &random) {
            case 0...2:
                let tag = tags.randomElement(using: &random)!
                html += "<\(tag)\(Bool.random(using: &random) ? " href=\"https://e.test/\(open.count)\" alt=\"x\" value=v" : "")>"
                open.append(tag)
            case 3...4:
                if let tag = open.popLast() { html += "</\(tag)>" }
            case 5...7:
                html += fragments.randomElement(using: &random)!
            case 8:
                html += String(repeating: "word ", count: Int.random(in: 1...50, using: &random))
            default:
                let bytes = (0..<Int.random(in: 1...16, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
                html += String(decoding: bytes, as: UTF8.self)
            }
        }
        return html
    }

    @Test func randomPagesMakeBoundedCards() {
        let seed = ProcessInfo.processInfo.environment["CARD_FUZZ_SEED"].flatMap(UInt64.init) ?? UInt64(Date().timeIntervalSince1970)
        print("HTML fuzz seed \(seed)")
        var random = SplitMix(state: seed)
        let deadline = Date().addingTimeInterval(3)
        var pages = 0
        while Date() < deadline {
            let html = Self.page(&random)
            let width = Int.random(in: 1...140, using: &random)
            let card = HTMLOutlineTests.card(html: html)
            let lines = CardLayout().lines(for: card, width: width, options: .init(isExpanded: Bool.random(using: &random)))
            let inner = max(8, width - 4) + 4
            #expect(lines.allSatisfy { $0.width == inner }, "seed \(seed), page \(pages)")
            #expect(!lines.contains { $0.plainText.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) } }, "seed \(seed)")
            pages += 1
        }
        print("HTML fuzz: \(pages) pages")
        #expect(pages > 10)
    }

    @Test func aMillionNestedElements() {
        let html = String(repeating: "<div>", count: 1_000_000) + "bottom" + String(repeating: "</div>", count: 1_000_000)
        #expect(HTMLOutline(html: html).plainText.contains("bottom"))
    }
}
