import Testing

@testable import LanternCore

@Suite struct JSONCursorTests {
    @Test func parsesEveryValueKindKeepingOrderAndNumberText() throws {
        let value = try JSONValue.parse(#"{"b":1.50,"a":[true,false,null,"x\n\u00e9\ud83d\ude00"],"c":-2e3}"#)
        #expect(value.objectMembers?.map(\.key) == ["b", "a", "c"])
        #expect(value["b"] == .number("1.50"))
        #expect(value["c"]?.doubleValue == -2000)
        #expect(value["a"]?.arrayValue?[3] == .string("x\né😀"))
    }

    @Test func writerRoundTripsAndEscapesTerminalControls() throws {
        let text = #"{"ua":"evil\u001b]52;c;aGk=\u0007\u202e","n":10}"#
        let value = try JSONValue.parse(text)
        let written = JSONWriter(pretty: false).string(value)
        #expect(written == #"{"ua":"evil\u001b]52;c;aGk=\u0007\u202e","n":10}"#)
        #expect(try JSONValue.parse(written) == value)
        #expect(!written.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x202E })
    }

    @Test func skipValueMatchesParseOnNestedInput() throws {
        let text = Array(#"  {"a":{"b":[1,{"c":"]}"}],"d":"\"}"},"e":[[],{}]} tail"#.utf8)
        try text.withUnsafeBufferPointer { buffer in
            var cursor = JSONCursor(buffer)
            try cursor.skipValue()
            #expect(String(decoding: buffer[cursor.offset...], as: UTF8.self) == " tail")
        }
    }

    @Test func deepNestingIsAnErrorNotACrash() {
        let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        #expect(throws: JSONError.self) { try JSONValue.parse(deep) }
        let bytes = Array(deep.utf8)
        bytes.withUnsafeBufferPointer { buffer in
            var cursor = JSONCursor(buffer)
            #expect(throws: JSONError.self) { try cursor.skipValue() }
        }
    }

    @Test(arguments: [#"{"a":"#, #"{"a":tru"#, #"[1,2"#, #""abc"#])
    func truncatedInputSaysTruncated(text: String) {
        #expect {
            try JSONValue.parse(text)
        } throws: { error in
            (error as? JSONError)?.reason == .truncated
        }
    }

    @Test(arguments: [#"{"a" 1}"#, #"[1,,2]"#, #"{"a":01x}"#, "[\"\u{01}\"]", #"{"a":1]"#])
    func malformedInputIsRejected(text: String) {
        #expect(throws: JSONError.self) { try JSONValue.parse(text) }
    }
}
