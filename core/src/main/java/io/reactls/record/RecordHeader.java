package io.reactls.record;

import io.netty.buffer.ByteBuf;

/** The five-byte record header (RFC 5246 §6.2.1): type, version, fragment length. */
public final class RecordHeader {

    public static final int LENGTH = 5;

    /** The record version reactls writes once a version is negotiated (TLS 1.2, and TLS 1.3's legacy_record_version). */
    public static final int TLS12 = 0x0303;

    /** The largest protected fragment TLS 1.2 allows (RFC 5246 §6.2.3). */
    public static final int MAX_TLS12_CIPHERTEXT = RecordProtection.MAX_PLAINTEXT + 2048;

    private RecordHeader() {
    }

    static void write(ByteBuf out, ContentType type, int version, int fragmentLength) {
        out.writeByte(type.code());
        out.writeShort(version);
        out.writeShort(fragmentLength);
    }
}
