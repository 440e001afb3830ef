package io.reactls.record;

import io.reactls.AlertDescription;
import io.reactls.TlsAlertException;

/**
 * One direction's 64-bit record sequence number (RFC 5246 §6.1, RFC 8446 §5.3). It never wraps: after the last
 * value the connection must end, since a repeated number would repeat an AEAD nonce.
 */
final class RecordSequence {

    private long next;
    private boolean exhausted;

    /** Starts at {@code first} (unsigned), so tests can reach the end of the sequence space. */
    RecordSequence(long first) {
        this.next = first;
    }

    /** Returns the current number and advances. */
    long next() {
        if (exhausted) {
            throw new TlsAlertException(AlertDescription.INTERNAL_ERROR,
                    "64-bit record sequence number exhausted; the connection must be closed");
        }
        long seq = next;
        if (seq == -1L) {
            exhausted = true;
        } else {
            next = seq + 1;
        }
        return seq;
    }

    /** The number the next record will use (unsigned). */
    long peek() {
        return next;
    }

    boolean exhausted() {
        return exhausted;
    }
}
