package io.reactls.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/** Free ports on 127.0.0.1 and a way to see that a subprocess is listening without connecting to it. */
public final class LoopbackPorts {

    public static final String HOST = "127.0.0.1";

    private LoopbackPorts() {
    }

    /** A port that was free a moment ago (callers retry if someone takes it in between). */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on " + HOST, e);
        }
    }

    /**
     * A port of 127.0.0.1 that refuses connections for as long as the returned socket stays open: bound, so no one
     * else gets it, but not listening. For "the responder is down" without a free port someone might take meanwhile.
     */
    public static Socket refusingPort() {
        Socket socket = new Socket();
        try {
            socket.bind(new InetSocketAddress(InetAddress.getByName(HOST), 0));
            return socket;
        } catch (IOException e) {
            try {
                socket.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw new UncheckedIOException("no free port on " + HOST, e);
        }
    }

    /**
     * Whether a socket listens on {@code port}, read from /proc/net/tcp. A probe connection would be the obvious
     * check, but it would use up an {@code openssl s_server -naccept 1}.
     */
    public static boolean isListening(int port) {
        String hexPort = ":" + String.format(Locale.ROOT, "%04X", port);
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/net/tcp"));
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.trim().split("\\s+");
                // f[1] local address (hex ip:port), f[3] state; 0A is TCP_LISTEN.
                if (f.length > 3 && f[1].endsWith(hexPort) && f[3].equals("0A")) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read /proc/net/tcp (the interop harness needs Linux)", e);
        }
    }

    /**
     * Whether process {@code pid} itself listens on 127.0.0.1:{@code port} (or on every IPv4 address), not merely
     * someone: the port may have gone to another process between {@link #freePort} and this one's bind, and then this
     * one exits, or (gnutls-serv) goes on listening on IPv6 only, where the tests do not connect.
     */
    public static boolean isListening(int port, long pid) {
        String hexPort = ":" + String.format(Locale.ROOT, "%04X", port);
        Set<String> inodes = new HashSet<>();
        // 127.0.0.1 or 0.0.0.0; and ::ffff:127.0.0.1, which is how a JVM's dual-stack socket bound to 127.0.0.1 shows.
        inodes.addAll(listeningInodes(Path.of("/proc/net/tcp"), Set.of("0100007F" + hexPort, "00000000" + hexPort)));
        inodes.addAll(listeningInodes(Path.of("/proc/net/tcp6"), Set.of("0000000000000000FFFF00000100007F" + hexPort)));
        if (inodes.isEmpty()) {
            return false;
        }
        try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            return fds.anyMatch(fd -> {
                try {
                    String target = Files.readSymbolicLink(fd).toString(); // socket:[inode]
                    return target.startsWith("socket:[") && inodes.contains(target.substring(8, target.length() - 1));
                } catch (IOException e) {
                    return false; // closed meanwhile
                }
            });
        } catch (IOException e) {
            return false; // the process is gone
        }
    }

    /** The inodes of the listening sockets in {@code table} (/proc/net/tcp or tcp6) on one of {@code addresses}. */
    private static Set<String> listeningInodes(Path table, Set<String> addresses) {
        Set<String> inodes = new HashSet<>();
        try {
            List<String> lines = Files.readAllLines(table);
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.trim().split("\\s+");
                // f[1] local address, f[3] state (0A is TCP_LISTEN), f[9] the socket's inode.
                if (f.length > 9 && addresses.contains(f[1]) && f[3].equals("0A")) {
                    inodes.add(f[9]);
                }
            }
            return inodes;
        } catch (IOException e) {
            if (Files.exists(table)) {
                throw new UncheckedIOException("cannot read " + table + " (the interop harness needs Linux)", e);
            }
            return inodes; // no IPv6 on this machine
        }
    }

    /** Polls {@code condition} until it holds or {@code timeout} passes. */
    public static boolean poll(BooleanSupplier condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
        return true;
    }
}
