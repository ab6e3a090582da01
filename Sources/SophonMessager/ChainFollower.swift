import DagCBOR
import FilecoinTypes
import Foundation
import Logging
import VenusAPI

/// Follows the node's head for a `MessageService`: every `ChainNotify` batch is applied to the
/// messages at once, and each head that stays the head for the settle time gets a selection
/// round. A dropped connection is retried with backoff; on reconnecting, the tipsets missed
/// since the saved cursor are applied first (and messages of tipsets that left the chain
/// meanwhile are reverted), so a restart loses no change.
public struct ChainFollower: Sendable {
    let service: MessageService
    let chain: any MessagerChain
    let store: any MessagerStore
    /// How long a head must stay the head before a round runs on it.
    let settle: Duration
    let logger: Logger

    public init(service: MessageService, chain: any MessagerChain, store: any MessagerStore, settle: Duration, logger: Logger) {
        self.service = service
        self.chain = chain
        self.store = store
        self.settle = settle
        self.logger = logger
    }

    public func run() async {
        let (heads, headContinuation) = AsyncStream<TipSet>.makeStream(bufferingPolicy: .bufferingNewest(1))
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await follow(heads: headContinuation) }
            group.addTask { await selectRounds(heads: heads) }
            await group.next()
            group.cancelAll()
        }
    }

    /// Subscribes, catches up, applies; reconnects with backoff until cancelled.
    func follow(heads: AsyncStream<TipSet>.Continuation) async {
        var backoff = Duration.milliseconds(200)
        while !Task.isCancelled {
            do {
                var first = true
                for try await batch in try await chain.headChanges() {
                    if first, let current = batch.first?.value {
                        try await catchUp(to: current)
                        first = false
                    }
                    try await service.apply(batch)
                    if let last = batch.last?.value { heads.yield(last) }
                    backoff = .milliseconds(200)
                }
                logger.warning("the node closed its head notifications: resubscribing")
            } catch is CancellationError {
                return
            } catch {
                logger.warning("following the node: \(error); again in \(backoff)")
            }
            try? await Task.sleep(for: backoff)
            backoff = min(backoff * 2, .seconds(10))
        }
        heads.finish()
    }

    /// Applies the tipsets between the saved cursor and `current`, oldest first.
    func catchUp(to current: TipSet) async throws {
        guard let cursor = try await store.cursor(), cursor.tipSet != current.key else { return }
        var path: [TipSet] = []
        var tipSet = current
        while tipSet.height > cursor.height, path.count < 2_000 {
            path.append(tipSet)
            tipSet = try await chain.tipSet(tipSet.parents)
        }
        if tipSet.key != cursor.tipSet {
            // The cursor's tipset left the chain while we were away (or the new head is its
            // sibling): walk both branches down to where they meet, revert what landed above that
            // on the old one, then apply the new one from there. A cursor the node does not know
            // leaves the fork point unknown: everything from the cursor's height is reverted.
            var floor = min(path.last?.height ?? current.height, cursor.height)
            var old = try? await chain.tipSet(cursor.tipSet)
            while let oldTip = old, oldTip.key != tipSet.key, path.count < 2_000 {
                if tipSet.height >= oldTip.height {
                    path.append(tipSet)
                    tipSet = try await chain.tipSet(tipSet.parents)
                } else {
                    old = try? await chain.tipSet(oldTip.parents)
                }
            }
            if let oldTip = old, oldTip.key == tipSet.key { floor = tipSet.height + 1 }
            let onPath = Set(path.map(\.key))
            let landed = try await store.messages(
                matching: MsgQueryParams(state: [.onChainMsg], from: [], byUpdateAt: nil, asc: true, limit: 0, offset: 0),
                senders: nil)
            let stale = Set(landed.filter { $0.height >= floor && !onPath.contains($0.tipSetKey) }.map(\.tipSetKey))
            for key in stale { _ = try await store.revert(tipSet: key) }
            logger.info("caught up across a reorganisation: \(stale.count) tipsets' messages reverted")
        }
        let changes = path.reversed().map { FullNodeAPI.HeadChange(type: .apply, value: $0) }
        try await service.apply(changes)
        logger.info("caught up \(changes.count) tipsets since epoch \(cursor.height)")
    }

    /// One selection round per settled head.
    func selectRounds(heads: AsyncStream<TipSet>) async {
        for await head in heads {
            if settle > .zero { try? await Task.sleep(for: settle) }
            guard !Task.isCancelled else { return }
            do {
                let report = try await service.processHead(await service.latestHead ?? head)
                if report != MessageService.RoundReport() {
                    logger.info("round at \(head.height): \(report)")
                }
            } catch {
                logger.warning("round at \(head.height): \(error)")
            }
        }
    }
}
