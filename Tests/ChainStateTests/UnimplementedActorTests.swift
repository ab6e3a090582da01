@testable import ChainState
import Testing

/// The stand-in actors' parameter shape check, which decides between a decoding exit code and
/// "needs the real actor": it must accept what cbor-gen (specs-actors v0/v2) decodes and refuse
/// what it cannot, without trapping on hostile lengths.
struct UnimplementedActorTests {
    @Test func acceptsTuplesWhoseTextIsNotUTF8() {
        // [1, "\xff\xfe", h'00', [], {1: 2}, 42(h'00')]: cbor-gen reads the text as raw bytes.
        let bytes: [UInt8] = [0x86, 0x01, 0x62, 0xff, 0xfe, 0x41, 0x00, 0x80, 0xa1, 0x01, 0x02, 0xd8, 0x2a, 0x41, 0x00]
        #expect(UnimplementedActor.isTuple(bytes, count: 6))
        #expect(!UnimplementedActor.isTuple(bytes, count: 5))
        #expect(UnimplementedActor.isTuple([0x80], count: 0))
    }

    @Test func refusesMalformedTuples() {
        let malformed: [[UInt8]] = [
            [],  // nothing
            [0x82, 0x01],  // one item short
            [0x81, 0x01, 0x01],  // trailing byte
            [0x9f, 0x01, 0xff],  // indefinite length
            [0x81, 0x7b, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff],  // text longer than the input
            [0x81, 0x9b, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff],  // array longer than the input
            [0x81, 0xbb, 0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff],  // map longer than the input
            [0x81, 0x1c],  // reserved additional information
            [0x81, 0x19, 0x01],  // truncated argument
            [0x01],  // not an array
        ]
        for bytes in malformed {
            #expect(!UnimplementedActor.isTuple(bytes, count: 1), "\(bytes)")
        }
        // Nesting deeper than the limit is refused, not a stack overflow.
        #expect(!UnimplementedActor.isTuple([0x81] + [UInt8](repeating: 0x81, count: 10_000) + [0x01], count: 1))
    }
}
