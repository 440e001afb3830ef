package io.reactls.handshake.tls13;

import java.util.HexFormat;

/** HelloRetryRequest is a ServerHello with this special random: SHA-256("HelloRetryRequest") (RFC 8446 §4.1.3). */
final class RetryRequest {

    static final byte[] RANDOM = HexFormat.of().parseHex(
            "cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c");

    private RetryRequest() {
    }
}
