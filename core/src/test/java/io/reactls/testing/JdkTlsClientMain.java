package io.reactls.testing;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.HexFormat;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * The JDK's own TLS client as a separate JVM, for JVM-wide settings a test cannot change in its own JVM (they are
 * read once, e.g. {@code -Djdk.tls.useExtendedMasterSecret=false}). Arguments: port, CA file, host name,
 * protocol (TLSv1.2), connection count. Each connection (one SSLContext, so the JDK may resume) handshakes, prints
 * {@code connection N: PROTOCOL SUITE session=HEX}, echoes a line through the server and closes with
 * close_notify. A failure prints {@code failed: ...} and exits 1.
 */
public final class JdkTlsClientMain {

    /**
     * How long a wait that includes this JVM's start may take: on a loaded two-core machine its start and two
     * handshakes took 18 s, so a 30 s wait is too close.
     */
    public static final java.time.Duration STARTUP = java.time.Duration.ofSeconds(120);

    private JdkTlsClientMain() {
    }

    /** The command that runs this class with {@code jvmOptions}, on the test's own class path. */
    public static java.util.List<String> command(java.util.List<String> jvmOptions, String... args) {
        java.util.List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(java.util.List.of("-cp", System.getProperty("java.class.path"), JdkTlsClientMain.class.getName()));
        command.addAll(java.util.List.of(args));
        return command;
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        Path caFile = Path.of(args[1]);
        String host = args[2];
        String protocol = args[3];
        int connections = Integer.parseInt(args[4]);
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(caFile)) {
            int i = 0;
            for (Certificate ca : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                trust.setCertificateEntry("ca" + i++, ca);
            }
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        try {
            for (int n = 1; n <= connections; n++) {
                try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(LoopbackPorts.HOST, port)) {
                    SSLParameters params = socket.getSSLParameters();
                    params.setProtocols(new String[] {protocol});
                    params.setServerNames(java.util.List.of(new SNIHostName(host)));
                    params.setEndpointIdentificationAlgorithm("HTTPS");
                    socket.setSSLParameters(params);
                    socket.setSoTimeout(20_000);
                    socket.startHandshake();
                    System.out.println("connection " + n + ": " + socket.getSession().getProtocol() + " "
                            + socket.getSession().getCipherSuite() + " session="
                            + HexFormat.of().formatHex(socket.getSession().getId()));
                    byte[] line = ("jdk line " + n + "\n").getBytes(StandardCharsets.US_ASCII);
                    OutputStream out = socket.getOutputStream();
                    out.write(line);
                    out.flush();
                    byte[] echoed = socket.getInputStream().readNBytes(line.length);
                    if (!java.util.Arrays.equals(line, echoed)) {
                        throw new IllegalStateException("echo mismatch: " + new String(echoed, StandardCharsets.US_ASCII));
                    }
                }
            }
        } catch (Exception e) {
            System.out.println("failed: " + e);
            System.out.flush();
            System.exit(1);
        }
    }
}
