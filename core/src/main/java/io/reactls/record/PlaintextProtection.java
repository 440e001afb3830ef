package io.reactls.record;

import io.netty.buffer.ByteBuf;
import io.reactls.AlertDescription;
import io.reactls.TlsAlertException;

/** The null cipher of epoch 0 (RFC 5246 §6.1): records carry plaintext until ChangeCipherSpec. */
public final class PlaintextProtection implements RecordProtection {

    private final int recordVersion;

    /** Writes records as TLS 1.2 (0x0303). */
    public PlaintextProtection() {
        this(RecordHeader.TLS12);
    }

    /** Writes records with {@code recordVersion}, e.g. 0x0301 for a first ClientHello that old middleboxes accept. */
    public PlaintextProtection(int recordVersion) {
        if ((recordVersion >>> 8) != 3 || recordVersion > 0x03FF) {
            throw new IllegalArgumentException("not a TLS record version: 0x" + Integer.toHexString(recordVersion));
        }
        this.recordVersion = recordVersion;
    }

    @Override
    public int overhead() {
        return RecordHeader.LENGTH;
    }

    @Override
    public void seal(ContentType type, ByteBuf plaintext, ByteBuf out) {
        int len = plaintext.readableBytes();
        if (len > MAX_PLAINTEXT) {
            throw new IllegalArgumentException(len + " bytes exceed one record's " + MAX_PLAINTEXT);
        }
        out.ensureWritable(RecordHeader.LENGTH + len);
        RecordHeader.write(out, type, recordVersion, len);
        out.writeBytes(plaintext, plaintext.readerIndex(), len);
    }

    @Override
    public PlainRecord open(OpaqueRecord record) {
        ByteBuf fragment = record.fragment();
        int len = fragment.readableBytes();
        if (len > MAX_PLAINTEXT) {
            fragment.release();
            throw new TlsAlertException(AlertDescription.RECORD_OVERFLOW,
                    "plaintext " + record.type() + " record of " + len + " bytes exceeds " + MAX_PLAINTEXT);
        }
        return new PlainRecord(record.type(), fragment);
    }

    @Override
    public boolean isProtected() {
        return false;
    }
}
