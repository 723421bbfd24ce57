/// A terminal colour as a theme names it.
public enum Color: Equatable, Sendable {
    /// The terminal's own default foreground or background.
    case terminalDefault
    /// One of the 16 ANSI colours (0–7 normal, 8–15 bright), from the terminal's palette.
    case ansi(UInt8)
    /// One of the xterm 256 colours (16–255).
    case indexed(UInt8)
    /// A 24-bit colour.
    case rgb(UInt8, UInt8, UInt8)

    /// ANSI colour names in palette order.
    public static let ansiNames = ["black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"]

    /// Parses `default`, an ANSI name (`red`, `bright-red`), `0`–`255`,
    /// `color0`–`color255`, or `#rrggbb`; nil otherwise.
    public init?(parsing text: String) {
        let word = text.lowercased()
        if word == "default" { self = .terminalDefault; return }
        if let index = Color.ansiNames.firstIndex(of: word) { self = .ansi(UInt8(index)); return }
        if word.hasPrefix("bright-"), let index = Color.ansiNames.firstIndex(of: String(word.dropFirst(7))) {
            self = .ansi(UInt8(index + 8))
            return
        }
        let digits = word.hasPrefix("color") ? String(word.dropFirst(5)) : word
        if let number = Int(digits), (0...255).contains(number) {
            self = number < 16 ? .ansi(UInt8(number)) : .indexed(UInt8(number))
            return
        }
        if word.hasPrefix("#"), word.count == 7, let value = UInt32(word.dropFirst(), radix: 16) {
            self = .rgb(UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF))
            return
        }
        return nil
    }

    /// The palette number to use on a terminal with `colors` colours
    /// (-1 for the terminal default), approximating what it cannot show.
    public func paletteIndex(colors: Int) -> Int {
        switch self {
        case .terminalDefault:
            return -1
        case .ansi(let n):
            return colors >= 16 ? Int(n) : Int(n % 8)
        case .indexed(let n):
            if colors >= 256 { return Int(n) }
            return Color.nearestANSI(Color.xtermRGB(Int(n)), colors: colors)
        case .rgb(let r, let g, let b):
            if colors >= 0x100_0000 { return Int(r) << 16 | Int(g) << 8 | Int(b) }
            if colors >= 256 { return Color.nearestXterm((Int(r), Int(g), Int(b))) }
            return Color.nearestANSI((Int(r), Int(g), Int(b)), colors: colors)
        }
    }

    /// The RGB value of xterm colour `n` (16–255).
    static func xtermRGB(_ n: Int) -> (Int, Int, Int) {
        if n >= 232 {
            let level = 8 + (n - 232) * 10
            return (level, level, level)
        }
        let cube = max(0, n - 16)
        let steps = [0, 95, 135, 175, 215, 255]
        return (steps[cube / 36 % 6], steps[cube / 6 % 6], steps[cube % 6])
    }

    static let ansiRGB: [(Int, Int, Int)] = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
        (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255),
    ]

    static func distance(_ a: (Int, Int, Int), _ b: (Int, Int, Int)) -> Int {
        let dr = a.0 - b.0, dg = a.1 - b.1, db = a.2 - b.2
        return dr * dr + dg * dg + db * db
    }

    static func nearestANSI(_ rgb: (Int, Int, Int), colors: Int) -> Int {
        let count = colors >= 16 ? 16 : 8
        var best = 0
        for index in 0..<count where distance(ansiRGB[index], rgb) < distance(ansiRGB[best], rgb) { best = index }
        return best
    }

    static func nearestXterm(_ rgb: (Int, Int, Int)) -> Int {
        var best = 16
        for index in 16..<256 where distance(xtermRGB(index), rgb) < distance(xtermRGB(best), rgb) { best = index }
        return best
    }
}
