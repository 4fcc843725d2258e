import Foundation
import TerminalText
import Testing

/// Compares lines with `Snapshots/NAME.txt` beside the calling test file and, when given, their style
/// map with `Snapshots/NAME.styles`; `SNAPSHOT_RECORD=1` rewrites the files.
public func expectSnapshot(_ lines: [String], named name: String, styles: [String]? = nil,
                           filePath: String = #filePath, sourceLocation: SourceLocation = #_sourceLocation) {
    let folder = URL(fileURLWithPath: filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")
    expectFile(folder, "\(name).txt", holds: lines, sourceLocation: sourceLocation)
    if let styles { expectFile(folder, "\(name).styles", holds: styles, sourceLocation: sourceLocation) }
}

/// Styled lines (cards) as text and as a style map of their scopes.
public func expectSnapshot(_ lines: [StyledLine], named name: String,
                           filePath: String = #filePath, sourceLocation: SourceLocation = #_sourceLocation) {
    expectSnapshot(lines.map(\.plainText), named: name, styles: StyleMap.lines(of: lines),
                   filePath: filePath, sourceLocation: sourceLocation)
}

private func expectFile(_ folder: URL, _ fileName: String, holds lines: [String], sourceLocation: SourceLocation) {
    let url = folder.appendingPathComponent(fileName)
    let actual = lines.joined(separator: "\n") + "\n"
    if ProcessInfo.processInfo.environment["SNAPSHOT_RECORD"] == "1" {
        try? actual.write(to: url, atomically: true, encoding: .utf8)
        return
    }
    guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
        Issue.record("No snapshot \(fileName); run with SNAPSHOT_RECORD=1 to create it", sourceLocation: sourceLocation)
        return
    }
    guard actual != expected else { return }
    let (now, before) = (actual.split(separator: "\n", omittingEmptySubsequences: false), expected.split(separator: "\n", omittingEmptySubsequences: false))
    let line = zip(now, before).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(now.count, before.count)
    let got = line < now.count ? String(now[line]) : "(end)", wanted = line < before.count ? String(before[line]) : "(end)"
    Issue.record("Snapshots/\(fileName) differs from line \(line + 1): expected \"\(wanted)\", got \"\(got)\"", sourceLocation: sourceLocation)
}

/// How snapshot lines are styled, one text line per line, so that a theme or highlight
/// regression fails a snapshot test as a text change does. Runs are columns, `start-end`.
public enum StyleMap {
    /// Runs of cells drawn with one scope and attributes: `0: 0-11 card.title+bold 12-39 card.border`;
    /// a scope filling the rest of the line ends it as `fill SCOPE`.
    public static func lines(of styled: [StyledLine]) -> [String] {
        styled.enumerated().map { row, line in
            var runs: [(name: String, start: Int, end: Int)] = []
            var column = 0
            for span in line.spans {
                let width = DisplayWidth.of(span.text)
                guard width > 0 else { continue }
                let name = span.scope + attributeSuffix(span.attributes)
                if let last = runs.last, last.name == name {
                    runs[runs.count - 1].end = column + width - 1
                } else {
                    runs.append((name, column, column + width - 1))
                }
                column += width
            }
            let fill = line.fillScope.map { " fill \($0)" } ?? ""
            return "\(row):" + runs.map { " \($0.start)-\($0.end) \($0.name)" }.joined() + fill
        }
    }

    /// Runs of cells with one resolved style, each named by a letter (`0: 0-59 a`), then a legend
    /// giving each letter's colours and attributes and `naming(style)` (the theme scopes that draw it).
    public static func lines(of screen: CellBuffer, naming: (Style) -> String) -> [String] {
        var letters: [Style: Character] = [:]
        var legend: [String] = []
        var rows: [String] = []
        for row in 0..<screen.height {
            var runs: [(letter: Character, start: Int, end: Int)] = []
            for column in 0..<screen.width {
                let style = screen[row, column].style
                let letter = letters[style] ?? {
                    let next = legendLetter(letters.count)
                    letters[style] = next
                    let named = naming(style)
                    legend.append("\(next) \(describe(style))" + (named.isEmpty ? "" : " = \(named)"))
                    return next
                }()
                if let last = runs.last, last.letter == letter {
                    runs[runs.count - 1].end = column
                } else {
                    runs.append((letter, column, column))
                }
            }
            rows.append("\(row):" + runs.map { " \($0.start)-\($0.end) \($0.letter)" }.joined())
        }
        return rows + ["legend:"] + legend
    }

    /// A style's colours and attributes as the theme files write them: `fg #cdd6f4 bg #313244 bold`.
    public static func describe(_ style: Style) -> String {
        let parts = [style.foreground.map { "fg \(hex($0))" }, style.background.map { "bg \(hex($0))" }].compactMap { $0 }
            + attributeNames(style.attributes)
        return parts.isEmpty ? "plain" : parts.joined(separator: " ")
    }

    private static func hex(_ color: Color) -> String {
        switch color {
        case .rgb(let red, let green, let blue): return "#" + [red, green, blue].map { String(format: "%02x", $0) }.joined()
        case .ansi(let index): return "ansi\(index)"
        }
    }

    private static let attributeList: [(TextAttributes, String)] = [
        (.bold, "bold"), (.italic, "italic"), (.underline, "underline"),
        (.reverse, "reverse"), (.dim, "dim"), (.strikethrough, "strikethrough"),
    ]

    private static func attributeNames(_ attributes: TextAttributes) -> [String] {
        attributeList.filter { attributes.contains($0.0) }.map(\.1)
    }

    private static func attributeSuffix(_ attributes: TextAttributes) -> String {
        attributeNames(attributes).map { "+" + $0 }.joined()
    }

    /// a–z, then A–Z, then further letters: a screen has a few dozen styles at most.
    private static func legendLetter(_ index: Int) -> Character {
        let alphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
        return index < alphabet.count ? alphabet[index] : Character(UnicodeScalar(0x3B1 + index - alphabet.count) ?? "?")
    }
}
