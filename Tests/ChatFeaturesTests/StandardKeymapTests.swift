import Testing
import ConnectorMenu
@testable import ChatFeatures
@testable import TerminalUI

/// `Keymap.standard` is the shared layers plus each feature's own table, and a feature's layer lives in one place.
@Suite struct StandardKeymapTests {
    @Test func eachFeaturesLayerComesFromItsOwnTableNotTheSharedOnes() {
        let tables: [[InputMode: [KeyBinding]]] = [LiveCardKeys.bindings, FindFeature.bindings, ApprovalKeys.bindings,
                                                   ConnectorsFeature.bindings, DirectoryFeature.bindings]
        for table in tables {
            for (mode, layer) in table {
                #expect(Keymap.common.bindings[mode] == nil, "\(mode.configName) is its feature's, not shared")
                let standard = Keymap.standard.bindings[mode] ?? []
                #expect(standard.map(\.key) == layer.map(\.key) && standard.map(\.command) == layer.map(\.command),
                        "\(mode.configName) reaches the app")
            }
        }
        #expect(Set(tables.flatMap(\.keys)) == [.liveCard, .find, .approval, .approvalField, .connectors, .connectorDetails, .directoryDetails])
    }
}
