package io.reactls.benchmarks;

import io.reactls.CertificateGenerator;
import io.reactls.GeneratedPki;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import reactor.netty.DisposableServer;

/**
 * The server JVM of {@link ConnectionMemory}: one {@link LoopbackStacks#echoServer echo server} of the stack named by
 * its argument, driven line by line over stdin/stdout so that nothing but the server lives in its heap. Prints
 * {@code CA <base64 DER>} and {@code PORT <port>}, then answers {@code measure} with {@code HEAP <bytes used after
 * full GC> RSS <kB> HWM <kB>} and ends on {@code quit} (or end of input).
 */
public final class ConnectionMemoryServer {

    private ConnectionMemoryServer() {
    }

    public static void main(String[] args) throws Exception {
        GeneratedPki pki = CertificateGenerator.ec().ca("bench CA").leaf(TlsPeers.HOST);
        DisposableServer server = LoopbackStacks.echoServer(args[0], pki);
        System.out.println("CA " + Base64.getEncoder().encodeToString(pki.caCertificate().getEncoded()));
        System.out.println("PORT " + server.port());
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        try {
            for (String line; (line = in.readLine()) != null && !line.equals("quit"); ) {
                if (line.equals("measure")) {
                    long heap = heapAfterFullGc();
                    System.out.println("HEAP " + heap + " RSS " + status("VmRSS") + " HWM " + status("VmHWM"));
                    System.out.flush();
                }
            }
        } finally {
            server.dispose(); // the client may still be closing its connections: do not wait for them
        }
    }

    /**
     * Heap in use after full collections, the least of a few (a collection may catch an event loop mid-read);
     * {@code System.gc()} is a full, compacting collection on G1 and the other collectors of the JDK.
     */
    private static long heapAfterFullGc() throws InterruptedException {
        long least = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(300);
            least = Math.min(least, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return least;
    }

    /** A {@code kB} field of {@code /proc/self/status} (Linux), or -1. */
    private static long status(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.substring(field.length() + 1).replace("kB", "").trim());
                }
            }
        } catch (Exception e) {
            // not Linux: no RSS figures
        }
        return -1;
    }
}
