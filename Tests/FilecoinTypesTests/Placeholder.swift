import Testing
import VenusTesting

@Test func vectorsAreLocated() {
    // Documents where vectors are expected; real assertions live beside the code under test.
    _ = TestVectors.root
}
