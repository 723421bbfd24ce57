import ArgumentParser
import LanternCore
import LanternTUI

extension LiveActivityOptions {
    /// What `L` in the TUI fetches with these options: the source's name
    /// and how to build each request; nil for `--source local`. Credentials,
    /// region and client options are resolved here, before the TUI takes
    /// over the screen, so a problem is reported on a normal terminal.
    func tuiRequestBuilder() throws -> (name: String, build: EffectRunner.LiveRequestBuilder)? {
        switch source {
        case "local":
            return nil
        case "lookup", "athena":
            break
        default:
            throw ValidationError("--source must be local, lookup or athena")
        }
        if source == "athena", athenaTable == nil { throw ValidationError("--source athena needs --athena-table") }
        let configuration = try aws.configuration()
        let clientOptions = try aws.clientOptions()
        let options = self
        return (source, { observable, window in
            let liveSource: LiveActivityRequest.Source
            if options.source == "lookup" {
                liveSource = try options.lookupSource(observable: observable)
            } else {
                guard window != .all else {
                    throw EffectError("Athena needs a time window: press L on a value of a finding (the activity window)")
                }
                liveSource = try options.athenaSource(observable: observable, window: window, limit: 10_000)
            }
            return LiveActivityRequest(
                source: liveSource, configuration: configuration, options: clientOptions, observable: observable,
                window: window, limit: 10_000)
        })
    }
}
