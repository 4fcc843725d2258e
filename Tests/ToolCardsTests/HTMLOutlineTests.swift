import ConversationModel
import Foundation
import TerminalText
import TestSupport
import Testing
@testable import ToolCards

@Suite struct HTMLOutlineTests {
    static func page(_ name: String) -> String {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Pages/\(name)")
        return (try? String(contentsOf: url, encoding: .utf8)) ?? ""
    }

    static func card(html: String, title: String = "tracker · New issue") -> ToolCard {
        let view = ResultAttachment(kind: .view, uri: "ui://tracker/new", outline: HTMLOutline(html: html).json)
        let presentation = ToolPresentation(tool: "tracker__new", connector: "tracker", title: "New issue",
                                            arguments: .object(["project": .string("web")]), isReadOnly: true, attachments: [view])
        return ToolCard(result: ToolResult(callID: "1", content: "Opened the form.", isError: false, presentation: presentation), fallbackTitle: title)
    }

    @Test func headingsParagraphsAndLinks() {
        let outline = HTMLOutline(html: "<html><head><title>Board</title><style>p{}</style></head><body><h2>Sprint  <b>12</b></h2><p>See <a href='https://example.com/x'>the plan</a>.<script>alert(1)</script></p></body></html>")
        #expect(outline.title == "Board")
        #expect(outline.blocks == [
            .heading(level: 2, text: [.init("Sprint "), .init("12", .strong)]),
            .paragraph([.init("See "), .init("the plan", .link), .init(" [1]", .link), .init(".")]),
        ])
        #expect(outline.links == [HTMLOutline.Link(text: "the plan", url: "https://example.com/x")])
    }

    @Test func scriptsAndStylesAreSkippedNotRun() {
        let outline = HTMLOutline(html: Self.page("issue-form.html"))
        #expect(!outline.plainText.contains("never"))
        #expect(!outline.plainText.contains("color: red"))
        #expect(!outline.plainText.contains("secret"), "hidden inputs are not shown")
        #expect(outline.plainText.contains("[x] urgent"))
        #expect(outline.plainText.contains("[medium ▾] (low | high)"))
        #expect(outline.plainText.contains("[ Create issue ]"))
        #expect(outline.plainText.contains("[image: A chart of issues per week]"))
    }

    @Test(arguments: [40, 80, 120]) func aFormPageAsACard(width: Int) {
        let lines = CardLayout().lines(for: Self.card(html: Self.page("issue-form.html")), width: width, options: .init(isExpanded: true))
        #expect(lines.allSatisfy { $0.width == width }, "every line fills the card's width exactly")
        expectSnapshot(lines, named: "issue-form-\(width)")
    }

    @Test func tagSoupIsRecoveredFrom() {
        let outline = HTMLOutline(html: Self.page("tag-soup.html"))
        let text = outline.plainText
        #expect(text.contains("one") && text.contains("two"))
        #expect(text.contains("js link"))
        #expect(outline.links.isEmpty, "javascript: and fragment links are not offered")
        #expect(text.contains("& <tag> 😀"))
        #expect(!text.contains("while(true)"))
    }

    @Test func controlCharactersNeverReachTheLines() {
        let html = "<h1>Title\u{1B}]0;pwned\u{07}</h1><p>bell\u{07} csi \u{1B}[2J clear \u{9B}31m</p>"
        let lines = CardLayout().lines(for: Self.card(html: html), width: 60, options: .init(isExpanded: true))
        for line in lines {
            #expect(!line.plainText.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
        }
    }

    @Test func deepNestingAndHugePagesAreBounded() {
        let deep = String(repeating: "<div><span>", count: 20_000) + "deep text" + String(repeating: "</span></div>", count: 20_000)
        #expect(HTMLOutline(html: deep).plainText.contains("deep text"))
        let huge = "<p>" + String(repeating: "word ", count: 1_000_000) + "</p>" + String(repeating: "<p>row</p>", count: 5_000)
        let outline = HTMLOutline(html: huge)
        #expect(outline.plainText.count <= HTMLOutline.Limits().characters + 1_000)
        #expect(outline.blocks.count <= HTMLOutline.Limits().blocks)
        #expect(!outline.notes.isEmpty)
        let lines = CardLayout().lines(for: Self.card(html: huge), width: 80, options: .init(isExpanded: true))
        #expect(lines.count <= CardLayout.Options().expandedLines + 10)
    }

    @Test func aJavaScriptBuiltViewIsEmpty() {
        let outline = HTMLOutline(html: "<html><head><script src=app.js></script></head><body><div id=root></div></body></html>")
        #expect(outline.isEmpty && outline.needsViewEngine)
    }

    @Test func aTemplateItsScriptFillsNeedsTheViewEngine() {
        let issue = "<article><h1 data-field=title>Issue</h1><dl><dt>Status</dt><dd data-field=status></dd></dl><button>Save</button></article>"
        #expect(HTMLOutline(html: issue + "<script>fill()</script>").needsViewEngine, "labels whose values a script puts in")
        #expect(HTMLOutline(html: "<table><thead><tr><th>#</th></tr></thead><tbody></tbody></table><script>rows()</script>").needsViewEngine)
        #expect(!HTMLOutline(html: issue).needsViewEngine, "without a script, an empty definition is just empty")
        let filled = "<dl><dt>Status</dt><dd>todo</dd></dl><p data-field=x>Shown</p><script>track()</script>"
        #expect(!HTMLOutline(html: filled).needsViewEngine, "a static page with a script is still drawn")
        #expect(!HTMLOutline(html: "<dl><dt>Name</dt><dd><input name=n></dd></dl><script>x()</script>").needsViewEngine, "a control is a value")
    }
}
