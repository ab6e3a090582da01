import DagCBOR
import FilecoinTypes

/// Method parameters that are a CBOR tuple (cbor-gen's struct form), read field by field.
/// Every field error is a parameter decoding failure, reported with the invoker's exit code
/// (1 before network version 7, then ErrSerialization), as cbor-gen's would be.
public struct ParamsTuple {
    private let fields: [CBORValue]
    private let failure: ExitCode

    init(bytes: [UInt8], count: Int, failure: ExitCode) throws(ActorError) {
        self.failure = failure
        do {
            var reader = CBORReader(bytes: bytes)
            guard case .array(let values) = try reader.readValue(), values.count == count else {
                throw ActorError(failure, "parameters are not a tuple of \(count)")
            }
            fields = values
        } catch let error as ActorError {
            throw error
        } catch {
            throw ActorError(failure, "failed to decode parameters: \(error)")
        }
    }

    private func fail(_ index: Int, _ what: String) -> ActorError {
        ActorError(failure, "parameter \(index) is not \(what)")
    }

    private func field(_ index: Int) throws(ActorError) -> CBORValue {
        guard index < fields.count else { throw fail(index, "present") }
        return fields[index]
    }

    /// The raw field.
    public func raw(_ index: Int) throws(ActorError) -> CBORValue { try field(index) }

    /// The items of an array field.
    public func rawArray(_ index: Int) throws(ActorError) -> [CBORValue] {
        guard case .array(let values) = try field(index) else { throw fail(index, "an array") }
        return values
    }

    public func unsigned(_ index: Int) throws(ActorError) -> UInt64 {
        guard case .unsigned(let value) = try field(index) else { throw fail(index, "an unsigned integer") }
        return value
    }

    public func int(_ index: Int) throws(ActorError) -> Int64 {
        switch try field(index) {
        case .unsigned(let value) where value <= UInt64(Int64.max): return Int64(value)
        case .negative(let encoded) where encoded <= UInt64(Int64.max): return -1 - Int64(encoded)
        default: throw fail(index, "an int64")
        }
    }

    public func bool(_ index: Int) throws(ActorError) -> Bool {
        guard case .bool(let value) = try field(index) else { throw fail(index, "a bool") }
        return value
    }

    public func bytes(_ index: Int) throws(ActorError) -> [UInt8] {
        guard case .bytes(let value) = try field(index) else { throw fail(index, "bytes") }
        return value
    }

    /// Bytes, or nil for CBOR null.
    public func optionalBytes(_ index: Int) throws(ActorError) -> [UInt8]? {
        switch try field(index) {
        case .null: return nil
        case .bytes(let value): return value
        default: throw fail(index, "bytes or null")
        }
    }

    public func cid(_ index: Int) throws(ActorError) -> CID {
        guard case .cid(let value) = try field(index) else { throw fail(index, "a CID") }
        return value
    }

    public func address(_ index: Int) throws(ActorError) -> Address {
        do { return try Address(bytes: bytes(index)) } catch { throw fail(index, "an address") }
    }

    public func amount(_ index: Int) throws(ActorError) -> TokenAmount {
        do { return TokenAmount(attoFIL: try FilecoinBigInt.value(from: bytes(index))) } catch {
            throw fail(index, "a token amount")
        }
    }

    public func addresses(_ index: Int) throws(ActorError) -> [Address] {
        guard case .array(let values) = try field(index) else { throw fail(index, "an array") }
        var out: [Address] = []
        for value in values {
            guard case .bytes(let raw) = value, let address = try? Address(bytes: raw) else { throw fail(index, "addresses") }
            out.append(address)
        }
        return out
    }

    /// A nested tuple.
    public func tuple(_ index: Int, count: Int) throws(ActorError) -> ParamsTuple {
        guard case .array(let values) = try field(index), values.count == count else { throw fail(index, "a tuple") }
        return ParamsTuple(fields: values, failure: failure)
    }

    private init(fields: [CBORValue], failure: ExitCode) {
        self.fields = fields
        self.failure = failure
    }
}

extension Runtime {
    /// Decodes parameters that must be a tuple of `count` fields.
    public func tuple(_ params: [UInt8], _ count: Int) throws(ActorError) -> ParamsTuple {
        try ParamsTuple(bytes: params, count: count, failure: networkVersion < 7 ? ExitCode(1) : .errSerialization)
    }
}
