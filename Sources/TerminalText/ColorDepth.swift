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

    /// The basic colour closest in hue and lightness; greys go to black or white.
    static func nearest8(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> Int {
        let basics: [(Int, Int, Int)] = [
            (0, 0, 0), (205, 49, 49), (13, 188, 121), (229, 229, 16),
            (36, 114, 200), (188, 63, 188), (17, 168, 205), (229, 229, 229),
        ]
        return basics.indices.min { distance((r, g, b), basics[$0]) < distance((r, g, b), basics[$1]) }!
    }

    private static func distance(_ a: (UInt8, UInt8, UInt8), _ b: (Int, Int, Int)) -> Int {
        let dr = Int(a.0) - b.0, dg = Int(a.1) - b.1, db = Int(a.2) - b.2
        return 2 * dr * dr + 4 * dg * dg + 3 * db * db
    }
}
