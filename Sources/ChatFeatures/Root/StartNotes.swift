extension AppState {
    /// What chattui found wrong or worth saying at start, most important first: the first is on the status
    /// line, and `/status` lists every one (a start note was shown but never kept, so "/status shows all" showed none).
    public mutating func noteAtStart(_ notes: [Flash]) {
        flash = notes.first
        statusLog = Array(notes.prefix(AppReducer.statusLogSize).reversed())
    }
}
