package io.reactls;

import java.time.Instant;

/** One handshake step as it happened on this side of the connection. */
public record HandshakeEvent(HandshakeStep step, String detail, Instant at) {

    @Override
    public String toString() {
        return "(" + step.number() + ") " + step.title() + " — " + detail;
    }
}
