import TerminalUI
import CNcursesw
import Foundation
import Glibc
import TerminalText

/// The one place that talks to ncurses: it turns raw keys into `InputEvent`s
/// and flushes a `CellBuffer`, writing only the cells that changed since the
/// last frame. Everything else in the app is terminal-free.
public final class TerminalBackend {
    public private(set) var colorDepth: ColorDepth = .none
    private var previous: CellBuffer?
    private var pairs: [PairKey: Int16] = [:]
    private var defaultColors = false
    /// Text of a bracketed paste still arriving.
    private var pasteBuffer: String?
    private let window: UnsafeMutablePointer<WINDOW>
    /// stderr goes to the session log while the screen is ours.
    private let stderrCapture: StderrCapture

    private struct PairKey: Hashable { let foreground: Int; let background: Int }

    /// Key codes we give the sequences ncurses does not know.
    private enum CustomKey {
        static let pasteStart: Int32 = 0x7001
        static let pasteEnd: Int32 = 0x7002
        static let shiftEnter: Int32 = 0x7003
    }

    public enum StartError: Error, CustomStringConvertible {
        case noTerminal(String)
        public var description: String {
            switch self {
            case .noTerminal(let term): return "chattui needs a terminal; could not start one for TERM=\(term)."
            }
        }
    }

    public init(allowColor: Bool, stderrCapture: StderrCapture) throws {
        self.stderrCapture = stderrCapture
        let current = setlocale(LC_ALL, "").map { String(cString: $0) } ?? ""
        if !current.uppercased().contains("UTF-8") && !current.uppercased().contains("UTF8") {
            _ = setlocale(LC_CTYPE, "C.UTF-8")
        }
        guard isatty(0) != 0, isatty(1) != 0, chattui_newterm() != nil, let screen = chattui_stdscr() else {
            throw StartError.noTerminal(getenv("TERM").map { String(cString: $0) } ?? "unset")
        }
        window = screen
        raw()
        noecho()
        nonl()
        keypad(window, true)
        nodelay(window, true)
        set_escdelay(25)
        if allowColor && has_colors() {
            start_color()
            defaultColors = use_default_colors() == OK
            colorDepth = chattui_colors() >= 256 ? .xterm256 : .ansi8
        }
        mousemask(chattui_wheel_up() | chattui_wheel_down(), nil)
        mouseinterval(0)
        define_key("\u{1b}[200~", CustomKey.pasteStart)
        define_key("\u{1b}[201~", CustomKey.pasteEnd)
        define_key("\u{1b}[13;2u", CustomKey.shiftEnter)
        define_key("\u{1b}[27;2;13~", CustomKey.shiftEnter)
        writeRaw("\u{1b}[?2004h")
        stderrCapture.capture()
    }

    /// Restores the terminal: the shell gets back what it had, stderr included.
    public func stop() {
        endwin()
        writeRaw("\u{1b}[?2004l")
        stderrCapture.release()
    }

    /// Gives the terminal back and stops the process; `fg` resumes here, and the
    /// returned resize repaints at whatever size the terminal has by then.
    public func suspend() -> InputEvent {
        stop()
        // ncurses' own SIGTSTP handler does nothing once endwin has run (and raise() met it), so the stop
        // is the default action's, sent to the whole job as a shell's Ctrl-Z would be; its handler comes back after `fg`.
        var standard = sigaction()
        var ncursesHandler = sigaction()
        standard.__sigaction_handler.sa_handler = SIG_DFL
        sigaction(SIGTSTP, &standard, &ncursesHandler)
        kill(0, SIGTSTP)
        sigaction(SIGTSTP, &ncursesHandler, nil)
        stderrCapture.capture()
        writeRaw("\u{1b}[?2004h")
        return applyResize()
    }

    /// Puts `text` on the clipboard with OSC 52, which terminals (and tmux with set-clipboard) pass on, over SSH too.
    public func copyToClipboard(_ text: String) {
        writeRaw("\u{1B}]52;c;" + Data(text.utf8).base64EncodedString() + "\u{07}")
    }

    private func writeRaw(_ sequence: String) {
        _ = sequence.utf8CString.withUnsafeBufferPointer { write(1, $0.baseAddress, $0.count - 1) }
    }

    public var size: (width: Int, height: Int) { (Int(chattui_cols()), Int(chattui_lines())) }

    /// The terminal's size as the kernel reports it, without starting ncurses (for `doctor` too).
    public static func windowSize() -> (width: Int, height: Int)? {
        var rows: Int32 = 0, columns: Int32 = 0
        guard chattui_window_size(&rows, &columns) == 0, rows > 0, columns > 0 else { return nil }
        return (Int(columns), Int(rows))
    }

    /// After SIGWINCH: tells ncurses the new size and redraws everything next frame.
    public func applyResize() -> InputEvent {
        if let size = Self.windowSize() { resizeterm(Int32(size.height), Int32(size.width)) }
        previous = nil
        return .resize(width: size.width, height: size.height)
    }

    /// Blocks until the terminal or `wakeDescriptor` has something, with no timeout.
    /// Sleeps until a key, a posted event, or `timeout` milliseconds (nil: no limit).
    public func waitForInput(wakeDescriptor: Int32, timeout: Int? = nil) {
        var descriptors = [pollfd(fd: 0, events: Int16(POLLIN), revents: 0), pollfd(fd: wakeDescriptor, events: Int16(POLLIN), revents: 0)]
        _ = poll(&descriptors, 2, Int32(timeout ?? -1))
    }

    // MARK: Input

    /// Reads everything the terminal has sent so far.
    public func readEvents() -> [InputEvent] {
        var events: [InputEvent] = []
        while let (code, isKey) = nextCode() {
            if pasteBuffer != nil {
                if isKey && code == CustomKey.pasteEnd {
                    events.append(.paste(pasteBuffer!))
                    pasteBuffer = nil
                } else if !isKey, let scalar = Unicode.Scalar(UInt32(code)) {
                    pasteBuffer!.unicodeScalars.append(scalar == "\r" ? "\n" : scalar)
                }
                continue
            }
            if let event = isKey ? keyEvent(forKeyCode: code) : characterEvent(code) { events.append(event) }
        }
        return events
    }

    private func nextCode() -> (Int32, Bool)? {
        var character: wint_t = 0
        let result = wget_wch(window, &character)
        if result == ERR { return nil }
        return (Int32(bitPattern: character), result == KEY_CODE_YES)
    }

    private func characterEvent(_ code: Int32) -> InputEvent? {
        switch code {
        case 13: return .key(KeyEvent(.enter))
        case 10: return .key(.ctrl("j"))
        case 9: return .key(KeyEvent(.tab))
        case 8, 127: return .key(KeyEvent(.backspace))
        case 27:
            guard let (next, isKey) = nextCode() else { return .key(KeyEvent(.escape)) }
            if !isKey, let scalar = Unicode.Scalar(UInt32(next)), EscapeSequence.introduces(Character(scalar)) {
                return escapeSequence(introducer: Character(scalar))
            }
            guard case .key(var event)? = isKey ? keyEvent(forKeyCode: next) : characterEvent(next) else { return .key(KeyEvent(.escape)) }
            event.alt = true
            return .key(event)
        case 1...26: return .key(.ctrl(Character(Unicode.Scalar(UInt8(code) + 96))))
        case 0..<32: return nil
        default:
            guard let scalar = Unicode.Scalar(UInt32(code)) else { return nil }
            return .key(.char(Character(scalar)))
        }
    }

    /// The rest of a CSI or SS3 sequence ncurses did not recognise: a key we know, or nothing.
    /// ESC `[` with nothing after it was typed by a person: Alt-[.
    private func escapeSequence(introducer: Character) -> InputEvent? {
        var body = ""
        while let (code, isKey) = nextCode() {
            guard !isKey, let scalar = Unicode.Scalar(UInt32(code)), scalar.isASCII else { return nil }
            let character = Character(scalar)
            body.append(character)
            if introducer == "O" || EscapeSequence.isFinal(character) {
                return EscapeSequence.key(introducer: introducer, body: body).map { .key($0) }
            }
            // Parameter and intermediate bytes only, and not for ever.
            guard (0x20...0x3F).contains(scalar.value), body.count < 32 else { return nil }
        }
        return body.isEmpty ? .key(.alt(.character(introducer))) : nil
    }

    private func keyEvent(forKeyCode code: Int32) -> InputEvent? {
        switch code {
        case KEY_UP: return .key(KeyEvent(.up))
        case KEY_DOWN: return .key(KeyEvent(.down))
        case KEY_LEFT: return .key(KeyEvent(.left))
        case KEY_RIGHT: return .key(KeyEvent(.right))
        case KEY_HOME: return .key(KeyEvent(.home))
        case KEY_END: return .key(KeyEvent(.end))
        case KEY_PPAGE: return .key(KeyEvent(.pageUp))
        case KEY_NPAGE: return .key(KeyEvent(.pageDown))
        case KEY_BACKSPACE: return .key(KeyEvent(.backspace))
        case KEY_DC: return .key(KeyEvent(.delete))
        case KEY_BTAB: return .key(KeyEvent(.backTab))
        case KEY_ENTER: return .key(KeyEvent(.enter))
        case CustomKey.shiftEnter: return .key(KeyEvent(.enter, shift: true))
        case CustomKey.pasteStart:
            pasteBuffer = ""
            return nil
        case KEY_RESIZE:
            previous = nil
            return .resize(width: size.width, height: size.height)
        case KEY_MOUSE:
            var event = MEVENT()
            guard getmouse(&event) == OK else { return nil }
            if event.bstate & chattui_wheel_up() != 0 { return .wheel(up: true) }
            if event.bstate & chattui_wheel_down() != 0 { return .wheel(up: false) }
            return nil
        case (KEY_F0 + 1)...(KEY_F0 + 12): return .key(KeyEvent(.function(Int(code - KEY_F0))))
        default: return modifiedKey(named: keyname(code).map { String(cString: $0) } ?? "")
        }
    }

    /// xterm's modified keys arrive as extended names: kLFT5 is Ctrl-Left, kHOM3 Alt-Home.
    private func modifiedKey(named name: String) -> InputEvent? {
        let keys: [String: Key] = ["kLFT": .left, "kRIT": .right, "kUP": .up, "kDN": .down, "kHOM": .home, "kEND": .end,
                                   "kPRV": .pageUp, "kNXT": .pageDown, "kDC": .delete]
        guard let modifier = name.last?.wholeNumberValue, let key = keys[String(name.dropLast())] else { return nil }
        let bits = modifier - 1
        return .key(KeyEvent(key, control: bits & 4 != 0, alt: bits & 2 != 0, shift: bits & 1 != 0))
    }

    // MARK: Output

    /// Writes the cells that changed since the last frame and shows the cursor.
    public func draw(_ buffer: CellBuffer) {
        let old = previous.flatMap { $0.width == buffer.width && $0.height == buffer.height ? $0 : nil }
        if old == nil { clearok(window, true) }
        for row in 0..<buffer.height {
            for column in 0..<buffer.width {
                let cell = buffer[row, column]
                if cell.isContinuation || old?[row, column] == cell { continue }
                put(cell, row: row, column: column)
            }
        }
        if let cursor = buffer.cursor {
            wmove(window, Int32(cursor.row), Int32(cursor.column))
            curs_set(1)
        } else {
            curs_set(0)
        }
        wnoutrefresh(window)
        doupdate()
        previous = buffer
    }

    private func put(_ cell: Cell, row: Int, column: Int) {
        // ncurses keeps at most 5 code points per cell (CCHARW_MAX).
        var characters = cell.grapheme.unicodeScalars.prefix(5).map { wchar_t(bitPattern: $0.value) }
        characters.append(0)
        var complex = cchar_t()
        setcchar(&complex, characters, attributes(of: cell.style), pair(for: cell.style), nil)
        mvwadd_wch(window, Int32(row), Int32(column), &complex)
    }

    private func attributes(of style: Style) -> attr_t {
        var result: attr_t = 0
        if style.attributes.contains(.bold) { result |= chattui_a_bold() }
        if style.attributes.contains(.dim) { result |= chattui_a_dim() }
        if style.attributes.contains(.underline) { result |= chattui_a_underline() }
        if style.attributes.contains(.reverse) { result |= chattui_a_reverse() }
        if style.attributes.contains(.italic) { result |= chattui_a_italic() }
        return result
    }

    /// A colour pair for the style's colours, made on first use.
    private func pair(for style: Style) -> Int16 {
        guard colorDepth != .none else { return 0 }
        let fallback = defaultColors ? -1 : 0
        var foreground = style.foreground.flatMap(colorDepth.index(of:)) ?? (defaultColors ? -1 : 7)
        let background = style.background.flatMap(colorDepth.index(of:)) ?? fallback
        if foreground == background && style.foreground != style.background { foreground = background == 0 ? 7 : 0 }
        let key = PairKey(foreground: foreground, background: background)
        if let existing = pairs[key] { return existing }
        let next = pairs.count + 1
        guard next < min(Int(chattui_color_pairs()), Int(Int16.max)) else { return 0 }
        init_pair(Int16(next), Int16(foreground), Int16(background))
        pairs[key] = Int16(next)
        return Int16(next)
    }
}
