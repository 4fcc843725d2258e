import Foundation
import Testing
import TerminalText
@testable import ChatFeatures
@testable import TerminalUI


@Suite struct ThemeTests {
    let catalog = ThemeCatalog(directories: [ThemeFiles.builtin])

    @Test func everyShippedThemeLoads() {
        #expect(catalog.errors.isEmpty, "\(catalog.errors)")
        #expect(Set(catalog.names).isSuperset(of: ["dark", "light", "high-contrast"]))
    }

    @Test func everyScopeUsedInCodeResolvesInEveryTheme() throws {
        let scopes = try Set(Self.scopeLiterals()).union(Theme.scopesUsedInCode)
        #expect(scopes.count > 20)
        for name in catalog.names {
            let theme = catalog.theme(named: name)
            for scope in scopes.sorted() {
                #expect(theme.resolved(scope) != nil, "theme \(name) does not style \(scope)")
            }
        }
    }

    /// A question over the transcript (a view's call, a link to open) is read at a glance: its text at
    /// 4.5:1 or more on its fill, its edge at 3:1 against the fill, and the fill unlike the cards under it.
    @Test(arguments: ["dark", "light"]) func aQuestionsBoxStandsOut(theme name: String) throws {
        let theme = catalog.theme(named: name)
        let fill = try #require(theme.style("ui.confirm").background.flatMap(Self.luminance), "\(name) fills its questions")
        let text = try #require(theme.style("ui.confirm").foreground.flatMap(Self.luminance))
        let edge = try #require(theme.style("ui.confirm.border").foreground.flatMap(Self.luminance))
        #expect(Self.contrast(text, fill) >= 4.5, "\(name): the question's text is at \(Self.contrast(text, fill)):1")
        #expect(Self.contrast(edge, fill) >= 3, "\(name): the box's edge is at \(Self.contrast(edge, fill)):1")
        for covered in ["card.control", "ui.menu", "text"] {
            #expect(theme.style(covered).background != theme.style("ui.confirm").background, "\(name): the box blends into \(covered)")
        }
    }

    static func luminance(_ color: Color) -> Double? {
        guard case .rgb(let red, let green, let blue) = color else { return nil }
        func linear(_ channel: UInt8) -> Double {
            let value = Double(channel) / 255
            return value <= 0.03928 ? value / 12.92 : pow((value + 0.055) / 1.055, 2.4)
        }
        return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)
    }

    static func contrast(_ one: Double, _ other: Double) -> Double { (max(one, other) + 0.05) / (min(one, other) + 0.05) }

    @Test func theListOfScopesCoversEveryLiteralInTheSources() throws {
        let missing = try Set(Self.scopeLiterals()).subtracting(Theme.scopesUsedInCode)
        #expect(missing.isEmpty, "add to Theme.scopesUsedInCode: \(missing.sorted())")
    }

    /// The modules that draw; the others (the store, the MCP client) name no scopes.
    static let viewModules = ["ChatTUI", "ChatFeatures", "TerminalUI", "MarkdownText", "TerminalText", "ConnectorMenu"]

    /// Scope names written as string literals in the drawing modules' sources. A bare family name
    /// ("message", "ui") is no scope the code draws with; it is a word (a key hint says "message").
    static func scopeLiterals() throws -> [String] {
        let pattern = try NSRegularExpression(pattern: #""((?:ui|message|markup)(?:\.[a-z]+)+|text)""#)
        var found: [String] = []
        let files = viewModules.flatMap { module in
            (FileManager.default.enumerator(at: ThemeFiles.sources.appendingPathComponent(module), includingPropertiesForKeys: nil)?
                .allObjects as? [URL]) ?? []
        }
        for url in files {
            guard url.pathExtension == "swift" else { continue }
            let source = try String(contentsOf: url, encoding: .utf8)
            for match in pattern.matches(in: source, range: NSRange(source.startIndex..., in: source)) {
                found.append(String(source[Range(match.range(at: 1), in: source)!]))
            }
        }
        return found
    }

    @Test func lightInheritsDarkScopesWithItsOwnPalette() {
        let light = catalog.theme(named: "light")
        let dark = catalog.theme(named: "dark")
        #expect(light.style("text").background == .rgb(0xef, 0xf1, 0xf5))
        #expect(dark.style("text").background == .rgb(0x1e, 0x1e, 0x2e))
        #expect(light.style("markup.heading").attributes.contains(.bold))
    }

    @Test func scopesFallBackToTheirParent() {
        let theme = Theme(name: "t", styles: ["text": Style(foreground: .ansi(7)), "ui": Style(foreground: .ansi(1)), "ui.menu": Style(foreground: .ansi(2))])
        #expect(theme.style("ui.menu.selected.deep").foreground == .ansi(2))
        #expect(theme.style("ui.other").foreground == .ansi(1))
        #expect(theme.style("message.user").foreground == .ansi(7))
    }

    @Test func aBrokenThemeIsReportedByFileAndLine() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("themes-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "[palette]\nfg = \"#ffffff\"\n\n[scopes]\ntext = { fg = \"fg\" \n".write(to: folder.appendingPathComponent("syntax.toml"), atomically: true, encoding: .utf8)
        try "[scopes]\ntext = \"#ffffff\"\n\"ui.header\" = \"nosuchcolour\"\n".write(to: folder.appendingPathComponent("badcolour.toml"), atomically: true, encoding: .utf8)
        try "inherits = \"loop\"\n".write(to: folder.appendingPathComponent("loop.toml"), atomically: true, encoding: .utf8)
        let broken = ThemeCatalog(directories: [ThemeFiles.builtin, folder])
        let byName = Dictionary(uniqueKeysWithValues: broken.errors.map { (URL(fileURLWithPath: $0.file).lastPathComponent, $0) })
        #expect(byName["syntax.toml"]?.line == 5)
        #expect(byName["badcolour.toml"]?.line == 3)
        #expect(byName["badcolour.toml"]?.description.contains("badcolour.toml:3: \"ui.header\" uses unknown colour \"nosuchcolour\"") == true)
        #expect(byName["loop.toml"] != nil)
        #expect(broken.theme(named: "syntax") == broken.theme(named: "dark"))
    }

    @Test func aUserThemeOverridesAndExtends() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("themes-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "inherits = \"dark\"\n[palette]\nblue = \"#0000ff\"\n".write(to: folder.appendingPathComponent("mine.toml"), atomically: true, encoding: .utf8)
        let extended = ThemeCatalog(directories: [ThemeFiles.builtin, folder])
        #expect(extended.errors.isEmpty)
        #expect(extended.theme(named: "mine").style("ui.status.key").foreground == .rgb(0, 0, 255))
    }
}
