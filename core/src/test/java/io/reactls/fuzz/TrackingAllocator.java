package io.reactls.fuzz;

import io.netty.buffer.AbstractByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledHeapByteBuf;
import java.util.ArrayList;
import java.util.List;

/**
 * An allocator that remembers every buffer it made, so a fuzz target can check after each input that all of them
 * were released: deterministic, unlike Netty's leak detector, which only notices a leak once the garbage collector
 * has found the lost buffer. Slices, duplicates and {@code fragment.alloc()} copies lead back here, so the engine's
 * own buffers (records, flights, alerts, deframer cumulations, opened plaintext) are all counted.
 * Every buffer is on the heap: direct memory is not what is under test.
 */
final class TrackingAllocator extends AbstractByteBufAllocator {

    private final List<ByteBuf> made = new ArrayList<>();

    TrackingAllocator() {
        super(false);
    }

    @Override
    protected ByteBuf newHeapBuffer(int initialCapacity, int maxCapacity) {
        ByteBuf b = new UnpooledHeapByteBuf(this, initialCapacity, maxCapacity);
        made.add(b);
        return b;
    }

    @Override
    protected ByteBuf newDirectBuffer(int initialCapacity, int maxCapacity) {
        return newHeapBuffer(initialCapacity, maxCapacity);
    }

    @Override
    public boolean isDirectBufferPooled() {
        return false;
    }

    ByteBuf copyOf(byte[] bytes, int from, int to) {
        return heapBuffer(Math.max(to - from, 1)).writeBytes(bytes, from, to - from);
    }

    /** Fails when a buffer this allocator made is still referenced. */
    void assertAllReleased(String where) {
        List<String> live = new ArrayList<>();
        for (ByteBuf b : made) {
            if (b.refCnt() != 0) {
                live.add(b.capacity() + "-byte buffer (refCnt " + b.refCnt() + ", " + b.readableBytes() + " readable)");
            }
        }
        if (!live.isEmpty()) {
            throw new AssertionError(live.size() + " of " + made.size() + " buffers leaked " + where + ": " + live);
        }
    }
}
