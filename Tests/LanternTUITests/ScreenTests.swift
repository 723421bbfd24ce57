import Testing

@testable import LanternTUI

@Suite struct ScreenTests {
    @Test func putTruncatesWithAnEllipsis() {
        var screen = Screen(width: 10, height: 1)
        let used = screen.put("abcdefghijklmnop", x: 0, y: 0)
        #expect(used == 10)
        #expect(screen.lines == ["abcdefghi…"])
        var short = Screen(width: 10, height: 1)
        short.put("abc", x: 2, y: 0, maxWidth: 3, role: .title)
        #expect(short.lines == ["  abc"])
        #expect(short.roleLines == ["..TTT....."])
    }

    @Test func cjkTakesTwoCellsEach() {
        var screen = Screen(width: 8, height: 1)
        let used = screen.put("漢字ab", x: 0, y: 0)
        #expect(used == 6)
        #expect(screen[0, 0].width == 2)
        #expect(screen[1, 0].isContinuation)
        #expect(screen.lines == ["漢字ab"])
        #expect(screen.displayWidth(of: "漢字ab") == 6)
    }

    @Test func wideCharacterThatDoesNotFitIsNotSplit() {
        var screen = Screen(width: 5, height: 1)
        screen.put("ab漢字", x: 0, y: 0)
        // 2 + 2 + 2 = 6 > 5: "ab漢" then the ellipsis.
        #expect(screen.lines == ["ab漢…"])
    }

    @Test func emojiAreWideAndVariationSelectorsCombine() {
        var screen = Screen(width: 10, height: 1)
        #expect(screen.displayWidth(of: "🔥") == 2)
        #expect(screen.displayWidth(of: "⚠\u{FE0F}") == 1)
        screen.put("🔥x", x: 0, y: 0)
        #expect(screen[0, 0].text == "🔥")
        #expect(screen[2, 0].text == "x")
    }

    @Test func overwritingHalfAWideCharacterBlanksTheOtherHalf() {
        var screen = Screen(width: 4, height: 1)
        screen.put("漢字", x: 0, y: 0)
        screen.put("x", x: 1, y: 0)
        #expect(screen.lines == [" x字"])
    }

    @Test func hostileTextIsShownEscapedNeverRaw() {
        var screen = Screen(width: 80, height: 1)
        let agent = "Boto3 \u{1B}]52;c;ZXZpbA==\u{07}\u{1B}[2J\u{202E}evil\u{9B}"
        screen.put(agent, x: 0, y: 0)
        let line = screen.lines[0]
        #expect(line == #"Boto3 \x1b]52;c;ZXZpbA==\x07\x1b[2J\u202eevil\x9b"#)
        for cell in screen.cells {
            for scalar in cell.text.unicodeScalars {
                #expect(!(scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar.value == 0x202E))
            }
        }
    }

    @Test func columnsFitByPriority() {
        let specs = [
            ColumnSpec(1, "A", width: 10, priority: 0), ColumnSpec(2, "B", width: 10, priority: 2),
            ColumnSpec(3, "C", width: 10, priority: 1, flexible: true),
        ]
        let wide = ColumnFitter.fit(specs, x: 0, width: 40)
        #expect(wide.map(\.id) == [1, 2, 3])
        #expect(wide.map(\.width) == [10, 10, 18])
        let narrow = ColumnFitter.fit(specs, x: 0, width: 25)
        #expect(narrow.map(\.id) == [1, 3])
        #expect(narrow.last?.width == 14)
    }
}
