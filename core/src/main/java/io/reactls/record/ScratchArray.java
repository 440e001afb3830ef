package io.reactls.record;

import io.netty.util.concurrent.FastThreadLocal;

/**
 * One heap array per thread that record protection copies a record through when the caller's buffer has no array
 * of its own (Netty's direct buffers): it is used within one seal or open and written back before that returns, so
 * a thread's connections can share it. Kept per connection it cost an idle connection 16 KiB per direction once it
 * had moved one record; per thread it is allocated once per event loop.
 */
final class ScratchArray {

    private static final FastThreadLocal<byte[]> ARRAY = new FastThreadLocal<>();

    private ScratchArray() {
    }

    /** This thread's array, at least {@code length} and at least {@code atLeast} bytes long. */
    static byte[] get(int length, int atLeast) {
        byte[] a = ARRAY.get();
        if (a == null || a.length < length) {
            a = new byte[Math.max(length, atLeast)];
            ARRAY.set(a);
        }
        return a;
    }
}
