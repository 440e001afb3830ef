package io.reactls.benchmarks;

import io.reactls.CipherSuite;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The fairness check behind the record and handshake benchmarks: one handshake and one transfer per stack, looked at
 * on the wire, to show that every stack does the same work per operation. Per handshake kind: the ClientHello's size,
 * the server's first flight, what the server sends after the client's last flight (TLS 1.3: its NewSessionTickets,
 * one record each; TLS 1.2: a NewSessionTicket in plaintext before its ChangeCipherSpec), and whether the client
 * refuses a certificate for another host name. Per record size: the ciphertext on the wire, hence the records one
 * message became. Prints Markdown tables and one verdict line per comparison; exits with 3 when the stacks differ in
 * tickets, host name checking or records per message. Two differences are known and only reported: at 16,384 B the
 * JDK sends two TLS 1.3 records (its records carry at most 16,367 bytes; that row is there to show it), and BoringSSL
 * through netty-tcnative sends no TLS 1.3 ticket after a full handshake where the others send one (its count cannot
 * be set through netty-tcnative, and a stack that does less cannot flatter reactls).
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.reactls.benchmarks.WorkPerOp [--stacks reactls,reactls-native,jdk,boringssl]
 *     [--kinds TLS13_X25519,TLS12_ECDHE_RSA] [--suite TLS_AES_128_GCM_SHA256] [--sizes 16000,16384]
 * </pre>
 */
public final class WorkPerOp {

    private static final String WRONG_HOST = "wrong.example";

    private WorkPerOp() {
    }

    public static void main(String[] args) throws Exception {
        List<String> stacks = List.of(Stacks.REACTLS, Stacks.REACTLS_NATIVE, Stacks.JDK, Stacks.BORINGSSL);
        List<HandshakeKind> kinds = List.of(HandshakeKind.TLS13_X25519, HandshakeKind.TLS12_ECDHE_RSA);
        CipherSuite suite = CipherSuite.TLS_AES_128_GCM_SHA256;
        List<Integer> sizes = List.of(16000, 16384);
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--stacks" -> stacks = Arrays.stream(args[++i].split(","))
                        .map(s -> BenchNames.oneOf("stack", s.trim(), Stacks.TLS)).toList();
                case "--kinds" -> kinds = Arrays.stream(args[++i].split(",")).map(HandshakeKind::parse).toList();
                case "--suite" -> suite = BenchNames.suite(args[++i]);
                case "--sizes" -> sizes = Arrays.stream(args[++i].split(",")).filter(v -> !v.isBlank())
                        .map(Integer::valueOf).toList();
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + " (--stacks a,b, --kinds A,B, --suite NAME, --sizes n,m)");
            }
        }
        // The JDK reads jdk.tls.namedGroups once per JVM, and the records run on x25519 (TlsShape.forSuite).
        if (kinds.stream().map(k -> k.shape().group()).distinct().count() > 1
                || (!sizes.isEmpty() && kinds.stream().anyMatch(k -> k.shape().group() != io.reactls.NamedGroup.X25519))) {
            throw new IllegalArgumentException("--kinds: one key-exchange group per JVM, and x25519 with --sizes (the "
                    + "JDK reads its groups once); run e.g. TLS13_P256 in a JVM of its own with --sizes ''");
        }
        boolean fair = true;
        System.out.printf(Locale.ROOT, "Work per operation, %s %s%n%n", System.getProperty("java.vm.name"),
                Runtime.version());
        System.out.println("| handshake | stack | suite | ClientHello B | server first flight B | server after client's "
                + "Finished: B / records | TLS 1.2 tickets | TLS 1.2 group, signature | wrong host name |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        for (HandshakeKind kind : kinds) {
            Map<String, String> tickets = new TreeMap<>();
            Map<String, String> keyExchange = new TreeMap<>();
            for (String stack : stacks) {
                String unsupported = Stacks.handshakeUnsupported(stack, kind);
                if (unsupported != null) {
                    System.out.printf("| %s | %s | not run: %s ||||||%n", kind.label(), stack, unsupported);
                    continue;
                }
                Handshake h = handshake(stack, kind);
                ServerWire wire = h.wire();
                String refusal = h.refusal();
                boolean tls13 = kind.shape().version() == io.reactls.TlsVersion.TLS_1_3;
                String ticketWork = tls13 ? wire.afterClientFinishedRecords() + " records after Finished"
                        : wire.tls12Tickets() + " tickets";
                tickets.put(stack, ticketWork);
                int[] kx = tls13 ? null : wire.tls12KeyExchange();
                String kxText = kx == null ? "n/a" : String.format(Locale.ROOT, "0x%04x, 0x%04x", kx[0], kx[1]);
                if (kx != null) {
                    keyExchange.put(stack, kxText);
                }
                System.out.printf(Locale.ROOT, "| %s | %s | %s | %d | %d | %d / %d | %s | %s | %s |%n", kind.label(),
                        stack, kind.shape().suite().name(), wire.clientHelloBytes(), wire.firstFlightBytes(),
                        wire.afterClientFinishedBytes(), wire.afterClientFinishedRecords(),
                        tls13 ? "n/a" : Integer.toString(wire.tls12Tickets()), kxText,
                        refusal == null ? "ACCEPTED" : "refused");
                if (kx != null && kx[0] != kind.shape().group().id()) {
                    fair = false;
                    System.out.printf(Locale.ROOT, "UNEQUAL: %s %s used group 0x%04x, not %s%n", stack, kind.label(),
                            kx[0], kind.shape().group().rfcName());
                }
                if (refusal == null) {
                    fair = false;
                    System.out.printf("UNEQUAL: %s accepted a certificate for %s when connecting to %s%n", stack,
                            TlsPeers.HOST, WRONG_HOST);
                }
            }
            if (keyExchange.values().stream().distinct().count() > 1) {
                fair = false;
                System.out.printf("UNEQUAL: %s ServerKeyExchange group and signature scheme differ: %s%n", kind.label(),
                        keyExchange);
            }
            if (tickets.values().stream().distinct().count() > 1) {
                Map<String, String> others = new TreeMap<>(tickets);
                String boring = others.remove(Stacks.BORINGSSL);
                boolean known = kind.shape().version() == io.reactls.TlsVersion.TLS_1_3 && boring != null
                        && boring.startsWith("0 ") && others.values().stream().distinct().count() == 1;
                if (known) {
                    System.out.printf("KNOWN: %s: BoringSSL (netty-tcnative) sends no TLS 1.3 ticket, the others one "
                            + "each: %s. Its handshakes do that much less work, so ratios against it understate "
                            + "reactls.%n", kind.label(), tickets);
                } else {
                    fair = false;
                    System.out.printf("UNEQUAL: %s tickets differ: %s%n", kind.label(), tickets);
                }
            }
        }
        System.out.println();
        System.out.println("| records | size B | stack | ciphertext B | overhead B | records per message |");
        System.out.println("|---|---|---|---|---|---|");
        for (int size : sizes) {
            Map<String, Long> records = new TreeMap<>();
            for (String stack : stacks) {
                if (Stacks.recordUnsupported(stack, suite) != null) {
                    continue;
                }
                int[] sent = transfer(stack, suite, size);
                int wireBytes = sent[0];
                long n = sent[1];
                records.put(stack, n);
                System.out.printf(Locale.ROOT, "| %s | %d | %s | %d | %d | %d |%n", suite.name(), size, stack, wireBytes,
                        wireBytes - size, n);
            }
            if (records.values().stream().distinct().count() > 1) {
                String line = String.format("%s records per %d-byte message differ: %s", suite.name(), size, records);
                if (size > 16367 - 1 && suite.isTls13()) {
                    System.out.println("EXPECTED: " + line + " (the JDK's TLS 1.3 records carry at most 16,367 bytes)");
                } else {
                    fair = false;
                    System.out.println("UNEQUAL: " + line);
                }
            }
        }
        System.out.println(fair ? "FAIR: same tickets, host name checked by every client, same records per message "
                + "(but for the KNOWN and EXPECTED lines above, if any)"
                : "NOT FAIR: see the UNEQUAL lines");
        System.exit(fair ? 0 : 3);
    }

    /** What the server of one full handshake sent, and why its client refused another host name (null: it did not). */
    record Handshake(ServerWire wire, String refusal) {
    }

    /** One full handshake of {@code stack} recorded on the wire, then one with a client expecting another host. */
    static Handshake handshake(String stack, HandshakeKind kind) throws Exception {
        try (TlsPeers peers = TlsPeers.create(stack, kind.shape(), false)) {
            ServerWire wire = new ServerWire();
            try (TlsPeers.Connection c = peers.connect(false)) {
                c.handshake(wire);
                c.checkNegotiated(stack, kind.shape());
            }
            return new Handshake(wire, refusal(peers));
        }
    }

    /** One {@code size}-byte message of {@code suite} sent by {@code stack}: {ciphertext bytes, records}. */
    static int[] transfer(String stack, CipherSuite suite, int size) throws Exception {
        try (TlsPeers peers = TlsPeers.create(stack, TlsShape.forSuite(suite), false)) {
            peers.payload(new byte[size]);
            try (TlsPeers.Connection c = peers.connect(false)) {
                c.handshake();
                c.transfer(new java.io.ByteArrayOutputStream());
                return new int[] {c.lastWireBytes(), c.lastWireRecords()};
            }
        }
    }

    /** Why the client refused a certificate for {@link TlsPeers#HOST} when it expected another host, or null. */
    private static String refusal(TlsPeers peers) {
        try (TlsPeers.Connection c = peers.connect(false, WRONG_HOST)) {
            c.handshake();
            return null;
        } catch (Exception e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }
}
