package io.reactls.testing;

import reactor.blockhound.BlockHound;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * Netty 4.2's default {@code AdaptivePoolingAllocator} takes a {@code StampedLock} write lock when it grows its
 * magazine array under contention; a briefly contended lock parks the thread and BlockHound reports
 * {@code Unsafe#park} from inside {@code ByteBufAllocator.heapBuffer} (seen in TlsConnectionTest on a parallel
 * scheduler). The lock only guards in-memory bookkeeping, never I/O: a known false positive that Netty's own
 * integration (4.2.17, 4.2.18) does not cover yet. Everything else stays forbidden.
 */
public final class NettyAllocatorBlockHoundIntegration implements BlockHoundIntegration {

    @Override
    public void applyTo(BlockHound.Builder builder) {
        builder.allowBlockingCallsInside("io.netty.buffer.AdaptivePoolingAllocator$MagazineGroup", "tryExpandMagazines");
        builder.allowBlockingCallsInside("io.netty.buffer.AdaptivePoolingAllocator$Magazine", "free");
    }
}
