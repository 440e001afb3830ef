package io.reactls.benchmarks;

import io.netty.util.concurrent.FastThreadLocalThread;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Random;

/**
 * Bytes allocated per {@link EngineTransferBenchmark} operation in steady state, measured by the thread's own
 * allocation counter, on a Netty {@link FastThreadLocalThread} as well as a plain thread. Netty 4.2 recycles pooled
 * {@code ByteBuf} objects only on its own threads (event loops, where a handler runs the engine); on a plain thread,
 * such as JMH's, every pooled buffer costs 72-96 bytes of garbage, so {@code -prof gc} on the JMH benchmark
 * overstates what the record path allocates under Netty.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.reactls.benchmarks.RecordAllocation reactls TLS_AES_128_GCM_SHA256 16000 heap</pre>
 */
public final class RecordAllocation {

    private RecordAllocation() {
    }

    public static void main(String[] args) throws Exception {
        String stack = args[0];
        String suite = args[1];
        int size = Integer.parseInt(args[2]);
        boolean direct = BenchNames.oneOf("buffer", args[3], java.util.List.of("heap", "direct")).equals("direct");
        long[] result = new long[2];
        Thread netty = new FastThreadLocalThread(() -> result[0] = measure(stack, suite, size, direct));
        netty.start();
        netty.join();
        result[1] = measure(stack, suite, size, direct);
        System.out.printf("%s %s %s %d B %s: %d B/op on a Netty thread, %d B/op on a plain thread%n",
                System.getProperty("java.version"), stack, suite, size, args[3], result[0], result[1]);
    }

    private static long measure(String stack, String suite, int size, boolean direct) {
        try {
            TlsPeers peers = TlsPeers.create(stack, TlsShape.forSuite(BenchNames.suite(suite)), direct);
            byte[] bytes = new byte[size];
            new Random(42).nextBytes(bytes);
            peers.payload(bytes);
            try (TlsPeers.Connection c = peers.connect(false)) {
                c.handshake();
                ByteArrayOutputStream received = new ByteArrayOutputStream();
                c.transfer(received);
                if (!Arrays.equals(received.toByteArray(), bytes)) {
                    throw new IllegalStateException(stack + " delivered other bytes than it was sent");
                }
                for (int i = 0; i < 20_000; i++) {
                    c.transfer(null);
                }
                com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
                int n = 20_000;
                long before = mx.getCurrentThreadAllocatedBytes();
                for (int i = 0; i < n; i++) {
                    c.transfer(null);
                }
                return (mx.getCurrentThreadAllocatedBytes() - before) / n;
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
