import ChainState
import DagCBOR
import IPLD
import Synchronization

/// The last few state roots' `StateTreeView`s, so that queries of the same state (the head's,
/// asked again and again) do not decode the root object and the actors HAMT root every time.
/// A view is a value that only reads, so sharing one between queries changes no answer.
final class StateTreeViewCache: Sendable {
    private let capacity: Int
    /// Most recently used last.
    private let views = Mutex<[StateTreeView]>([])

    init(capacity: Int = 4) {
        self.capacity = max(1, capacity)
    }

    func view(root: CID, store: any Blockstore) throws(StateTreeError) -> StateTreeView {
        let cached: StateTreeView? = views.withLock { views in
            guard let index = views.lastIndex(where: { $0.root == root }) else { return nil }
            let view = views.remove(at: index)
            views.append(view)
            return view
        }
        if let cached { return cached }
        let view = try StateTreeView(root: root, store: store)
        views.withLock { views in
            guard !views.contains(where: { $0.root == root }) else { return }
            if views.count >= capacity { views.removeFirst() }
            views.append(view)
        }
        return view
    }
}
