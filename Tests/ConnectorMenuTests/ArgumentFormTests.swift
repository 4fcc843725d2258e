import ConversationModel
import Testing
@testable import ConnectorMenu

/// The form engine: every field kind, its checks as typed, defaults, and the JSON back.
@Suite struct ArgumentFormTests {
    static let schema = JSONValue.parse("""
    {"type": "object", "required": ["title", "email"],
     "properties": {
       "title": {"type": "string", "title": "Title", "description": "One line", "minLength": 3, "maxLength": 10},
       "email": {"type": "string", "format": "email"},
       "site": {"type": "string", "format": "uri"},
       "due": {"type": "string", "format": "date"},
       "at": {"type": "string", "format": "date-time"},
       "count": {"type": "integer", "minimum": 1, "maximum": 5, "default": 2},
       "ratio": {"type": "number", "maximum": 1.5},
       "urgent": {"type": "boolean", "default": false},
       "size": {"type": "string", "enum": ["s", "m", "l"], "enumNames": ["Small", "Medium", "Large"]},
       "team": {"type": "string", "oneOf": [{"const": "web", "title": "Website"}, {"const": "app", "title": "Mobile app"}]},
       "tags": {"type": "array", "items": {"type": "string", "enum": ["bug", "ui"]}, "maxItems": 1},
       "areas": {"type": "array", "items": {"anyOf": [{"const": "a", "title": "Area A"}, {"const": "b", "title": "Area B"}]}},
       "aliases": {"type": "array", "items": {"type": "string"}},
       "owner": {"type": "object", "required": ["name"], "properties": {"name": {"type": "string"}, "team": {"type": "string"}}},
       "extra": {"type": "object"},
       "note": {"type": ["string", "null"], "default": null}
     }}
    """)!

    var form: ArgumentForm { ArgumentForm(schema: Self.schema, arguments: .object([:])) }

    func index(_ name: String) -> Int { form.fields.firstIndex { $0.name == name }! }

    @Test func fieldsAreRequiredFirstWithTheirKinds() {
        #expect(form.fields.prefix(2).map(\.name) == ["title", "email"], "with no order given, required first, as the schema lists them")
        #expect(form.fields[index("title")].title == "Title")
        #expect(form.fields[index("title")].help == "One line")
        #expect(form.fields[index("count")].kind == .number(isInteger: true, minimum: 1, maximum: 5))
        #expect(form.fields[index("urgent")].kind == .boolean)
        #expect(form.fields[index("size")].choices == ["Small", "Medium", "Large"], "legacy enumNames title the options")
        #expect(form.fields[index("team")].choices == ["Website", "Mobile app"], "oneOf with const and title")
        #expect(form.fields[index("areas")].choices == ["Area A", "Area B"], "anyOf items make a multiple choice")
        #expect(form.fields[index("aliases")].kind == .list)
        #expect(form.fields[index("extra")].kind == .json(type: "object"))
        #expect(form.fields.contains { $0.path == ["owner", "name"] }, "one level of nested object becomes fields")
    }

    @Test func theSchemasOrderAndTitlesAreKept() {
        let schema = JSONValue.parse("""
        {"type": "object", "required": ["title"], "properties": {
          "assignee": {"type": "string", "propertyOrder": 3},
          "title": {"type": "string", "title": "Title", "propertyOrder": 1},
          "due_date": {"type": "string", "title": "Due date", "propertyOrder": 4},
          "project": {"type": "string", "title": "Project", "enum": ["Inbox", "Website"], "propertyOrder": 2},
          "zebra": {"type": "string"}
        }}
        """)!
        let form = ArgumentForm(schema: schema, arguments: .object([:]))
        #expect(form.fields.map(\.name) == ["title", "project", "assignee", "due_date", "zebra"], "the order given, not required-first or by name")
        #expect(form.fields.map(\.title) == ["Title", "Project", "assignee", "Due date", "zebra"], "a title when given, else the name")
        #expect(form.arguments(from: ["Fix it", "", "", "", ""]) == .success(.object(["title": .string("Fix it")])), "an unset choice is left out")
    }

    @Test func defaultsArePrefilledAndArgumentsWin() {
        #expect(form.initialValues[index("count")] == "2")
        #expect(form.initialValues[index("urgent")] == "false")
        #expect(form.initialValues[index("note")] == "", "a null default leaves the field empty")
        let given = ArgumentForm(schema: Self.schema, arguments: .object(["count": .number(4), "team": .string("app"), "tags": .array([.string("ui")]),
                                                                          "owner": .object(["name": .string("Ana")])]))
        #expect(given.initialValues[given.fields.firstIndex { $0.name == "count" }!] == "4")
        #expect(given.initialValues[given.fields.firstIndex { $0.name == "team" }!] == "Mobile app")
        #expect(given.initialValues[given.fields.firstIndex { $0.name == "tags" }!] == "ui")
        #expect(given.initialValues[given.fields.firstIndex { $0.name == "owner.name" }!] == "Ana")
    }

    @Test(arguments: [
        ("title", "", "required"), ("title", "ab", "at least 3 characters"), ("title", "abcdefghijk", "at most 10 characters"), ("title", "abc", nil),
        ("email", "x@y", "an email address, like name@example.com"), ("email", "ana@example.com", nil),
        ("site", "example.com", "an address with a scheme, like https://example.com"), ("site", "https://example.com/a", nil),
        ("due", "2026-02-30", "a date, like 2026-11-21"), ("due", "2026-02-28", nil),
        ("at", "2026-11-21 09:30", "a date and time, like 2026-11-21T09:30:00Z"), ("at", "2026-11-21T09:30:00+01:00", nil),
        ("count", "2.5", "a whole number"), ("count", "9", "at most 5"), ("count", "0", "at least 1"), ("count", "3", nil),
        ("ratio", "abc", "a number"), ("ratio", "1.25", nil),
        ("urgent", "maybe", "true or false (Space toggles)"),
        ("size", "Huge", "one of Small, Medium, Large"), ("size", "Medium", nil),
        ("tags", "bug, ui", "choose at most 1"), ("tags", "feature", "“feature” is not an option"),
        ("extra", "[1]", "a JSON object, like {\"key\": \"value\"}"),
        ("note", "", nil),
    ] as [(String, String, String?)])
    func eachKindIsCheckedAsTyped(field: String, text: String, problem: String?) {
        #expect(form.problem(text, field: index(field)) == problem)
    }

    @Test func valuesBecomeJSONOfTheRightTypes() {
        var values = form.initialValues
        func set(_ name: String, _ text: String) { values[index(name)] = text }
        set("title", "Fix it")
        set("email", "ana@example.com")
        set("size", "Large")
        set("team", "Website")
        set("tags", "bug")
        set("areas", "Area B, Area A")
        set("aliases", "one, two ,")
        set("owner.name", "Ana")
        set("extra", "{\"k\": 1}")
        set("ratio", "0.5")
        guard case .success(let arguments) = form.arguments(from: values) else { Issue.record("valid values"); return }
        #expect(arguments["title"] == .string("Fix it"))
        #expect(arguments["count"] == .number(2))
        #expect(arguments["ratio"] == .number(0.5))
        #expect(arguments["urgent"] == .bool(false))
        #expect(arguments["size"] == .string("l"), "the option's value, not its title")
        #expect(arguments["team"] == .string("web"))
        #expect(arguments["tags"] == .array([.string("bug")]))
        #expect(arguments["areas"] == .array([.string("b"), .string("a")]))
        #expect(arguments["aliases"] == .array([.string("one"), .string("two")]))
        #expect(arguments["owner"] == .object(["name": .string("Ana")]))
        #expect(arguments["extra"] == .object(["k": .number(1)]))
        #expect(arguments["note"] == nil, "an empty optional field is left out")
    }

    @Test func theFirstProblemIsNamedWithItsField() {
        guard case .failure(let problem) = form.arguments(from: form.initialValues) else { Issue.record("required fields are empty"); return }
        #expect(problem.field == 0)
        #expect(problem.message == "Title: required")
    }

    @Test func aNestedObjectIsRequiredOnlyWhenItsParentIs() {
        #expect(form.fields[index("owner.name")].isRequired == false)
        let required = ArgumentForm(schema: .object(["type": .string("object"), "required": .array([.string("owner")]),
                                                     "properties": Self.schema["properties"]!]), arguments: .object([:]))
        #expect(required.fields.first { $0.name == "owner.name" }?.isRequired == true)
        #expect(required.fields.first { $0.name == "owner.team" }?.isRequired == false)
    }

    /// Local `$ref`s (pointers into `$defs`/`definitions`, anchors, chains) are followed for the
    /// form; one that leaves the schema is never fetched and its field takes JSON; a cycle ends.
    @Test func localReferencesAreFollowedAndNoneIsFetched() {
        let schema = JSONValue.parse("""
        {"type": "object", "required": ["to"],
         "$defs": {"Address": {"type": "object", "required": ["city"],
                               "properties": {"city": {"$ref": "#/$defs/City"}, "street": {"type": "string"}}},
                   "City": {"type": "string", "minLength": 2},
                   "Size": {"$anchor": "size", "type": "string", "enum": ["s", "l"]},
                   "Tag": {"$ref": "#/definitions/Label"},
                   "Loop": {"$ref": "#/$defs/Loop"}},
         "definitions": {"Label": {"type": "string", "enum": ["bug", "ui"]}},
         "properties": {"to": {"$ref": "#/$defs/Address"},
                        "size": {"$ref": "#size", "title": "Parcel size"},
                        "tags": {"type": "array", "items": {"$ref": "#/$defs/Tag"}},
                        "remote": {"$ref": "https://example.com/schemas/remote.json"},
                        "loop": {"$ref": "#/$defs/Loop"}}}
        """)!
        let form = ArgumentForm(schema: schema, arguments: .object([:]))
        func field(_ name: String) -> ArgumentForm.Field? { form.fields.first { $0.name == name } }
        #expect(field("to.city")?.kind == .text(format: nil, minLength: 2, maxLength: nil))
        #expect(field("to.city")?.isRequired == true)
        #expect(field("to.street")?.kind == .text(format: nil, minLength: nil, maxLength: nil))
        #expect(field("size")?.title == "Parcel size", "the keywords beside a $ref win")
        #expect(field("size")?.choices == ["s", "l"])
        #expect(field("tags")?.choices == ["bug", "ui"])
        #expect(field("remote")?.kind == .json(type: ""))
        #expect(field("loop")?.kind == .json(type: ""))
        let typed = form.fields.map { $0.name == "to.city" ? "Oslo" : "" }
        #expect((try? form.arguments(from: typed).get()) == .object(["to": .object(["city": .string("Oslo")])]))
    }

    @Test func writeOnlyOrPasswordFieldsAreSecret() {
        let form = ArgumentForm(schema: .object(["type": .string("object"), "properties": .object([
            "token": .object(["type": .string("string"), "writeOnly": .bool(true)]),
            "password": .object(["type": .string("string"), "format": .string("password")]),
            "team": .object(["type": .string("string")]),
        ])]), arguments: .object([:]))
        #expect(form.fields.filter(\.isSecret).map(\.name).sorted() == ["password", "token"])
    }

    /// A server asking for a password rarely marks the field: its name is enough to mask it, and a
    /// name that only looks alike (a model's `max_tokens`) is not masked.
    @Test func fieldsNamedForSecretsAreSecretWithoutBeingMarked() {
        let names = ["password", "ssh_key", "sshKey", "API Key", "github-token", "pin", "max_tokens", "username", "keyboard", "spinner"]
        let properties = Dictionary(uniqueKeysWithValues: names.map { ($0, JSONValue.object(["type": .string("string")])) })
        let form = ArgumentForm(schema: .object(["type": .string("object"), "properties": .object(properties)]), arguments: .object([:]))
        #expect(form.fields.filter(\.isSecret).map(\.name).sorted() == ["API Key", "github-token", "password", "pin", "sshKey", "ssh_key"])
        #expect(form.asksForSecrets)
    }
}
