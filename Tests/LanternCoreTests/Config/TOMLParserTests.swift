import Foundation
import Testing

@testable import LanternCore

/// The TOML subset parser on the TOML 1.0 specification's own examples
/// (toml.io/en/v1.0.0) for that subset, checked against Python's `tomllib`.
@Suite struct TOMLParserTests {
    /// Valid examples from the specification, section by section.
    static let specExamples: [String] = [
        // Comment
        """
        # This is a full-line comment
        key = "value"  # This is a comment at the end of a line
        another = "# This is not a comment"
        """,
        // Keys: bare
        """
        key = "value"
        bare_key = "value"
        bare-key = "value"
        1234 = "value"
        """,
        // Keys: quoted
        """
        "127.0.0.1" = "value"
        "character encoding" = "value"
        "ʎǝʞ" = "value"
        'key2' = "value"
        'quoted "value"' = "value"
        """,
        // Keys: empty quoted key (discouraged but valid)
        """
        "" = "blank"
        """,
        // Keys: dotted
        """
        name = "Orange"
        physical.color = "orange"
        physical.shape = "round"
        site."google.com" = true
        """,
        """
        fruit.name = "banana"     # this is best practice
        fruit. color = "yellow"    # same as fruit.color
        fruit . flavor = "banana"   # same as fruit.flavor
        """,
        // Keys: out of order dotted keys (valid but discouraged)
        """
        apple.type = "fruit"
        orange.type = "fruit"

        apple.skin = "thin"
        orange.skin = "thick"

        apple.color = "red"
        orange.color = "orange"
        """,
        """
        3.14159 = "pi"
        """,
        // String: basic
        #"""
        str = "I'm a string. \"You can quote me\". Name\tJos\u00E9\nLocation\tSF."
        """#,
        // String: literal
        #"""
        winpath  = 'C:\Users\nodejs\templates'
        winpath2 = '\\ServerX\admin$\system32\'
        quoted   = 'Tom "Dubs" Preston-Werner'
        regex    = '<\i\c*\s*>'
        """#,
        // Integer
        """
        int1 = +99
        int2 = 42
        int3 = 0
        int4 = -17
        int5 = 1_000
        int6 = 5_349_221
        int7 = 53_49_221  # Indian number system grouping
        int8 = 1_2_3_4_5  # VALID but discouraged
        """,
        """
        hex1 = 0xDEADBEEF
        hex2 = 0xdeadbeef
        hex3 = 0xdead_beef
        oct1 = 0o01234567
        oct2 = 0o755
        bin1 = 0b11010110
        """,
        // Boolean
        """
        bool1 = true
        bool2 = false
        """,
        // Array (of strings)
        """
        colors = [ "red", "yellow", "green" ]
        string_array = [ "all", 'strings', "are the same", 'type' ]  # the spec's multi-line strings are outside the subset
        """,
        """
        integers2 = [
          "1", "2", "3"
        ]

        integers3 = [
          "1",
          "2", # this is ok
        ]
        """,
        // Table
        """
        [table-1]
        key1 = "some string"
        key2 = 123

        [table-2]
        key1 = "another string"
        key2 = 456
        """,
        """
        [dog."tater.man"]
        type.name = "pug"
        """,
        """
        [a.b.c]            # this is best practice
        [ d.e.f ]          # same as [d.e.f]
        [ g .  h  . i ]    # same as [g.h.i]
        [ j . "ʞ" . 'l' ]  # same as [j."ʞ".'l']
        """,
        // Top-level keys before the first header
        """
        # Top-level table begins.
        name = "Fido"
        breed = "pug"

        # Top-level table ends.
        [owner]
        name = "Regina Dogman"
        member_since = "1999-08-04"
        """,
        """
        fruit.apple.color = "red"
        # Defines a table named fruit
        # Defines a table named fruit.apple

        fruit.apple.taste.sweet = true
        # Defines a table named fruit.apple.taste
        # fruit and fruit.apple were already created
        """,
        // Out-of-order tables (valid, discouraged)
        """
        [fruit.apple]
        [animal]
        [fruit.orange]
        """,
        """
        [fruit]
        apple.color = "red"
        apple.taste.sweet = true

        [fruit.apple.texture]  # you can add sub-tables
        smooth = true
        """,
    ]

    /// Invalid examples from the specification (and unsupported features), with the line named.
    static let invalidExamples: [(text: String, line: Int, reason: String)] = [
        ("key = # INVALID", 1, "missing value"),
        ("first = \"Tom\" last = \"Preston-Werner\" # INVALID", 1, "one key = value a line"),
        ("= \"no key name\"  # INVALID", 1, "expected a key"),
        ("# DO NOT DO THIS\nname = \"Tom\"\nname = \"Pradyun\"", 3, "defined twice"),
        ("# THIS WILL NOT WORK\nspelling = \"favorite\"\n\"spelling\" = \"favourite\"", 3, "defined twice"),
        ("# This defines the value of fruit.apple to be an integer.\nfruit.apple = 1\n\n# But then this treats fruit.apple like it's a table.\n# You can't turn an integer into a table.\nfruit.apple.smooth = true", 6, "not a table"),
        ("[fruit]\napple = \"red\"\n\n[fruit]\norange = \"orange\"", 4, "defined twice"),
        ("[fruit]\napple = \"red\"\n\n[fruit.apple]\ntexture = \"smooth\"", 4, "not a table"),
        ("[fruit]\napple.color = \"red\"\napple.taste.sweet = true\n\n[fruit.apple]  # INVALID", 5, "dotted keys"),
        ("str = \"unterminated", 1, "unterminated string"),
        ("bad = \"\\q\"", 1, "unknown escape"),
        ("int = 012", 1, "not a value"),
        ("int = 1__2", 1, "not a value"),
        ("pi = 3.14", 1, "floating-point"),
        ("odt1 = 1979-05-27T07:32:00Z", 1, "dates and times"),
        ("ld = 1979-05-27", 1, "dates and times"),
        ("s = \"\"\"\nmulti\"\"\"", 1, "multi-line strings"),
        ("t = { a = 1 }", 1, "inline tables"),
        ("[[products]]\nname = \"Hammer\"", 1, "arrays of tables"),
        ("a = [1, 2]", 1, "only hold strings"),
        ("a = [\n  \"x\",\n  1,\n]", 3, "only hold strings"),
        ("a = [\"x\"", 1, "unterminated array"),
        ("a = yes", 1, "strings need quotes"),
    ]

    /// The document as JSON-like Python values: a nested dictionary.
    static func nested(_ document: TOMLDocument) -> [String: Any] {
        var root: [String: Any] = [:]
        func insert(_ path: ArraySlice<String>, _ value: Any?, into dictionary: inout [String: Any]) {
            guard let first = path.first else { return }
            if path.count == 1, let value {
                dictionary[first] = value
                return
            }
            var child = dictionary[first] as? [String: Any] ?? [:]
            insert(path.dropFirst(), value, into: &child)
            dictionary[first] = child
        }
        for table in document.tables { insert(table.path[...], nil, into: &root) }
        for entry in document.entries {
            let value: Any
            switch entry.value {
            case .string(let text): value = text
            case .integer(let number): value = number
            case .boolean(let flag): value = flag
            case .strings(let items): value = items
            }
            insert(entry.path[...], value, into: &root)
        }
        return root
    }

    /// What Python's tomllib makes of `text`, as canonical JSON (nil: it rejects it).
    static func pythonTOML(_ text: String) throws -> String? {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("in.toml")
        try Data(text.utf8).write(to: file)
        let script = """
            import json, sys, tomllib
            try:
                data = tomllib.load(open(sys.argv[1], 'rb'))
            except tomllib.TOMLDecodeError:
                print('REJECTED'); sys.exit(0)
            print(json.dumps(data, sort_keys=True, ensure_ascii=False))
            """
        let result = try TestSupport.run("/usr/bin/env", ["python3", "-c", script, file.path])
        guard result.status == 0 else { throw TestFailure("python3 tomllib failed: \(result.stderr)") }
        let output = result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        return output == "REJECTED" ? nil : output
    }

    static func canonicalJSON(_ object: [String: Any]) throws -> String {
        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        // Re-print with Python's spacing so both sides are written alike.
        let script = "import json,sys; print(json.dumps(json.loads(sys.argv[1]), sort_keys=True, ensure_ascii=False))"
        let result = try TestSupport.run("/usr/bin/env", ["python3", "-c", script, String(decoding: data, as: UTF8.self)])
        guard result.status == 0 else { throw TestFailure("python3 json failed: \(result.stderr)") }
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test(arguments: specExamples)
    func specExampleMatchesPythonTomllib(_ text: String) throws {
        let document = try TOMLParser.parse(text, source: "spec.toml")
        let expected = try #require(try Self.pythonTOML(text), "tomllib rejects a valid example")
        #expect(try Self.canonicalJSON(Self.nested(document)) == expected)
    }

    @Test(arguments: 0..<invalidExamples.count)
    func invalidExampleIsRejectedWithItsLine(_ index: Int) throws {
        let example = Self.invalidExamples[index]
        do {
            _ = try TOMLParser.parse(example.text, source: "bad.toml")
            Issue.record("parsed: \(example.text)")
        } catch {
            #expect(error.source == "bad.toml")
            #expect(error.line == example.line, "\(error)")
            #expect(error.reason.contains(example.reason), "\(error)")
        }
    }

    @Test func invalidSpecExamplesAreRejectedByTomllibToo() throws {
        // Those of our rejections that are TOML errors (not merely outside the subset).
        for example in Self.invalidExamples.prefix(12) {
            #expect(try Self.pythonTOML(example.text) == nil, "tomllib accepts: \(example.text)")
        }
    }

    @Test func valuesAndLinesAreKept() throws {
        let text = "# c\n\n[tui]\nmouse = true # on\nclipboard = 'off'\n\n[keys]\nmove-down = [\"j\",\n  \"C-n\"]\nquit = \"q\"\n"
        let document = try TOMLParser.parse(text, source: "c.toml")
        #expect(document.entries == [
            TOMLEntry(path: ["tui", "mouse"], value: .boolean(true), line: 4),
            TOMLEntry(path: ["tui", "clipboard"], value: .string("off"), line: 5),
            TOMLEntry(path: ["keys", "move-down"], value: .strings(["j", "C-n"]), line: 8),
            TOMLEntry(path: ["keys", "quit"], value: .string("q"), line: 10),
        ])
        #expect(document.tables.map(\.line) == [3, 7])
    }

    @Test func escapesDecodeToTheirScalars() throws {
        let document = try TOMLParser.parse(#"s = "a\b\t\n\f\r\"\\\u00e9\U0001F600z""#, source: "e.toml")
        #expect(document.entry(["s"])?.value == .string("a\u{08}\t\n\u{0C}\r\"\\é😀z"))
    }

    @Test func integerLimits() {
        #expect(TOMLParser.integer("9223372036854775807") == Int64.max)
        #expect(TOMLParser.integer("-9223372036854775808") == Int64.min)
        #expect(TOMLParser.integer("9223372036854775808") == nil)
        #expect(TOMLParser.integer("_1") == nil)
        #expect(TOMLParser.integer("1_") == nil)
        #expect(TOMLParser.integer("+0") == 0)
    }

    @Test func crlfLineEndsCountLines() throws {
        let document = try TOMLParser.parse("a = \"1\"\r\n\r\nb = true\r\n", source: "w.toml")
        #expect(document.entry(["b"])?.line == 3)
    }
}
