/// How many colours the terminal can show, and how a theme colour maps onto them.
public enum ColorDepth: Sendable, Equatable {
    /// `NO_COLOR` or a monochrome terminal: attributes only.
    case none
    /// The eight basic ANSI colours.
    case ansi8
    /// The xterm 256-colour palette.
    case xterm256

    /// The terminal colour index for `color`, or nil for none.
    public func index(of color: Color) -> Int? {
        switch (self, color) {
        case (.none, _): return nil
        case (.xterm256, .ansi(let value)): return Int(value)
        case (.ansi8, .ansi(let value)): return Int(value % 8)
        case (.xterm256, .rgb(let r, let g, let b)): return ColorDepth.nearest256(r, g, b)
        case (.ansi8, .rgb(let r, let g, let b)): return ColorDepth.nearest8(r, g, b)
        }
    }

    private static let cubeLevels: [Int] = [0, 95, 135, 175, 215, 255]

    /// Nearest entry of the 6x6x6 cube or the grey ramp (indices 16–255).
    static func nearest256(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> Int {
        func level(_ value: UInt8) -> Int {
            cubeLevels.indices.min { abs(cubeLevels[$0] - Int(value)) < abs(cubeLevels[$1] - Int(value)) }!
        }
        let (ri, gi, bi) = (level(r), level(g), level(b))
        let cube = 16 + 36 * ri + 6 * gi + bi
        let cubeDistance = distance((r, g, b), (cubeLevels[ri], cubeLevels[gi], cubeLevels[bi]))
        let average = (Int(r) + Int(g) + Int(b)) / 3
        let greyStep = max(0, min(23, (average - 8 + 5) / 10))
        let greyValue = 8 + greyStep * 10
        let greyDistance = distance((r, g, b), (greyValue, greyValue, greyValue))
        return greyDistance < cubeDistance ? 232 + greyStep : cube
    }

    /// The basic colour of the same hue; dark colours become black and
    /// unsaturated ones black or white, so pastel text stays readable.
    static func nearest8(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> Int {
        let red = Double(r) / 255, green = Double(g) / 255, blue = Double(b) / 255
        let maximum = max(red, green, blue), minimum = min(red, green, blue)
        let saturation = maximum == 0 ? 0 : (maximum - minimum) / maximum
        if maximum < 0.3 { return 0 }
        if saturation < 0.3 { return maximum < 0.5 ? 0 : 7 }
        var hue: Double
        switch maximum {
        case red: hue = 60 * ((green - blue) / (maximum - minimum))
        case green: hue = 60 * ((blue - red) / (maximum - minimum) + 2)
        default: hue = 60 * ((red - green) / (maximum - minimum) + 4)
        }
        if hue < 0 { hue += 360 }
        // Sectors around red, yellow, green, cyan, blue, magenta, in ANSI order.
        let sectors = [1, 3, 2, 6, 4, 5]
        return sectors[Int((hue + 30).truncatingRemainder(dividingBy: 360) / 60)]
    }

    private static func distance(_ a: (UInt8, UInt8, UInt8), _ b: (Int, Int, Int)) -> Int {
        let dr = Int(a.0) - b.0, dg = Int(a.1) - b.1, db = Int(a.2) - b.2
        return 2 * dr * dr + 4 * dg * dg + 3 * db * db
    }
}
