package io.reactls.benchmarks;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.reactls.CertificateGenerator;
import io.reactls.GeneratedPki;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.netty.DisposableServer;

/**
 * Bulk TLS 1.3 throughput over loopback through reactor-netty, one {@link LoopbackStacks} stack at a time in this
 * JVM: the client streams {@code --bytes} (1 GiB) in {@code --write}-byte (16 KiB) writes to an echo server of the
 * same stack and reads all of it back, so that many bytes go each way at once; the score is bytes / time from the
 * first write to the last byte read back, in MB/s each way (10^6 bytes), and the same bytes per CPU-second this JVM
 * spent meanwhile (both ends and the GC: what a loaded machine does not distort). Every write is a fresh buffer from the
 * channel's (pooled, direct) allocator filled from one random array, as an application's encoder would hand them
 * down; the first 64 KiB echoed at setup are compared with what was sent. Every stack's connection is open at once:
 * one warm-up transfer of {@code --warmup} bytes on each, then {@code --runs} measured rounds, each round one
 * transfer per stack in turn, so that a changing machine load falls on all stacks alike.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.reactls.benchmarks.LoopbackThroughput [--bytes 1073741824]
 *     [--write 16384] [--runs 3] [--warmup 1073741824] [--stacks reactls,jdk,openssl]
 * </pre>
 */
public final class LoopbackThroughput {

    private LoopbackThroughput() {
    }

    public static void main(String[] args) throws Exception {
        long bytes = 1L << 30;
        int write = 16384;
        int runs = 3;
        long warmup = 1L << 30;
        List<String> stacks = List.of(Stacks.REACTLS, Stacks.OPENSSL, Stacks.JDK);
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--bytes" -> bytes = Long.parseLong(args[++i]);
                case "--write" -> write = Integer.parseInt(args[++i]);
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Long.parseLong(args[++i]);
                case "--stacks" -> stacks = Arrays.stream(args[++i].split(","))
                        .map(s -> BenchNames.oneOf("stack", s.trim(), Stacks.HTTP)).toList();
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + " (--bytes N, --write N, --runs N, --warmup N, --stacks a,b)");
            }
        }
        System.out.printf(Locale.ROOT, "%,d bytes each way in %,d-byte writes, %d runs, JDK %s, load average %s%n",
                bytes, write, runs, System.getProperty("java.version"), loadAverage());
        GeneratedPki pki = CertificateGenerator.ec().ca("bench CA").leaf(TlsPeers.HOST);
        Map<String, Score> scores = measureInterleaved(stacks, pki, bytes, write, runs, warmup);
        Score reference = scores.get(Stacks.OPENSSL);
        double wallReference = reference == null ? Double.NaN : median(reference.wall());
        double cpuReference = reference == null ? Double.NaN : median(reference.perCpu());
        System.out.println();
        System.out.println("| stack | MB/s each way, runs | median | / Netty OpenSSL | MB per CPU-s, runs | median"
                + " | / Netty OpenSSL |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (Map.Entry<String, Score> e : scores.entrySet()) {
            Score s = e.getValue();
            System.out.printf(Locale.ROOT, "| %s | %s | %.0f | %.2f | %s | %.0f | %.2f |%n", Stacks.label(e.getKey()),
                    joined(s.wall()), median(s.wall()), median(s.wall()) / wallReference, joined(s.perCpu()),
                    median(s.perCpu()), median(s.perCpu()) / cpuReference);
        }
        System.out.println("load average at the end: " + loadAverage());
    }

    /** Wall-clock MB/s each way, and MB each way per CPU-second of this JVM (both ends, GC included), per run. */
    private record Score(double[] wall, double[] perCpu) {
    }

    /** One stack's echo server, its connected client and the reader counting what comes back. */
    private record Peer(String stack, DisposableServer server, LoopbackStacks.Duplex client, Reader reader,
            Disposable reading, ByteBufAllocator alloc) {

        void close() {
            reading.dispose();
            client.connection().disposeNow();
            server.disposeNow();
        }
    }

    /**
     * Connects every stack, checks each echoes what it was sent, warms each up, then measures run 1 of every stack,
     * run 2 of every stack, and so on: on a shared machine whose load changes by the minute, each stack's run r
     * meets about the same load as the others' (one stack after another, the first stack's runs met another load
     * than the last's).
     */
    private static Map<String, Score> measureInterleaved(List<String> stacks, GeneratedPki pki, long bytes, int write,
            int runs, long warmup) throws Exception {
        byte[] chunk = new byte[write];
        new Random(42).nextBytes(chunk);
        List<Peer> peers = new ArrayList<>();
        try {
            for (String stack : stacks) {
                Peer peer = connect(stack, pki);
                peers.add(peer);
                byte[] check = new byte[64 * 1024];
                new Random(7).nextBytes(check);
                peer.reader().capture = new ByteArrayOutputStream();
                transfer(peer.client(), peer.reader(), peer.alloc(), check, check.length);
                if (!Arrays.equals(peer.reader().capture.toByteArray(), check)) {
                    throw new IllegalStateException(stack + ": the echoed bytes differ from those sent");
                }
                peer.reader().capture = null;
            }
            for (Peer peer : peers) {
                transfer(peer.client(), peer.reader(), peer.alloc(), chunk, warmup);
            }
            Map<String, Score> scores = new LinkedHashMap<>();
            for (String stack : stacks) {
                scores.put(stack, new Score(new double[runs], new double[runs]));
            }
            for (int r = 0; r < runs; r++) {
                for (Peer peer : peers) {
                    long cpuStart = processCpuNanos();
                    long start = System.nanoTime();
                    transfer(peer.client(), peer.reader(), peer.alloc(), chunk, bytes);
                    double seconds = (System.nanoTime() - start) / 1e9;
                    double cpuSeconds = (processCpuNanos() - cpuStart) / 1e9;
                    Score score = scores.get(peer.stack());
                    score.wall()[r] = bytes / seconds / 1e6;
                    score.perCpu()[r] = bytes / cpuSeconds / 1e6;
                    System.out.printf(Locale.ROOT, "%s run %d: %.0f MB/s each way (%.2f s), %.0f MB each way per"
                            + " CPU-second (%.2f CPU-s), load %s%n", Stacks.label(peer.stack()), r + 1,
                            score.wall()[r], seconds, score.perCpu()[r], cpuSeconds, loadAverage());
                }
            }
            return scores;
        } finally {
            for (Peer peer : peers) {
                peer.close();
            }
        }
    }

    private static Peer connect(String stack, GeneratedPki pki) throws Exception {
        DisposableServer server = LoopbackStacks.echoServer(stack, pki);
        try {
            LoopbackStacks.Duplex client = LoopbackStacks.connect(stack, pki.caCertificate(), server.port());
            Reader reader = new Reader();
            Disposable reading = client.inbound().receive().subscribe(reader::onNext, reader::onError);
            return new Peer(stack, server, client, reader, reading, client.connection().channel().alloc());
        } catch (Exception | Error e) {
            server.disposeNow();
            throw e;
        }
    }

    /** Sends {@code total} bytes as writes of {@code chunk} (the last one shorter) and waits for all of them back. */
    private static void transfer(LoopbackStacks.Duplex client, Reader reader, ByteBufAllocator alloc, byte[] chunk,
            long total) throws InterruptedException {
        CountDownLatch done = reader.expect(total);
        long writes = (total + chunk.length - 1) / chunk.length;
        Flux<ByteBuf> data = Flux.<ByteBuf, Long>generate(() -> 0L, (i, sink) -> {
            int n = (int) Math.min(chunk.length, total - i * chunk.length);
            sink.next(alloc.buffer(n).writeBytes(chunk, 0, n));
            if (i + 1 == writes) {
                sink.complete();
            }
            return i + 1;
        });
        Throwable[] sendFailure = new Throwable[1];
        client.outbound().send(data).then().subscribe(null, e -> {
            sendFailure[0] = e;
            reader.onError(e);
        });
        if (!done.await(5, TimeUnit.MINUTES)) {
            throw new IllegalStateException("timed out: " + reader.received.get() + " of " + total + " bytes back");
        }
        if (reader.failure != null) {
            throw new IllegalStateException("transfer failed", reader.failure);
        }
    }

    private static String joined(double[] values) {
        List<String> each = new ArrayList<>();
        for (double v : values) {
            each.add(String.format(Locale.ROOT, "%.0f", v));
        }
        return String.join(", ", each);
    }

    /** CPU time of every thread of this JVM so far (the client, the server, GC): the cost of the bytes moved. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static String loadAverage() {
        try {
            return String.join(" ", Arrays.copyOf(
                    java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" "), 3));
        } catch (Exception e) {
            return "unknown";
        }
    }

    /** Counts what the one subscription to the client's inbound receives, and opens a latch at the expected total. */
    private static final class Reader {

        final AtomicLong received = new AtomicLong();
        volatile ByteArrayOutputStream capture;
        volatile Throwable failure;
        private volatile long target;
        private volatile CountDownLatch done = new CountDownLatch(0);

        CountDownLatch expect(long total) {
            received.set(0);
            target = total;
            done = new CountDownLatch(1);
            return done;
        }

        void onNext(ByteBuf buf) {
            ByteArrayOutputStream c = capture;
            if (c != null) {
                byte[] copy = new byte[buf.readableBytes()];
                buf.getBytes(buf.readerIndex(), copy);
                c.writeBytes(copy);
            }
            if (received.addAndGet(buf.readableBytes()) >= target) {
                done.countDown();
            }
        }

        void onError(Throwable e) {
            failure = e;
            done.countDown();
        }
    }
}
