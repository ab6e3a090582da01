import DagCBOR
import FilecoinTypes
import GoCompat

extension FullNodeAPI {
    /// The call tree of one message (Lotus `types.ExecutionTrace`, the FVM-era shape):
    /// `{"Msg", "MsgRct", "InvokedActor", "GasCharges", "Subcalls", "Logs", "IpldOps"}`.
    ///
    /// `InvokedActor`, `Logs` and `IpldOps` are omitted when absent or empty (Go's `omitempty`);
    /// `GasCharges` and `Subcalls` are `null` when empty (Go's nil slices). A node that does not
    /// trace fills `msg` and `msgRct` and leaves the rest empty, which is still this shape.
    public struct ExecutionTrace: Codable, Sendable, Hashable {
        public var msg: MessageTrace
        public var msgRct: ReturnTrace
        public var invokedActor: ActorTrace?
        public var gasCharges: [GasTrace]
        public var subcalls: [ExecutionTrace]
        public var logs: [String]
        public var ipldOps: [TraceIpld]

        public init(
            msg: MessageTrace, msgRct: ReturnTrace, invokedActor: ActorTrace? = nil, gasCharges: [GasTrace] = [],
            subcalls: [ExecutionTrace] = [], logs: [String] = [], ipldOps: [TraceIpld] = []
        ) {
            self.msg = msg
            self.msgRct = msgRct
            self.invokedActor = invokedActor
            self.gasCharges = gasCharges
            self.subcalls = subcalls
            self.logs = logs
            self.ipldOps = ipldOps
        }

        enum CodingKeys: String, CodingKey {
            case msg = "Msg", msgRct = "MsgRct", invokedActor = "InvokedActor", gasCharges = "GasCharges"
            case subcalls = "Subcalls", logs = "Logs", ipldOps = "IpldOps"
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            msg = try c.decode(MessageTrace.self, forKey: .msg)
            msgRct = try c.decode(ReturnTrace.self, forKey: .msgRct)
            invokedActor = try c.decodeIfPresent(ActorTrace.self, forKey: .invokedActor)
            gasCharges = try c.decodeGoSlice([GasTrace].self, forKey: .gasCharges)
            subcalls = try c.decodeGoSlice([ExecutionTrace].self, forKey: .subcalls)
            logs = try c.decodeGoSlice([String].self, forKey: .logs)
            ipldOps = try c.decodeGoSlice([TraceIpld].self, forKey: .ipldOps)
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(msg, forKey: .msg)
            try c.encode(msgRct, forKey: .msgRct)
            try c.encodeIfPresent(invokedActor, forKey: .invokedActor)
            try c.encodeGoSlice(gasCharges, forKey: .gasCharges)
            try c.encodeGoSlice(subcalls, forKey: .subcalls)
            if !logs.isEmpty { try c.encode(logs, forKey: .logs) }
            if !ipldOps.isEmpty { try c.encode(ipldOps, forKey: .ipldOps) }
        }

        /// The message as the callee saw it (Lotus `types.MessageTrace`).
        public struct MessageTrace: Codable, Sendable, Hashable {
            public var from: Address
            public var to: Address
            public var value: TokenAmount
            public var method: UInt64
            /// `null` when empty.
            public var params: [UInt8]
            /// The IPLD codec of `params` (0x51 DAG-CBOR, 0 for none).
            public var paramsCodec: UInt64
            public var gasLimit: UInt64
            public var readOnly: Bool

            public init(
                from: Address, to: Address, value: TokenAmount, method: UInt64, params: [UInt8] = [],
                paramsCodec: UInt64 = 0, gasLimit: UInt64, readOnly: Bool = false
            ) {
                self.from = from
                self.to = to
                self.value = value
                self.method = method
                self.params = params
                self.paramsCodec = paramsCodec
                self.gasLimit = gasLimit
                self.readOnly = readOnly
            }

            enum CodingKeys: String, CodingKey {
                case from = "From", to = "To", value = "Value", method = "Method", params = "Params"
                case paramsCodec = "ParamsCodec", gasLimit = "GasLimit", readOnly = "ReadOnly"
            }

            public init(from decoder: any Decoder) throws {
                let c = try decoder.container(keyedBy: CodingKeys.self)
                from = try c.decode(Address.self, forKey: .from)
                to = try c.decode(Address.self, forKey: .to)
                value = try c.decode(TokenAmount.self, forKey: .value)
                method = try c.decode(UInt64.self, forKey: .method)
                params = try c.decodeIfPresent(GoBytes.self, forKey: .params)?.orEmpty ?? []
                paramsCodec = try c.decode(UInt64.self, forKey: .paramsCodec)
                gasLimit = try c.decode(UInt64.self, forKey: .gasLimit)
                readOnly = try c.decode(Bool.self, forKey: .readOnly)
            }

            public func encode(to encoder: any Encoder) throws {
                var c = encoder.container(keyedBy: CodingKeys.self)
                try c.encode(from, forKey: .from)
                try c.encode(to, forKey: .to)
                try c.encode(value, forKey: .value)
                try c.encode(method, forKey: .method)
                try c.encode(GoBytes(nilIfEmpty: params), forKey: .params)
                try c.encode(paramsCodec, forKey: .paramsCodec)
                try c.encode(gasLimit, forKey: .gasLimit)
                try c.encode(readOnly, forKey: .readOnly)
            }
        }

        /// The callee's answer (Lotus `types.ReturnTrace`).
        public struct ReturnTrace: Codable, Sendable, Hashable {
            public var exitCode: Int64
            /// `null` when empty.
            public var returnData: [UInt8]
            public var returnCodec: UInt64

            public init(exitCode: Int64, returnData: [UInt8] = [], returnCodec: UInt64 = 0) {
                self.exitCode = exitCode
                self.returnData = returnData
                self.returnCodec = returnCodec
            }

            enum CodingKeys: String, CodingKey { case exitCode = "ExitCode", returnData = "Return", returnCodec = "ReturnCodec" }

            public init(from decoder: any Decoder) throws {
                let c = try decoder.container(keyedBy: CodingKeys.self)
                exitCode = try c.decode(Int64.self, forKey: .exitCode)
                returnData = try c.decodeIfPresent(GoBytes.self, forKey: .returnData)?.orEmpty ?? []
                returnCodec = try c.decode(UInt64.self, forKey: .returnCodec)
            }

            public func encode(to encoder: any Encoder) throws {
                var c = encoder.container(keyedBy: CodingKeys.self)
                try c.encode(exitCode, forKey: .exitCode)
                try c.encode(GoBytes(nilIfEmpty: returnData), forKey: .returnData)
                try c.encode(returnCodec, forKey: .returnCodec)
            }
        }

        /// The actor that ran the call (Lotus `types.ActorTrace`): its ID and its state before the call.
        public struct ActorTrace: Codable, Sendable, Hashable {
            public var id: UInt64
            public var state: Actor

            public init(id: UInt64, state: Actor) {
                self.id = id
                self.state = state
            }

            enum CodingKeys: String, CodingKey { case id = "Id", state = "State" }
        }

        /// One gas charge (Lotus `types.GasTrace`), with Lotus's short JSON names
        /// `tg`/`cg`/`sg` for total/compute/storage gas and `tt` for the time taken in nanoseconds.
        public struct GasTrace: Codable, Sendable, Hashable {
            public var name: String
            public var totalGas: Int64
            public var computeGas: Int64
            public var storageGas: Int64
            /// Nanoseconds (Go's `time.Duration` is an integer in JSON).
            public var timeTaken: Int64

            public init(name: String, totalGas: Int64, computeGas: Int64, storageGas: Int64, timeTaken: Int64 = 0) {
                self.name = name
                self.totalGas = totalGas
                self.computeGas = computeGas
                self.storageGas = storageGas
                self.timeTaken = timeTaken
            }

            enum CodingKeys: String, CodingKey {
                case name = "Name", totalGas = "tg", computeGas = "cg", storageGas = "sg", timeTaken = "tt"
            }
        }

        /// One blockstore access (Lotus `types.TraceIpld`): `{"Op": "Get" | "Put", "Cid", "Size"}`.
        public struct TraceIpld: Codable, Sendable, Hashable {
            public enum Operation: String, Codable, Sendable, Hashable {
                case get = "Get"
                case put = "Put"
            }

            public var op: Operation
            public var cid: CID
            public var size: UInt64

            public init(op: Operation, cid: CID, size: UInt64) {
                self.op = op
                self.cid = cid
                self.size = size
            }

            enum CodingKeys: String, CodingKey { case op = "Op", cid = "Cid", size = "Size" }
        }
    }
}
