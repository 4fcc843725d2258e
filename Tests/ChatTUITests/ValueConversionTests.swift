import ConversationModel
import Foundation
import MCP
import Testing
@testable import LiveSession

/// The SDK's `Value` and our `JSONValue` convert case by case, and agree with what the JSON would say.
@Suite struct ValueConversionTests {
    @Test func valuesConvertStructurallyBothWays() throws {
        let json = JSONValue.parse(#"{"n":3,"x":2.5,"s":"data:text/plain;base64,aGk=","a":[true,null,{"k":"v"}],"big":1e20}"#)!
        let value = try #require(Value.converting(json))
        #expect(value.objectValue?["n"] == .int(3))
        #expect(value.objectValue?["x"] == .double(2.5))
        #expect(value.objectValue?["s"] == .string("data:text/plain;base64,aGk="), "a string stays a string")
        #expect(JSONValue.converting(value) == json)
        // What the JSON text would have given, without the text.
        let viaText = try JSONDecoder().decode(JSONValue.self, from: JSONEncoder().encode(value))
        #expect(JSONValue.converting(value) == viaText)
        #expect(JSONValue.converting(.data(mimeType: "image/png", Data([1, 2]))) == .string("data:image/png;base64,AQI="))
    }
}
