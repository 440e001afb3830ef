package io.reactls.benchmarks;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Heap per idle TLS 1.3 connection and peak RSS of a server holding many of them, for each {@link LoopbackStacks}
 * echo server: reactls' {@code TlsServer}, and reactor-netty with Netty's {@code SslHandler} on the JDK engine and on
 * OpenSSL (BoringSSL from netty-tcnative). Each server runs in a JVM of its own ({@link ConnectionMemoryServer}, the
 * same JVM options for every stack) so that the clients' heap does not mix with it; this JVM is the client: one
 * Netty OpenSSL client for every server (SNI and host name checked), {@value #CONCURRENT_HANDSHAKES} handshakes in
 * flight at a time, full handshakes only (engines get port -1, which keeps them out of Netty's client session cache).
 *
 * <p>Per stack: 200 connections handshake, echo and close (warm-up: classes loaded, pools created); the server
 * measures its heap after full GC (baseline); {@code --connections} (10,000) connections handshake and stay idle; the
 * server measures again (idle); every connection echoes {@code --echo-bytes} (1,024) once, then the server measures
 * again (idle after echo) and reports its peak RSS ({@code VmHWM}). Heap per connection = (measurement − baseline) /
 * connections. {@code --histogram} prints the class histogram difference idle − baseline per connection (from
 * {@code jcmd GC.class_histogram}, which collects first): what each connection holds.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.reactls.benchmarks.ConnectionMemory [--connections 10000]
 *     [--stacks reactls,jdk,openssl] [--server-jvm "-Xmx1g -XX:+UseG1GC"] [--echo-bytes 1024] [--histogram 25]
 * </pre>
 */
public final class ConnectionMemory {

    static final int CONCURRENT_HANDSHAKES = 64;
    private static final int WARMUP_CONNECTIONS = 200;
    private static final Pattern HISTOGRAM_LINE = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+).*$");

    /** What the server said about itself after full GC. */
    private record Sample(long heap, long rssKb, long hwmKb) {
    }

    /** One stack's figures. */
    private record Result(String stack, int connections, Sample base, Sample idle, Sample echoed) {

        double heapPerConnection(Sample s) {
            return (double) (s.heap - base.heap) / connections;
        }
    }

    private ConnectionMemory() {
    }

    public static void main(String[] args) throws Exception {
        int connections = 10_000;
        List<String> stacks = Stacks.HTTP;
        List<String> serverJvm = List.of("-Xmx1g", "-XX:+UseG1GC");
        int echoBytes = 1024;
        int histogram = 0;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--connections" -> connections = Integer.parseInt(args[++i]);
                case "--stacks" -> stacks = Arrays.stream(args[++i].split(","))
                        .map(s -> BenchNames.oneOf("stack", s.trim(), Stacks.HTTP)).toList();
                case "--server-jvm" -> serverJvm = Arrays.asList(args[++i].trim().split("\\s+"));
                case "--echo-bytes" -> echoBytes = Integer.parseInt(args[++i]);
                case "--histogram" -> histogram = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + " (--connections N, --stacks a,b, --server-jvm \"opts\", --echo-bytes N, --histogram TOP)");
            }
        }
        System.out.printf(Locale.ROOT, "%,d connections per stack, server JVM %s %s, load average %s%n",
                connections, System.getProperty("java.version"), String.join(" ", serverJvm), loadAverage());
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        List<Result> results = new ArrayList<>();
        try {
            for (String stack : stacks) {
                results.add(measure(stack, connections, serverJvm, echoBytes, histogram, group));
            }
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
        System.out.println();
        System.out.println("| server | heap/connection idle | heap/connection after one echo | RSS idle | peak RSS (VmHWM) |");
        System.out.println("|---|---|---|---|---|");
        for (Result r : results) {
            System.out.printf(Locale.ROOT, "| %s | %,.0f B | %,.0f B | %,d MB | %,d MB |%n", Stacks.label(r.stack),
                    r.heapPerConnection(r.idle), r.heapPerConnection(r.echoed), r.idle.rssKb / 1024,
                    r.echoed.hwmKb / 1024);
        }
        System.out.println("load average at the end: " + loadAverage());
    }

    private static Result measure(String stack, int connections, List<String> serverJvm, int echoBytes, int histogram,
            EventLoopGroup group) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(serverJvm);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), ConnectionMemoryServer.class.getName(),
                stack));
        Process server = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
            PrintWriter in = new PrintWriter(server.getOutputStream(), true, StandardCharsets.UTF_8);
            X509Certificate ca = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                    new ByteArrayInputStream(Base64.getDecoder().decode(expect(out, "CA "))));
            int port = Integer.parseInt(expect(out, "PORT "));
            Clients clients = new Clients(group, LoopbackStacks.nettyClient(Stacks.OPENSSL, ca), port);

            List<Channel> warm = clients.open(WARMUP_CONNECTIONS);
            clients.echo(warm, echoBytes);
            Clients.close(warm);
            Sample base = sample(in, out);
            Map<String, long[]> baseHistogram = histogram > 0 ? histogram(server.pid()) : Map.of();

            long start = System.nanoTime();
            List<Channel> open = clients.open(connections);
            double seconds = (System.nanoTime() - start) / 1e9;
            Thread.sleep(1000); // the server's side of the last handshakes (its tickets, the client's Finished)
            Sample idle = sample(in, out);
            if (histogram > 0) {
                printHistogramDelta(stack, baseHistogram, histogram(server.pid()), connections, histogram);
            }
            clients.echo(open, echoBytes);
            Sample echoed = sample(in, out);
            System.out.printf(Locale.ROOT, "%s: %,d handshakes in %.1f s; heap %,d -> %,d (idle) -> %,d (after echo) B, "
                            + "RSS %,d kB, peak %,d kB%n", Stacks.label(stack), connections, seconds, base.heap, idle.heap,
                    echoed.heap, echoed.rssKb, echoed.hwmKb);
            Clients.close(open);
            in.println("quit");
            server.waitFor(30, TimeUnit.SECONDS);
            return new Result(stack, connections, base, idle, echoed);
        } finally {
            server.destroyForcibly();
        }
    }

    private static String expect(BufferedReader out, String prefix) throws Exception {
        for (String line; (line = out.readLine()) != null; ) {
            if (line.startsWith(prefix)) {
                return line.substring(prefix.length());
            }
        }
        throw new IllegalStateException("the server JVM ended before printing " + prefix.trim());
    }

    private static Sample sample(PrintWriter in, BufferedReader out) throws Exception {
        in.println("measure");
        String[] f = expect(out, "HEAP ").split(" ");
        return new Sample(Long.parseLong(f[0]), Long.parseLong(f[2]), Long.parseLong(f[4]));
    }

    /** Class name → {instances, bytes} of the live objects in JVM {@code pid} (a full GC first). */
    private static Map<String, long[]> histogram(long pid) throws Exception {
        Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(pid), "GC.class_histogram").redirectErrorStream(true).start();
        Map<String, long[]> classes = new HashMap<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(jcmd.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                Matcher m = HISTOGRAM_LINE.matcher(line);
                if (m.matches()) {
                    classes.put(m.group(3), new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2))});
                }
            }
        }
        jcmd.waitFor(60, TimeUnit.SECONDS);
        return classes;
    }

    private static void printHistogramDelta(String stack, Map<String, long[]> base, Map<String, long[]> idle,
            int connections, int top) {
        record Delta(String name, long instances, long bytes) {
        }
        List<Delta> deltas = new ArrayList<>();
        for (Map.Entry<String, long[]> e : idle.entrySet()) {
            long[] b = base.getOrDefault(e.getKey(), new long[2]);
            deltas.add(new Delta(e.getKey(), e.getValue()[0] - b[0], e.getValue()[1] - b[1]));
        }
        deltas.sort(Collections.reverseOrder((a, b) -> Long.compare(a.bytes, b.bytes)));
        System.out.printf(Locale.ROOT, "%s: live objects per idle connection (idle − baseline) / %,d, top %d by bytes%n",
                Stacks.label(stack), connections, top);
        long total = deltas.stream().mapToLong(Delta::bytes).sum();
        for (Delta d : deltas.subList(0, Math.min(top, deltas.size()))) {
            System.out.printf(Locale.ROOT, "  %8.2f  %8.1f B  %s%n", (double) d.instances / connections,
                    (double) d.bytes / connections, d.name);
        }
        System.out.printf(Locale.ROOT, "  total %,.1f B per connection%n", (double) total / connections);
    }

    private static String loadAverage() {
        try {
            return String.join(" ", Arrays.copyOf(
                    java.nio.file.Files.readString(Path.of("/proc/loadavg")).split(" "), 3));
        } catch (Exception e) {
            return "unknown";
        }
    }

    /** Netty OpenSSL clients of one server: open many, echo on all, close. */
    private static final class Clients {

        private final Bootstrap bootstrap;
        private final SslContext ssl;
        private final AtomicLong received = new AtomicLong();

        Clients(EventLoopGroup group, SslContext ssl, int port) {
            this.ssl = ssl;
            this.bootstrap = new Bootstrap().group(group).channel(NioSocketChannel.class)
                    .option(ChannelOption.TCP_NODELAY, true)
                    .remoteAddress("127.0.0.1", port)
                    .handler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast(ssl.newHandler(ch.alloc(), TlsPeers.HOST, -1), new ChannelInboundHandlerAdapter() {
                                @Override
                                public void channelRead(ChannelHandlerContext ctx, Object msg) {
                                    received.addAndGet(((ByteBuf) msg).readableBytes());
                                    ((ByteBuf) msg).release();
                                }
                            });
                        }
                    });
        }

        /** {@code n} connections with their handshakes done, at most {@value #CONCURRENT_HANDSHAKES} at a time. */
        List<Channel> open(int n) throws InterruptedException {
            Semaphore inFlight = new Semaphore(CONCURRENT_HANDSHAKES);
            CountDownLatch done = new CountDownLatch(n);
            List<Channel> channels = Collections.synchronizedList(new ArrayList<>(n));
            AtomicInteger failures = new AtomicInteger();
            Throwable[] cause = new Throwable[1];
            for (int i = 0; i < n; i++) {
                inFlight.acquire();
                ChannelFuture connect = bootstrap.connect();
                connect.addListener(f -> {
                    if (!f.isSuccess()) {
                        failures.incrementAndGet();
                        cause[0] = f.cause();
                        inFlight.release();
                        done.countDown();
                        return;
                    }
                    Channel ch = connect.channel();
                    ch.pipeline().get(SslHandler.class).handshakeFuture().addListener(h -> {
                        if (h.isSuccess()) {
                            channels.add(ch);
                        } else {
                            failures.incrementAndGet();
                            cause[0] = h.cause();
                            ch.close();
                        }
                        inFlight.release();
                        done.countDown();
                    });
                });
            }
            if (!done.await(10, TimeUnit.MINUTES) || failures.get() > 0) {
                close(channels);
                throw new IllegalStateException(failures.get() + " of " + n + " connections failed", cause[0]);
            }
            return channels;
        }

        /** Writes {@code bytes} on every channel and waits until all of it has come back. */
        void echo(List<Channel> channels, int bytes) throws InterruptedException {
            byte[] payload = new byte[bytes];
            Arrays.fill(payload, (byte) 'x');
            received.set(0);
            long expected = (long) bytes * channels.size();
            for (Channel ch : channels) {
                ch.writeAndFlush(ch.alloc().buffer(bytes).writeBytes(payload));
            }
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
            while (received.get() < expected) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("echo: " + received.get() + " of " + expected + " bytes came back");
                }
                Thread.sleep(50);
            }
        }

        static void close(List<Channel> channels) throws InterruptedException {
            List<ChannelFuture> closing = new ArrayList<>(channels.size());
            for (Channel ch : channels) {
                closing.add(ch.close());
            }
            for (ChannelFuture f : closing) {
                f.await(10, TimeUnit.SECONDS);
            }
        }
    }
}
