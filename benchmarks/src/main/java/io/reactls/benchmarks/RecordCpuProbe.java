package io.reactls.benchmarks;

import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * {@link EngineTransferBenchmark}'s operation (one payload sealed by the client, opened by the server) per second of
 * the measuring thread's own CPU time, for a machine too loaded for wall-clock scores (see {@link HandshakeCpuProbe}):
 * each stack is warmed up, then the stacks alternate in rounds so a change of load touches them all alike. Both
 * engines of a stack run on the calling thread (BoringSSL's native work included), so its CPU time is the whole cost
 * of the operation, GC and JIT threads aside. Use it for ratios on a busy machine; quote JMH from a quiet one.
 *
 * <pre>
 * java --enable-native-access=ALL-UNNAMED -cp benchmarks/target/benchmarks.jar io.reactls.benchmarks.RecordCpuProbe \
 *     TLS_AES_128_GCM_SHA256 16000 heap reactls,reactls-native,jdk,boringssl
 * </pre>
 * Arguments: suite, payload size, {@code heap}/{@code direct}, the stacks, optionally the warm-up CPU seconds per stack
 * (default 10) and the rounds (default 5 rounds of 1 CPU second per stack).
 *
 * <p>Besides the {@link Stacks}, {@code jce-floor} is a bare SunJCE AES-GCM {@code Cipher} sealing a TLS 1.3 record's
 * inner plaintext ({@code size} + 1 bytes) in place with its 5-byte header as AAD and opening it again in place: the
 * cipher work alone, the ceiling of any record layer on SunJCE (the JDK's own and reactls' pure-Java one alike).
 */
public final class RecordCpuProbe {

    private RecordCpuProbe() {
    }

    public static void main(String[] args) throws Exception {
        String suite = args[0];
        int size = Integer.parseInt(args[1]);
        boolean direct = BenchNames.oneOf("buffer", args[2], List.of("heap", "direct")).equals("direct");
        List<String> stacks = List.of(args[3].split(","));
        double warmupSeconds = args.length > 4 ? Double.parseDouble(args[4]) : 10;
        int rounds = args.length > 5 ? Integer.parseInt(args[5]) : 5;
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        byte[] bytes = new byte[size];
        new Random(42).nextBytes(bytes);
        List<TlsPeers.Connection> connections = new ArrayList<>();
        for (String stack : stacks) {
            if (stack.equals("jce-floor")) {
                TlsPeers.Connection floor = jceFloor(size);
                run(floor, mx, (long) (warmupSeconds * 1e9));
                connections.add(floor);
                continue;
            }
            TlsShape shape = TlsShape.forSuite(BenchNames.suite(suite));
            String unsupported = Stacks.recordUnsupported(stack, BenchNames.suite(suite));
            if (unsupported != null) {
                throw new IllegalArgumentException(stack + ": " + unsupported);
            }
            TlsPeers peers = TlsPeers.create(stack, shape, direct);
            peers.payload(bytes);
            TlsPeers.Connection c = peers.connect(false);
            c.handshake();
            c.checkNegotiated(stack, shape);
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            c.transfer(received);
            if (!Arrays.equals(received.toByteArray(), bytes)) {
                throw new IllegalStateException(stack + " delivered other bytes than it was sent");
            }
            run(c, mx, (long) (warmupSeconds * 1e9));
            connections.add(c);
        }
        long[] ops = new long[stacks.size()];
        long[] nanos = new long[stacks.size()];
        double[][] perRound = new double[stacks.size()][rounds];
        for (int r = 0; r < rounds; r++) {
            for (int i = 0; i < stacks.size(); i++) {
                long[] result = run(connections.get(i), mx, 1_000_000_000L);
                ops[i] += result[0];
                nanos[i] += result[1];
                perRound[i][r] = result[0] / (result[1] / 1e9);
            }
        }
        System.out.printf(Locale.ROOT, "%s %d B %s, %s %s, %d rounds after %.0f CPU-s warm-up%n", suite, size, args[2],
                System.getProperty("java.vm.name"), Runtime.version(), rounds, warmupSeconds);
        double first = ops[0] / (nanos[0] / 1e9);
        for (int i = 0; i < stacks.size(); i++) {
            double rate = ops[i] / (nanos[i] / 1e9);
            double min = Double.MAX_VALUE;
            double max = 0;
            for (double v : perRound[i]) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
            System.out.printf(Locale.ROOT, "%-16s %10.0f ops per CPU-second (rounds %.0f..%.0f) %6.2f GB/s, %s / this = %.2f%n",
                    stacks.get(i), rate, min, max, rate * size / 1e9, stacks.get(0), first / rate);
        }
        for (TlsPeers.Connection c : connections) {
            c.close();
        }
    }

    /** SunJCE's AES-128-GCM alone: seal and open one record's inner plaintext in place, as a record layer would. */
    private static TlsPeers.Connection jceFloor(int size) throws Exception {
        javax.crypto.Cipher c = javax.crypto.Cipher.getInstance("AES/GCM/NoPadding");
        javax.crypto.spec.SecretKeySpec key = new javax.crypto.spec.SecretKeySpec(new byte[16], "AES");
        int header = 5;
        int inner = size + 1;
        byte[] record = new byte[header + inner + 16];
        byte[] payload = new byte[size];
        byte[] nonce = new byte[12];
        return new TlsPeers.Connection() {
            long seq;

            @Override
            public int handshake(ServerWire wire) {
                return 0;
            }

            @Override
            public int lastWireRecords() {
                return 1;
            }

            @Override
            public int lastWireBytes() {
                return record.length;
            }

            @Override
            public int transfer(ByteArrayOutputStream capture) throws Exception {
                seq++;
                for (int i = 0; i < 8; i++) {
                    nonce[4 + i] = (byte) (seq >>> (56 - 8 * i));
                }
                System.arraycopy(payload, 0, record, header, size);
                record[header + size] = 23;
                c.init(javax.crypto.Cipher.ENCRYPT_MODE, key, new javax.crypto.spec.GCMParameterSpec(128, nonce));
                c.updateAAD(record, 0, header);
                int sealed = c.doFinal(record, header, inner, record, header);
                c.init(javax.crypto.Cipher.DECRYPT_MODE, key, new javax.crypto.spec.GCMParameterSpec(128, nonce));
                c.updateAAD(record, 0, header);
                return c.doFinal(record, header, sealed, record, header) - 1;
            }

            @Override
            public String cipherSuite() {
                return "TLS_AES_128_GCM_SHA256";
            }

            @Override
            public int keyShareGroup() {
                return -1;
            }

            @Override
            public void close() {
            }
        };
    }

    /** Transfers until {@code cpuBudget} ns of this thread's CPU are spent: {count, cpu ns}. */
    private static long[] run(TlsPeers.Connection c, ThreadMXBean mx, long cpuBudget) throws Exception {
        long start = mx.getCurrentThreadCpuTime();
        long n = 0;
        long spent;
        do {
            for (int k = 0; k < 16; k++) { // several per clock read: reading the CPU clock costs ~1 µs itself
                c.transfer(null);
            }
            n += 16;
            spent = mx.getCurrentThreadCpuTime() - start;
        } while (spent < cpuBudget);
        return new long[] {n, spent};
    }
}
