package io.reactls.crypto;

import io.netty.util.concurrent.FastThreadLocal;

/**
 * One heap array per thread that a record is copied through within one seal or open: by record protection when the
 * caller's buffer has no array of its own (Netty's direct buffers), by {@link JceAead} when a provider is slow on
 * the layout it was handed. It is written back before that call returns, so a thread's connections can share it.
 * Kept per connection it cost an idle connection 16 KiB per direction once it had moved one record; per thread it
 * is allocated once per event loop. A caller that holds it must not hand it on to another user of it.
 */
public final class ScratchArray {

    private static final FastThreadLocal<byte[]> ARRAY = new FastThreadLocal<>();

    private ScratchArray() {
    }

    /** This thread's array, at least {@code length} and at least {@code atLeast} bytes long. */
    public static byte[] get(int length, int atLeast) {
        byte[] a = ARRAY.get();
        if (a == null || a.length < length) {
            a = new byte[Math.max(length, atLeast)];
            ARRAY.set(a);
        }
        return a;
    }
}
