package io.reactls.record;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * Where AEAD records are opened: into a fresh heap buffer from the fragment's own allocator (pooled under Netty), never
 * in place. Measured on a bare {@code Cipher} opening 16 KiB TLS 1.3 records (best of 60 × 200 ops, load average ~25;
 * {@code AeadLayoutBenchmark} is the JMH form): SunJCE's AES-GCM on JDK 25 opens in place at 5.4 GB/s and into a
 * separate array at 12.8 GB/s, because overlapping input and output make it skip its fused AES+GHASH intrinsic; JDK
 * 17 runs both at 5.4-5.5 GB/s, and ChaCha20-Poly1305 does not care on either. Opening elsewhere also lets the receive
 * buffer (which may hold many records) go as soon as the record is decrypted, instead of living as long as the
 * plaintext slice. Direct memory is never handed to the JCE cipher: on direct {@code ByteBuffer}s SunJCE's GCM opens
 * at 3.2-3.8 GB/s and allocates 2-3 KB per record, against 9.7-4.8 GB/s copying through a heap array first.
 */
final class OpenBuffers {

    private OpenBuffers() {
    }

    /** An empty heap buffer with a backing array and room for {@code length} bytes; the caller owns it. */
    static ByteBuf plaintext(ByteBuf fragment, int length) {
        ByteBuf b = fragment.alloc().heapBuffer(length);
        if (b.hasArray()) {
            return b;
        }
        b.release();
        return Unpooled.buffer(length);
    }
}
