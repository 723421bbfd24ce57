// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Lantern",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "lantern", targets: ["lantern"]),
        .library(name: "LanternCore", targets: ["LanternCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    ],
    targets: [
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(name: "CZlib", providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(name: "CZstd", pkgConfig: "libzstd", providers: [.apt(["libzstd-dev"])]),
        // No pkgConfig: ncursesw.pc only adds -D flags SwiftPM refuses; the shim defines what is needed.
        .systemLibrary(name: "CNcurses", providers: [.apt(["libncurses-dev"])]),
        .target(
            name: "LanternCore",
            dependencies: ["CSQLite", "CZlib", "CZstd", .product(name: "Crypto", package: "swift-crypto")],
            resources: [.copy("Resources/demo")]
        ),
        .target(
            name: "LanternTUI",
            dependencies: ["LanternCore"]
        ),
        .target(
            name: "LanternTerminal",
            dependencies: ["LanternTUI", "CNcurses"]
        ),
        .executableTarget(
            name: "lantern",
            dependencies: [
                "LanternCore",
                "LanternTUI",
                "LanternTerminal",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "LanternCoreTests",
            dependencies: ["LanternCore"]
        ),
        .testTarget(
            name: "LanternTUITests",
            dependencies: ["LanternTUI", "LanternCore"],
            exclude: ["Snapshots"]
        ),
    ]
)
