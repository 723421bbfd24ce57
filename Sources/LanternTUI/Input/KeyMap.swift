import LanternCore

/// The effective key tables: the default tables (``KeyTable/all``) with a
/// preset and the user's `[keys]` table applied.
///
/// A `[keys]` line `move-down = ["j", "C-n"]` replaces the keys of that action
/// in every table that has it; the arrows, PgUp/PgDn and Home/End stay on the
/// action they have by default, always. A key the user takes from another
/// action of the same table is removed from that action, and every such
/// change is listed in ``conflicts`` so it can be reported at start-up.
public struct KeyMap: Sendable {
    /// The effective tables, in the order of the tables they were built from.
    public private(set) var tables: [KeyTable]
    /// What the user's bindings took from or hid in the defaults, one line each.
    public private(set) var conflicts: [String]

    /// The default map: every table as it is.
    public static var `default`: KeyMap { KeyMap(tables: KeyTable.all, conflicts: []) }

    /// Keys that keep their default meaning whatever the configuration says.
    public static let fixedKeys: Set<Key> = [.up, .down, .left, .right, .pageUp, .pageDown, .home, .end]

    /// The effective version of `table` (matched by name), or `table` when the map has none.
    public func effective(_ table: KeyTable) -> KeyTable {
        tables.first(where: { $0.name == table.name }) ?? table
    }

    /// Applies `preset` and then the user's `bindings` (from the file `source`) to `tables`.
    public static func build(tables: [KeyTable] = KeyTable.all, preset: KeyPreset = .vim, bindings: [KeyBindingSetting],
                             source: String) throws(KeyMapError) -> KeyMap
    {
        var remaps = try resolve(preset.bindings, tables: tables, source: "preset \(preset.rawValue)")
        let user = try resolve(bindings, tables: tables, source: source)
        for (command, keys) in user { remaps[command] = keys }
        var map = KeyMap(tables: [], conflicts: [])
        for table in tables { map.tables.append(map.apply(remaps, to: table)) }
        let userCommands = Set(user.keys).union(preset.bindings.compactMap { Command(rawValue: $0.action) })
        map.reportShadowing(commands: userCommands)
        return map
    }

    /// The bindings checked: known actions, key names, fixed keys, no key given to two actions of one table.
    static func resolve(_ bindings: [KeyBindingSetting], tables: [KeyTable], source: String) throws(KeyMapError) -> [Command: [Key]] {
        var result: [Command: [Key]] = [:]
        var lineOf: [Command: Int] = [:]
        for binding in bindings {
            let name = "keys.\(binding.action)"
            let fail = { (reason: String) in KeyMapError(source: source, line: binding.line, key: name, reason: reason) }
            guard let command = Command(rawValue: binding.action) else {
                throw fail("unknown action; actions are " + Command.allCases.map(\.rawValue).joined(separator: ", "))
            }
            let homes = tables.filter { $0.bindings.contains(where: { $0.command == command }) }
            guard !homes.isEmpty else { throw fail("no view has this action") }
            var keys: [Key] = []
            for keyName in binding.keys {
                switch parseKey(keyName) {
                case .success(let key):
                    if fixedKeys.contains(key), !homes.contains(where: { $0.command(for: key) == command }) {
                        throw fail("'\(keyName)' always keeps its default meaning (arrows, PgUp/PgDn, Home/End)")
                    }
                    if !keys.contains(key) { keys.append(key) }
                case .failure(let error):
                    throw fail("'\(keyName)': \(error.reason)")
                }
            }
            for (other, otherKeys) in result {
                let shared = otherKeys.filter(keys.contains)
                let together = homes.contains(where: { table in table.bindings.contains(where: { $0.command == other }) })
                if let key = shared.first, together {
                    let line = lineOf[other].map { " (line \($0))" } ?? ""
                    throw fail("'\(KeyMap.name(of: key))' is also bound to \(other.rawValue)\(line) in the same view")
                }
            }
            result[command] = keys
            lineOf[command] = binding.line
        }
        return result
    }

    /// `table` with `remaps` applied; keys taken from other actions are removed from them.
    mutating func apply(_ remaps: [Command: [Key]], to table: KeyTable) -> KeyTable {
        var claimed: [Key: Command] = [:]
        for binding in table.bindings {
            guard let keys = remaps[binding.command] else { continue }
            for key in keys { claimed[key] = binding.command }
        }
        var result = table
        for index in result.bindings.indices {
            let binding = result.bindings[index]
            if let keys = remaps[binding.command] {
                let fixed = binding.keys.filter { KeyMap.fixedKeys.contains($0) && !keys.contains($0) }
                result.bindings[index].keys = keys + fixed
            } else {
                let kept = binding.keys.filter { claimed[$0] == nil || KeyMap.fixedKeys.contains($0) }
                for key in binding.keys where !kept.contains(key) {
                    if let owner = claimed[key] {
                        conflicts.append("\(table.name): \(KeyMap.name(of: key)) now runs \(owner.rawValue) (was \(binding.command.rawValue))")
                    }
                }
                result.bindings[index].keys = kept
            }
            if result.bindings[index].keys.isEmpty, !binding.keys.isEmpty {
                conflicts.append("\(table.name): \(binding.command.rawValue) has no key left")
            }
        }
        return result
    }

    /// Lists keys of a view table that hide a different global action, where a remap is involved.
    mutating func reportShadowing(commands: Set<Command>) {
        let global = effective(.global)
        for table in tables where table.name != KeyTable.global.name && table.name != KeyTable.helpOverlay.name {
            for binding in table.bindings {
                for key in binding.keys {
                    guard let hidden = global.command(for: key), hidden != binding.command,
                          commands.contains(binding.command) || commands.contains(hidden) else { continue }
                    conflicts.append("\(table.name): \(KeyMap.name(of: key)) runs \(binding.command.rawValue) here, hiding \(hidden.rawValue) (\(global.name))")
                }
            }
        }
    }
}
