// swift-tools-version:6.0
// modelcontextprotocol/swift-sdk 0.12.1 (commit 76188b3), library target only, with the
// patches listed in PATCHES.md. Conformance executables and tests are left out.
import PackageDescription

let package = Package(
    name: "swift-sdk",
    platforms: [.macOS("13.0")],
    products: [
        .library(name: "MCP", targets: ["MCP"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-system.git", from: "1.0.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.5.0"),
    ],
    targets: [
        .target(
            name: "MCP",
            dependencies: [
                .product(name: "SystemPackage", package: "swift-system"),
                .product(name: "Logging", package: "swift-log"),
            ],
            // chattui speaks HTTP and OAuth through its own libcurl code: the files
            // built on URLSession would link FoundationNetworking, and with it
            // libcurl and its TLS and Kerberos libraries, into every start.
            exclude: [
                "Base/Authorization/OAuthAuthorizer.swift",
                "Base/Authorization/OAuthAuthorizationCodeFlow.swift",
                "Base/Authorization/OAuthClientRegistrar.swift",
                "Base/Authorization/OAuthConfiguration.swift",
                "Base/Authorization/OAuthDiscoveryClient.swift",
                "Base/Authorization/OAuthTokenEndpointClient.swift",
                "Base/Transports/HTTPClientTransport.swift",
            ],
            swiftSettings: [.enableUpcomingFeature("StrictConcurrency")]
        ),
    ]
)
