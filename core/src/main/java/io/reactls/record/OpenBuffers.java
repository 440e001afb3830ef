package io.reactls.record;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * Where AEAD records are opened: into a fresh heap buffer from the fragment's own allocator when that buffer has an
 * array of its own, else in place. Measured on a bare {@code Cipher} opening 16 KiB TLS 1.3 records (best of 60 × 200
 * ops, load average ~25; {@code AeadLayoutBenchmark} is the JMH form): SunJCE's AES-GCM on JDK 25 opens in place at
 * 5.4 GB/s and into another array at 12.8 GB/s, because overlapping input and output make it skip its fused AES+GHASH
 * intrinsic; JDK 17 runs both at 5.4-5.5 GB/s; ChaCha20-Poly1305 does not care on either. But SunJCE decides
 * "overlapping" by array identity, and a pooled allocator carves many buffers out of one 4 MiB chunk array: output
 * after input in the same array makes it copy the whole array first (4 MB per record, seen with {@code -prof gc}),
 * so a new buffer in the fragment's array is given back and the record opened in place. Opening elsewhere also lets
 * the receive buffer (which may hold many records) go as soon as the record is decrypted. Direct memory is never handed
 * to the JCE cipher: on direct {@code ByteBuffer}s SunJCE's GCM opens at 3.2-3.8 GB/s and allocates 2-3 KB per record,
 * against 4.8-9.7 GB/s copying through a heap array first.
 */
final class OpenBuffers {

    private OpenBuffers() {
    }

    /**
     * An empty heap buffer for {@code length} bytes of plaintext whose array is not {@code in} (the caller owns it),
     * or null when the allocator placed it in {@code in}: open in place then.
     */
    static ByteBuf separate(ByteBuf fragment, byte[] in, int length) {
        ByteBuf b = fragment.alloc().heapBuffer(length);
        if (!b.hasArray()) {
            b.release();
            b = Unpooled.buffer(length);
        }
        if (b.array() == in) {
            b.release();
            return null;
        }
        return b;
    }

    static void release(ByteBuf buffer) {
        if (buffer != null) {
            buffer.release();
        }
    }
}
