package io.reactls.handshake;

import io.reactls.TlsVersion;
import io.reactls.TlsAlertException;
import io.reactls.record.RecordProtection;
import io.reactls.wire.TlsReader;

/**
 * record_size_limit (RFC 8449): each side announces the largest protected record it is willing to receive, and the
 * other side cuts its protected records to fit. In TLS 1.3 the value counts the whole TLSInnerPlaintext, i.e. the
 * content plus the content-type byte (and padding, which we do not add), so 2^14 + 1 means "no reduction"; in TLS 1.2
 * it counts the plaintext, at most 2^14 (§4). Unprotected records are never limited.
 */
public final class RecordSizeLimit {

    /** The smallest value a peer may announce (§4: below 64 is an illegal_parameter). */
    public static final int MIN = 64;
    /** TLS 1.3's protocol maximum, what NSS and Firefox announce: "full-size records, and I understand the extension". */
    public static final int TLS13_MAX = RecordProtection.MAX_PLAINTEXT + 1;

    private RecordSizeLimit() {
    }

    public static byte[] encode(int limit) {
        return new byte[] {(byte) (limit >>> 8), (byte) limit};
    }

    public static int read(TlsReader r) {
        int limit = r.u16();
        if (limit < MIN) {
            throw TlsAlertException.illegalParameter("record_size_limit " + limit + " is below the minimum of " + MIN);
        }
        return limit;
    }

    /** The value we announce under {@code version}: TLS 1.2's maximum is 2^14, TLS 1.3's 2^14 + 1 (§4). */
    public static int announced(int configured, TlsVersion version) {
        return version == TlsVersion.TLS_1_3 ? configured : Math.min(configured, RecordProtection.MAX_PLAINTEXT);
    }

    /** Content bytes per protected record under a limit: TLS 1.3 spends one on the content type. */
    public static int maxContent(int limit, TlsVersion version) {
        int content = version == TlsVersion.TLS_1_3 ? limit - 1 : limit;
        return Math.min(content, RecordProtection.MAX_PLAINTEXT);
    }

    /**
     * Both sides sent the extension: our protected records carry at most what the peer's limit allows, and the peer's
     * at most what ours allows.
     */
    public static void negotiated(HandshakeContext ctx, int peerLimit, int ourLimit, TlsVersion version) {
        ctx.recordSizeLimits(maxContent(peerLimit, version), maxContent(ourLimit, version));
    }
}
