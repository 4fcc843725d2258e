#if FUZZING
import ConversationModel
import ToolCards

/// libFuzzer's entry: any bytes as an HTML page, read into an outline and laid out as a
/// card at a width taken from the first byte. Built by `make fuzz` with
/// `-sanitize=fuzzer,address -parse-as-library -DFUZZING`; a plain build makes an empty program.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    let width = Int(bytes.first ?? 80) % 160 + 1
    let html = String(decoding: bytes.dropFirst(), as: UTF8.self)
    let outline = HTMLOutline(html: html)
    let view = ResultAttachment(kind: .view, outline: outline.json)
    let presentation = ToolPresentation(tool: "t__t", connector: "t", title: "t", arguments: .object([:]), isReadOnly: true, attachments: [view])
    let card = ToolCard(result: ToolResult(callID: "1", content: html, isError: false, presentation: presentation), fallbackTitle: "t")
    let lines = CardLayout().lines(for: card, width: width, options: .init(isExpanded: width % 2 == 0))
    precondition(lines.allSatisfy { $0.width == max(8, width - 4) + 4 }, "a card line overflows its width")
    return 0
}

@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                     _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt) -> CInt

/// SwiftPM links an executable's entry as `<module>_main`; it hands over to libFuzzer's driver.
@_cdecl("CardFuzzer_main")
public func cardFuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return runFuzzerDriver(&count, &arguments) { data, size in fuzzOneInput(data, size) }
}
#endif
