/// The positional parameters of a method, encoded as a JSON array in declaration order.
///
/// `count` is the exact number of array elements; the server refuses any other count with
/// -32602 "wrong param count" before decoding. Ready-made conformances: `NoParams`, `Params1` ... `Params6`;
/// an API may declare its own struct when that reads better, as long as it encodes to an unkeyed container.
public protocol RPCParameters: Codable, Sendable {
    static var count: Int { get }
}

/// A method without parameters (`"params": []`).
public struct NoParams: RPCParameters, Hashable {
    public static var count: Int { 0 }
    public init() {}
    public init(from decoder: any Decoder) throws {
        // go-jsonrpc accepts an absent, null or empty params member; the count is checked before.
        _ = decoder
    }
    public func encode(to encoder: any Encoder) throws {
        _ = encoder.unkeyedContainer()
    }
}

/// One positional parameter.
public struct Params1<A: Codable & Sendable>: RPCParameters {
    public static var count: Int { 1 }
    public var p0: A
    public init(_ p0: A) { self.p0 = p0 }
    public init(from decoder: any Decoder) throws {
        var c = try decoder.unkeyedContainer()
        p0 = try c.decode(A.self)
    }
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.unkeyedContainer()
        try c.encode(p0)
    }
}

/// Two positional parameters.
public struct Params2<A: Codable & Sendable, B: Codable & Sendable>: RPCParameters {
    public static var count: Int { 2 }
    public var p0: A
    public var p1: B
    public init(_ p0: A, _ p1: B) { self.p0 = p0; self.p1 = p1 }
    public init(from decoder: any Decoder) throws {
        var c = try decoder.unkeyedContainer()
        p0 = try c.decode(A.self)
        p1 = try c.decode(B.self)
    }
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.unkeyedContainer()
        try c.encode(p0)
        try c.encode(p1)
    }
}

/// Three positional parameters.
public struct Params3<A: Codable & Sendable, B: Codable & Sendable, C: Codable & Sendable>: RPCParameters {
    public static var count: Int { 3 }
    public var p0: A
    public var p1: B
    public var p2: C
    public init(_ p0: A, _ p1: B, _ p2: C) { self.p0 = p0; self.p1 = p1; self.p2 = p2 }
    public init(from decoder: any Decoder) throws {
        var c = try decoder.unkeyedContainer()
        p0 = try c.decode(A.self)
        p1 = try c.decode(B.self)
        p2 = try c.decode(C.self)
    }
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.unkeyedContainer()
        try c.encode(p0)
        try c.encode(p1)
        try c.encode(p2)
    }
}

/// Four positional parameters.
public struct Params4<A: Codable & Sendable, B: Codable & Sendable, C: Codable & Sendable, D: Codable & Sendable>:
    RPCParameters
{
    public static var count: Int { 4 }
    public var p0: A
    public var p1: B
    public var p2: C
    public var p3: D
    public init(_ p0: A, _ p1: B, _ p2: C, _ p3: D) { self.p0 = p0; self.p1 = p1; self.p2 = p2; self.p3 = p3 }
    public init(from decoder: any Decoder) throws {
        var c = try decoder.unkeyedContainer()
        p0 = try c.decode(A.self)
        p1 = try c.decode(B.self)
        p2 = try c.decode(C.self)
        p3 = try c.decode(D.self)
    }
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.unkeyedContainer()
        try c.encode(p0)
        try c.encode(p1)
        try c.encode(p2)
        try c.encode(p3)
    }
}

/// Five positional parameters.
public struct Params5<
    A: Codable & Sendable, B: Codable & Sendable, C: Codable & Sendable, D: Codable & Sendable, E: Codable & Sendable
>: RPCParameters {
    public static var count: Int { 5 }
    public var p0: A
    public var p1: B
    public var p2: C
    public var p3: D
    public var p4: E
    public init(_ p0: A, _ p1: B, _ p2: C, _ p3: D, _ p4: E) {
        self.p0 = p0; self.p1 = p1; self.p2 = p2; self.p3 = p3; self.p4 = p4
    }
    public init(from decoder: any Decoder) throws {
        var c = try decoder.unkeyedContainer()
        p0 = try c.decode(A.self)
        p1 = try c.decode(B.self)
        p2 = try c.decode(C.self)
        p3 = try c.decode(D.self)
        p4 = try c.decode(E.self)
    }
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.unkeyedContainer()
        try c.encode(p0)
        try c.encode(p1)
        try c.encode(p2)
        try c.encode(p3)
        try c.encode(p4)
    }
}

/// Six positional parameters.
public struct Params6<
    A: Codable & Sendable, B: Codable & Sendable, C: Codable & Sendable, D: Codable & Sendable, E: Codable & Sendable,
    F: Codable & Sendable
>: RPCParameters {
    public static var count: Int { 6 }
    public var p0: A
    public var p1: B
    public var p2: C
    public var p3: D
    public var p4: E
    public var p5: F
    public init(_ p0: A, _ p1: B, _ p2: C, _ p3: D, _ p4: E, _ p5: F) {
        self.p0 = p0; self.p1 = p1; self.p2 = p2; self.p3 = p3; self.p4 = p4; self.p5 = p5
    }
    public init(from decoder: any Decoder) throws {
        var c = try decoder.unkeyedContainer()
        p0 = try c.decode(A.self)
        p1 = try c.decode(B.self)
        p2 = try c.decode(C.self)
        p3 = try c.decode(D.self)
        p4 = try c.decode(E.self)
        p5 = try c.decode(F.self)
    }
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.unkeyedContainer()
        try c.encode(p0)
        try c.encode(p1)
        try c.encode(p2)
        try c.encode(p3)
        try c.encode(p4)
        try c.encode(p5)
    }
}
