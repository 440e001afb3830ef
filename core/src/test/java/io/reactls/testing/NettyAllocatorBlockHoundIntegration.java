package io.reactls.testing;

import reactor.blockhound.BlockHound;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * Netty 4.2's adaptive allocator takes a short StampedLock when it grows or shrinks its magazines under
 * contention (many event loops allocating at once, as in the load tests). That is Netty's own bounded critical
 * section, not blocking I/O, and Netty's BlockHound integration does not list it yet; allowed here so BlockHound
 * keeps flagging real blocking in our code. Loaded through META-INF/services by every module using core's test jar.
 */
public final class NettyAllocatorBlockHoundIntegration implements BlockHoundIntegration {

    @Override
    public void applyTo(BlockHound.Builder builder) {
        builder.allowBlockingCallsInside("io.netty.buffer.AdaptivePoolingAllocator$Magazine", "free");
        builder.allowBlockingCallsInside("io.netty.buffer.AdaptivePoolingAllocator$MagazineGroup", "tryExpandMagazines");
        builder.allowBlockingCallsInside("io.netty.buffer.AdaptivePoolingAllocator$Magazine", "allocate");
    }
}
