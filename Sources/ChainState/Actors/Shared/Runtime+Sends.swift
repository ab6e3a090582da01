import DagCBOR
import FilecoinTypes

extension Runtime {
    /// Sends and aborts with the callee's exit code when it fails (specs-actors
    /// `builtin.RequireSuccess(rt, code, msg)` after `rt.Send`). Returns the callee's return bytes.
    @discardableResult
    public func sendOrAbort(
        to: Address, method: UInt64, params: [UInt8] = [], value: TokenAmount = .zero,
        _ message: @autoclosure () -> String
    ) throws(ActorError) -> [UInt8] {
        let result = try send(to: to, method: method, params: params, value: value)
        guard result.exitCode.isSuccess else { throw ActorError(result.exitCode, message()) }
        return result.returnData
    }

    /// Sends `params` encoded, and aborts on failure (see ``sendOrAbort(to:method:params:value:_:)``).
    @discardableResult
    public func sendOrAbort(
        to: Address, method: UInt64, encoding params: some CBOREncodable, value: TokenAmount = .zero,
        _ message: @autoclosure () -> String
    ) throws(ActorError) -> [UInt8] {
        try sendOrAbort(to: to, method: method, params: params.cborBytes, value: value, message())
    }

    /// Decodes a callee's return value (`ret.Into(&out)`); failure aborts with `code`
    /// (ErrSerialization unless the specs say otherwise).
    public func decodeReturn<T: CBORDecodable>(
        _ type: T.Type, _ bytes: [UInt8], code: ExitCode = .errSerialization, _ what: String = "return value"
    ) throws(ActorError) -> T {
        do {
            var reader = CBORReader(bytes: bytes)
            return try T(from: &reader)
        } catch {
            throw ActorError(code, "failed to decode \(what): \(error)")
        }
    }

    /// The error a Go runtime panic in an actor becomes in Lotus's legacy VM (`shimCall`): exit
    /// code 1 up to network version 3, SysErrReserved1 (4) after (as the chaos actor's panics).
    public func goPanic(_ message: String) -> ActorError {
        ActorError(networkVersion <= 3 ? ExitCode(1) : .sysErrReserved1, "spec actors failure: \(message)")
    }
}
