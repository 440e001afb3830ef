package io.reactls.handshake.keylog;

import java.nio.file.Path;
import java.util.HexFormat;

/**
 * Where a connection's secrets go for debugging, in the NSS key log format that Wireshark/tshark, curl, OpenSSL, Go and
 * rustls share: one line {@code LABEL <client random> <secret>} per secret, both in lower-case hex, the client random
 * naming the connection. TLS 1.2 logs {@link #CLIENT_RANDOM} (the master secret); TLS 1.3 logs the two handshake
 * traffic secrets, the two first application traffic secrets and the exporter secret.
 *
 * <p>Anyone holding these lines can decrypt the connection: set a key log only while debugging. Configured on
 * {@code TlsConfig.Builder#keyLog}; {@link KeyLogFile} is the file sink.
 *
 * <p>Called on the connection's thread, possibly a non-blocking event loop, while the handshake runs: an
 * implementation must neither block nor throw (an exception fails the handshake). The arrays are copies it may keep.
 */
@FunctionalInterface
public interface KeyLog {

    /** TLS 1.2: the master secret. */
    String CLIENT_RANDOM = "CLIENT_RANDOM";
    /** TLS 1.3: {@code client_early_traffic_secret} (0-RTT data). */
    String CLIENT_EARLY_TRAFFIC_SECRET = "CLIENT_EARLY_TRAFFIC_SECRET";
    /** TLS 1.3: {@code client_handshake_traffic_secret}. */
    String CLIENT_HANDSHAKE_TRAFFIC_SECRET = "CLIENT_HANDSHAKE_TRAFFIC_SECRET";
    /** TLS 1.3: {@code server_handshake_traffic_secret}. */
    String SERVER_HANDSHAKE_TRAFFIC_SECRET = "SERVER_HANDSHAKE_TRAFFIC_SECRET";
    /** TLS 1.3: {@code client_application_traffic_secret_0}. */
    String CLIENT_TRAFFIC_SECRET_0 = "CLIENT_TRAFFIC_SECRET_0";
    /** TLS 1.3: {@code server_application_traffic_secret_0}. */
    String SERVER_TRAFFIC_SECRET_0 = "SERVER_TRAFFIC_SECRET_0";
    /** TLS 1.3: {@code exporter_master_secret}. */
    String EXPORTER_SECRET = "EXPORTER_SECRET";

    /**
     * One secret of the connection whose ClientHello carried {@code clientRandom}.
     *
     * @param label one of the constants of this interface
     */
    void log(String label, byte[] clientRandom, byte[] secret);

    /** The NSS key log line, without its line terminator. */
    static String line(String label, byte[] clientRandom, byte[] secret) {
        HexFormat hex = HexFormat.of();
        return label + ' ' + hex.formatHex(clientRandom) + ' ' + hex.formatHex(secret);
    }

    /** Appends to {@code file} (see {@link KeyLogFile#open}). */
    static KeyLog toFile(Path file) {
        return KeyLogFile.open(file);
    }
}
