package io.reactls.handshake;

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

    Transcript transcript();

    Instant now();

    /** Frames {@code message}, adds it to the transcript and queues it under the current write protection. */
    void send(HandshakeMessage message);

    /** Queues ChangeCipherSpec, then switches outbound records to {@code protection}. */
    void sendChangeCipherSpec(RecordProtection protection);

    /** Switches inbound records to {@code protection} (the peer's ChangeCipherSpec arrived). */
    void changeReadProtection(RecordProtection protection);

    void event(HandshakeStep step, String detail);

    /** The handshake is over; application data may flow. */
    void complete(TlsSession session);
}
