import Dispatch

/// The run loop: read a key, apply it, run the effects, apply their
/// results, draw. Effects run elsewhere; this loop never blocks on them.
public final class App {
    private var state: AppState
    private let terminal: any Terminal
    private let runner: EffectRunner
    private let inbox: ActionInbox
    private let frameLog: FrameLog?
    /// Whether `y` copies through the terminal (OSC 52); off with `tui.clipboard = "off"`.
    public var clipboardEnabled = true

    /// Makes the app over `terminal`, running effects with `runner`, which
    /// posts to `inbox`; with `frameLog`, every key's time to its frame is recorded.
    public init(state: AppState, terminal: any Terminal, runner: EffectRunner, inbox: ActionInbox, frameLog: FrameLog? = nil) {
        self.state = state
        self.terminal = terminal
        self.runner = runner
        self.inbox = inbox
        self.frameLog = frameLog
    }

    /// The current state (for tests).
    public var currentState: AppState { state }

    /// Runs until the user quits or a signal asks the app to stop; returns that signal, if any.
    @discardableResult
    public func run() -> Int32? {
        let size = terminal.size
        dispatch(.resized(width: size.width, height: size.height))
        state.startEffects.forEach { state.pendingEffects += 1; runner.run($0) }
        draw()
        while !state.shouldQuit {
            if let signal = terminal.pendingSignal { return signal }
            let busy = state.pendingEffects > 0
            let key = terminal.readKey(timeoutMilliseconds: busy ? 30 : 250)
            let keyRead = DispatchTime.now().uptimeNanoseconds
            var changed = false
            if let key {
                if key == .resize {
                    let size = terminal.size
                    dispatch(.resized(width: size.width, height: size.height))
                } else {
                    dispatch(.key(key))
                }
                changed = true
            }
            var listArrived = false
            for action in inbox.drain() {
                if case .findingsLoaded = action { listArrived = true }
                dispatch(action)
                changed = true
            }
            if busy || state.pendingEffects > 0 {
                dispatch(.tick)
                changed = true
            }
            if changed { draw() }
            if listArrived { frameLog?.recordListShown() }
            if key != nil, key != .resize { frameLog?.record(nanoseconds: DispatchTime.now().uptimeNanoseconds - keyRead) }
        }
        return nil
    }

    private func dispatch(_ action: Action) {
        for effect in state.apply(action) { runner.run(effect) }
        if let text = state.clipboardRequest {
            if clipboardEnabled {
                terminal.copyToClipboard(text)
            } else {
                state.flash = Flash("copying is off (tui.clipboard = \"off\" in the configuration)", isError: true)
            }
            state.clipboardRequest = nil
        }
    }

    private func draw() {
        terminal.draw(RootView.render(state, measure: terminal.measure))
    }
}
