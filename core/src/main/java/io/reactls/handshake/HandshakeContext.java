package io.reactls.handshake;

import io.reactls.HandshakeStep;
import io.reactls.PendingOperation;
import io.reactls.TlsSession;
import io.reactls.TlsVersion;
import io.reactls.record.RecordProtection;
import java.time.Instant;

/**
 * What handshake states may do to their connection. The engine implements it; states never see records or
 * buffers, only messages, keys and events.
 */
public interface HandshakeContext {

    TlsConfig config();

    /** The client's intended server name (SNI and hostname check); null on the server or when unset. */
    String serverName();

    /** The port of the server a client connects to, or -1 when unknown; keys the client's session cache. */
    default int serverPort() {
        return -1;
    }

    Transcript transcript();

    /**
     * Whether the driver does operations of {@code kind} rather than the engine: what a key without its private part
     * can serve depends on it (such a key decrypts an RSA key exchange only through the driver).
     */
    boolean handsOut(PendingOperation.Kind kind);

    Instant now();

    /** Frames {@code message}, adds it to the transcript and queues it under the current write protection. */
    void send(HandshakeMessage message);

    /** Queues ChangeCipherSpec, then switches outbound records to {@code protection}. */
    void sendChangeCipherSpec(RecordProtection protection);

    /** Switches inbound records to {@code protection} (the peer's ChangeCipherSpec arrived, or TLS 1.3 keys changed). */
    void changeReadProtection(RecordProtection protection);

    /** TLS 1.3: flushes what was queued under the old keys, then protects outbound records with {@code protection}. */
    void changeWriteProtection(RecordProtection protection);

    /** TLS 1.3 middlebox compatibility (RFC 8446 §D.4): a plaintext ChangeCipherSpec, keys unchanged. */
    void sendCompatibilityChangeCipherSpec();

    /** The version is settled (at ServerHello); the record layer applies its rules from now on. */
    void negotiated(TlsVersion version);

    /**
     * RFC 8449, negotiated: from now on protected records we send carry at most {@code sendContent} bytes of content,
     * and a protected record from the peer with more than {@code receiveContent} is a record_overflow.
     */
    void recordSizeLimits(int sendContent, int receiveContent);

    /** Sends a warning-level alert (TLS 1.2 no_renegotiation). */
    void sendWarning(io.reactls.AlertDescription description);

    void event(HandshakeStep step, String detail);

    /**
     * TLS 1.3 server that did not accept the client's 0-RTT data: drop the records it cannot decrypt (protected under
     * early traffic keys we do not have) until one decrypts, up to a bound (RFC 8446 §4.2.10).
     */
    void skipRejectedEarlyData();

    /** Server: bytes of 0-RTT data received so far (all of it once EndOfEarlyData has come). */
    default long earlyDataReceived() {
        return 0;
    }

    /** Client: bytes the application handed over to send as 0-RTT data, 0 for none. */
    default int earlyDataOffered() {
        return 0;
    }

    /** Client: writes the 0-RTT data under the current write protection (the early traffic keys). */
    default void sendEarlyData() {
        throw new IllegalStateException("no early data to send");
    }

    /**
     * Client: the server accepted the 0-RTT data, or not (then the engine sends it again as ordinary application data,
     * first thing after the handshake, RFC 8446 §4.2.10).
     */
    default void earlyDataAnswered(boolean accepted) {
    }

    /**
     * Hands one secret to the config's key log, if there is one ({@link io.reactls.handshake.keylog.KeyLog} labels),
     * as soon as it is derived: a capture can then be decrypted even when the handshake fails later.
     */
    default void logSecret(String label, byte[] clientRandom, byte[] secret) {
        io.reactls.handshake.keylog.KeyLog log = config().keyLog();
        if (log != null) {
            log.log(label, clientRandom.clone(), secret.clone());
        }
    }

    /** The exporter of this connection's keys; set once its secret is known, before {@link #complete}. */
    void exporter(KeyingMaterialExporter exporter);

    /** The handshake is over; application data may flow. */
    void complete(TlsSession session);
}
