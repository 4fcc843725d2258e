// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "chattui",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "chattui", targets: ["ChatTUI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(path: "Vendor/swift-sdk"),
    ],
    targets: [
        .systemLibrary(name: "CNcursesw", providers: [.apt(["libncursesw5-dev"])]),
        .systemLibrary(name: "CWidth"),
        .systemLibrary(name: "CSpawn"),
        .systemLibrary(name: "CCurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        .systemLibrary(name: "CCrypto", providers: [.apt(["libssl-dev"])]),
        .systemLibrary(name: "CCmarkGFM", providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]),
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        .target(name: "TerminalText", dependencies: ["CWidth"]),
        .target(name: "MarkdownText", dependencies: ["CCmarkGFM", "TerminalText"]),
        .target(name: "HTTPStreaming", dependencies: ["CCurl"]),
        .target(name: "MCPClient", dependencies: ["CSpawn", "CCrypto", "HTTPStreaming", "TerminalText", .product(name: "MCP", package: "swift-sdk")]),
        .target(name: "ConversationModel", dependencies: [.product(name: "GRDB", package: "GRDB.swift")]),
        .target(name: "ModelProviders", dependencies: ["ConversationModel", "HTTPStreaming"]),
        .target(name: "BuiltinConnectors", dependencies: [.product(name: "MCP", package: "swift-sdk"), .product(name: "GRDB", package: "GRDB.swift")]),
        .target(name: "ConnectorMenu", dependencies: ["TerminalText", "ConversationModel"]),
        .target(name: "ToolCards", dependencies: ["CLibXML2", "TerminalText", "MarkdownText", "ConversationModel"]),
        .target(name: "ViewEngine", dependencies: ["CSpawn", "TerminalText", "ToolCards", .product(name: "MCP", package: "swift-sdk")]),
        .executableTarget(name: "ViewBench", dependencies: ["ViewEngine", "ToolCards", "MCPClient", .product(name: "MCP", package: "swift-sdk")],
                          path: "Benchmarks/ViewBench"),
        .executableTarget(name: "CardFuzzer", dependencies: ["ToolCards", "ConversationModel"], path: "Fuzz/CardFuzzer"),
        .executableTarget(
            name: "ChatTUI",
            dependencies: [
                "CNcursesw", "TerminalText", "MarkdownText", "ConversationModel", "ConnectorMenu", "ToolCards", "MCPClient", "ModelProviders", "BuiltinConnectors", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                "TOMLKit",
            ]
        ),
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "TerminalTextTests", dependencies: ["TerminalText"]),
        .testTarget(name: "HTTPStreamingTests", dependencies: ["HTTPStreaming"]),
        .testTarget(name: "BuiltinConnectorsTests", dependencies: ["BuiltinConnectors", "MCPClient", "TestSupport", .product(name: "MCP", package: "swift-sdk")],
                    exclude: ["Clients"]),
        .testTarget(name: "ModelProvidersTests", dependencies: ["ModelProviders", "ConversationModel", "TestSupport"], exclude: ["Recordings"]),
        .testTarget(name: "MarkdownTextTests", dependencies: ["MarkdownText", "TerminalText"]),
        .testTarget(name: "MCPClientTests", dependencies: ["MCPClient", "HTTPStreaming", "TestSupport", .product(name: "MCP", package: "swift-sdk")],
                    exclude: ["Peers"]),
        .testTarget(name: "ConversationModelTests", dependencies: ["ConversationModel", "TestSupport", .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(name: "ConnectorMenuTests", dependencies: ["ConnectorMenu"]),
        .testTarget(name: "ToolCardsTests", dependencies: ["ToolCards", "TerminalText", "ConversationModel", "TestSupport"], exclude: ["Snapshots", "Pages", "AccessibilityTrees"]),
        .testTarget(name: "ViewEngineTests", dependencies: ["ViewEngine", "ToolCards", "MCPClient", "TestSupport", .product(name: "MCP", package: "swift-sdk")],
                    exclude: ["Peers"]),
        .testTarget(name: "ChatTUITests", dependencies: ["ChatTUI", "ConversationModel", "ConnectorMenu", "ToolCards", "TerminalText", "TestSupport", "MCPClient", "ModelProviders", "BuiltinConnectors", "HTTPStreaming"],
                    exclude: ["Snapshots", "Peers"]),
    ]
)
