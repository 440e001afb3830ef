package io.reactls.record;

import io.netty.buffer.ByteBuf;
import io.reactls.AlertDescription;
import io.reactls.TlsAlertException;
import io.reactls.crypto.Aead;
import io.reactls.crypto.AeadAlgorithm;
import io.reactls.crypto.AeadBackend;
import io.reactls.crypto.AeadTagException;
import io.reactls.crypto.ScratchArray;

/**
 * TLS 1.3 record protection for one direction and one traffic secret (RFC 8446 §5.2-5.3).
 * <ul>
 * <li>Every protected record goes out as {@code application_data}, version 0x0303; the real content type travels
 * encrypted at the end of {@code TLSInnerPlaintext = content || type || zeros}. This side never pads.</li>
 * <li>Nonce = the 12-byte IV XOR the sequence number left-padded to 12 bytes; AAD = the 5-byte record header.</li>
 * </ul>
 * Like {@link Tls12AeadProtection} the cipher runs on heap arrays: the buffers' own when they have one, else one
 * per-thread {@link ScratchArray}, so the steady state allocates nothing beyond what the cipher API itself does.
 * {@link #open} decrypts into a new buffer from the fragment's allocator and releases the fragment (see
 * {@link OpenBuffers} for why not in place).
 * <p>
 * The compatibility-mode ChangeCipherSpec (RFC 8446 §D.4) arrives unprotected: the caller must drop it before
 * {@link #open}, which refuses every outer type but application_data.
 */
public final class Tls13AeadProtection implements RecordProtection {

    /** The largest protected fragment TLS 1.3 allows (RFC 8446 §5.2). */
    public static final int MAX_CIPHERTEXT = MAX_PLAINTEXT + 256;

    private static final int AAD_LENGTH = RecordHeader.LENGTH;
    private static final int TYPE_LENGTH = 1;
    /** RFC 8446 §5.5 allows 2^24.5 full-size AES-GCM records per key; round down to leave margin. */
    private static final long GCM_RECORD_LIMIT = 1L << 24;
    /** ChaCha20-Poly1305 has no practical limit (RFC 8446 §5.5); still update well before the 64-bit sequence wraps. */
    private static final long CHACHA_RECORD_LIMIT = 1L << 62;

    private final AeadAlgorithm algorithm;
    private final Aead aead;
    private final byte[] iv;
    private final byte[] nonce = new byte[AeadAlgorithm.NONCE_LENGTH];
    private final byte[] aad = new byte[AAD_LENGTH];
    private final long recordLimit;
    /**
     * Identity hash of the last receive array a plaintext buffer turned out to share (a pooled chunk): records in it
     * are opened in place without asking the allocator first. A hash, not the array, so no chunk is kept alive.
     */
    private int sharedArray;
    private final RecordSequence sequence;
    private int maxInnerPlaintext = MAX_PLAINTEXT + 1;

    public Tls13AeadProtection(AeadAlgorithm algorithm, AeadBackend backend, byte[] key, byte[] iv) {
        this(algorithm, backend, key, iv, 0);
    }

    /** Starts at {@code firstSequence} (an unsigned 64-bit value), so tests can reach the end of the sequence space. */
    Tls13AeadProtection(AeadAlgorithm algorithm, AeadBackend backend, byte[] key, byte[] iv, long firstSequence) {
        if (iv.length != AeadAlgorithm.NONCE_LENGTH) {
            throw new IllegalArgumentException("TLS 1.3 needs a " + AeadAlgorithm.NONCE_LENGTH + "-byte IV, got " + iv.length);
        }
        this.algorithm = algorithm;
        this.aead = backend.create(algorithm, key);
        this.iv = iv.clone();
        this.sequence = new RecordSequence(firstSequence);
        this.recordLimit = algorithm == AeadAlgorithm.CHACHA20_POLY1305 ? CHACHA_RECORD_LIMIT : GCM_RECORD_LIMIT;
    }

    public AeadAlgorithm algorithm() {
        return algorithm;
    }

    /**
     * The largest TLSInnerPlaintext (content, type byte and padding) {@link #open} accepts: 2^14 + 1 (RFC 8446 §5.4)
     * unless we announced a smaller record_size_limit (RFC 8449 §4). Larger records are record_overflow.
     */
    @Override
    public void limitInnerPlaintext(int max) {
        if (max < 1 || max > MAX_PLAINTEXT + 1) {
            throw new IllegalArgumentException("TLSInnerPlaintext limit " + max + " outside 1.." + (MAX_PLAINTEXT + 1));
        }
        maxInnerPlaintext = max;
    }

    /** The sequence number the next record will use (unsigned), which is also the count of records sealed or opened so far. */
    public long sequenceNumber() {
        return sequence.peek();
    }

    /** {@link #sequenceNumber()} saturated to an int. */
    public int recordsProcessed() {
        long next = sequence.peek();
        return Long.compareUnsigned(next, Integer.MAX_VALUE) >= 0 || sequence.exhausted() ? Integer.MAX_VALUE : (int) next;
    }

    /** True once this key has protected as many records as it safely may (RFC 8446 §5.5): time for a KeyUpdate. */
    public boolean keyUpdateDue() {
        return sequence.exhausted() || Long.compareUnsigned(sequence.peek(), recordLimit) >= 0;
    }

    @Override
    public int overhead() {
        return RecordHeader.LENGTH + TYPE_LENGTH + AeadAlgorithm.TAG_LENGTH;
    }

    @Override
    public void seal(ContentType type, ByteBuf plaintext, ByteBuf out) {
        seal(type, plaintext, plaintext.readerIndex(), plaintext.readableBytes(), out);
    }

    @Override
    public void seal(ContentType type, ByteBuf plaintext, int from, int len, ByteBuf out) {
        if (len > MAX_PLAINTEXT) {
            throw new IllegalArgumentException(len + " bytes exceed one record's " + MAX_PLAINTEXT);
        }
        if (type == ContentType.CHANGE_CIPHER_SPEC) {
            throw new IllegalArgumentException("TLS 1.3 never protects change_cipher_spec; the compatibility one goes in the clear");
        }
        if (len == 0 && type != ContentType.APPLICATION_DATA) {
            // RFC 8446 §5.4: the peer must reject a zero-length handshake or alert record.
            throw new IllegalArgumentException("empty " + type + " record");
        }
        int innerLength = len + TYPE_LENGTH;
        int fragmentLength = innerLength + AeadAlgorithm.TAG_LENGTH;
        out.ensureWritable(RecordHeader.LENGTH + fragmentLength);
        // Taken only once the record is sure to be written, so a full buffer does not cost a sequence number.
        long seq = sequence.next();
        int start = out.writerIndex();
        try {
            RecordHeader.write(out, ContentType.APPLICATION_DATA, RecordHeader.TLS12, fragmentLength);
            setNonce(seq);
            setAad(RecordHeader.TLS12, fragmentLength);
            int at = out.writerIndex();
            if (out.hasArray()) {
                // The type byte must follow the content, so the content is copied next to it and sealed in place.
                byte[] dst = out.array();
                int off = out.arrayOffset() + at;
                plaintext.getBytes(from, dst, off, len);
                dst[off + len] = (byte) type.code();
                aead.seal(nonce, aad, dst, off, innerLength, dst, off);
                out.writerIndex(at + fragmentLength);
            } else {
                byte[] s = scratch(fragmentLength);
                plaintext.getBytes(from, s, 0, len);
                s[len] = (byte) type.code();
                int n = aead.seal(nonce, aad, s, 0, innerLength, s, 0);
                out.writeBytes(s, 0, n);
            }
        } catch (RuntimeException e) {
            out.writerIndex(start); // no half-written record in the caller's buffer
            throw e;
        }
    }

    /**
     * Seals a ready-made TLSInnerPlaintext (content, type byte, padding) exactly as given, with the next sequence
     * number. Package-private for tests: the fuzz targets reach padding and unknown inner types through it.
     */
    void sealInnerPlaintext(byte[] inner, ByteBuf out) {
        int fragmentLength = inner.length + AeadAlgorithm.TAG_LENGTH;
        long seq = sequence.next();
        RecordHeader.write(out, ContentType.APPLICATION_DATA, RecordHeader.TLS12, fragmentLength);
        setNonce(seq);
        setAad(RecordHeader.TLS12, fragmentLength);
        byte[] sealed = new byte[fragmentLength];
        int n = aead.seal(nonce, aad, inner, 0, inner.length, sealed, 0);
        out.writeBytes(sealed, 0, n);
    }

    @Override
    public PlainRecord open(OpaqueRecord record) {
        return open(record, false);
    }

    /**
     * Like {@link #open}, but a record that does not authenticate returns null (fragment released) and leaves the
     * sequence number where it was: a TLS 1.3 server skipping 0-RTT data it rejected (RFC 8446 §4.2.10).
     */
    @Override
    public PlainRecord tryOpen(OpaqueRecord record) {
        return open(record, true);
    }

    private PlainRecord open(OpaqueRecord record, boolean trial) {
        ByteBuf fragment = record.fragment();
        boolean handedOver = false;
        try {
            if (record.type() != ContentType.APPLICATION_DATA) {
                throw TlsAlertException.unexpectedMessage(
                        "TLS 1.3 protected record with outer type " + record.type() + " instead of application_data");
            }
            int cipherLength = fragment.readableBytes();
            if (cipherLength > MAX_CIPHERTEXT) {
                throw new TlsAlertException(AlertDescription.RECORD_OVERFLOW,
                        "protected record of " + cipherLength + " bytes exceeds " + MAX_CIPHERTEXT);
            }
            if (cipherLength - AeadAlgorithm.TAG_LENGTH > maxInnerPlaintext) {
                // §5.4: TLSInnerPlaintext, padding included, is at most 2^14 + 1 bytes (or the record_size_limit we announced).
                throw new TlsAlertException(AlertDescription.RECORD_OVERFLOW, "protected record carries a TLSInnerPlaintext of "
                        + (cipherLength - AeadAlgorithm.TAG_LENGTH) + " bytes, more than " + maxInnerPlaintext);
            }
            if (cipherLength < AeadAlgorithm.TAG_LENGTH) {
                throw new TlsAlertException(AlertDescription.BAD_RECORD_MAC,
                        "protected record of " + cipherLength + " bytes is too short for " + algorithm);
            }
            long seq = trial ? sequence.peek() : sequence.next();
            setNonce(seq);
            setAad(record.version(), cipherLength);
            int at = fragment.readerIndex();
            byte[] in;
            int inOff;
            if (fragment.hasArray()) {
                in = fragment.array();
                inOff = fragment.arrayOffset() + at;
            } else {
                in = scratch(cipherLength);
                inOff = 0;
                fragment.getBytes(at, in, 0, cipherLength);
            }
            // Null: the new buffer shares the fragment's array (one pooled chunk), so open in place instead.
            ByteBuf out = null;
            if (!fragment.hasArray() || System.identityHashCode(in) != sharedArray) {
                out = OpenBuffers.separate(fragment, in, cipherLength - AeadAlgorithm.TAG_LENGTH);
                if (out == null) {
                    sharedArray = System.identityHashCode(in);
                }
            }
            byte[] a = out == null ? in : out.array();
            int off = out == null ? inOff : out.arrayOffset() + out.writerIndex();
            int innerLength;
            try {
                innerLength = aead.open(nonce, aad, in, inOff, cipherLength, a, off);
            } catch (AeadTagException e) {
                OpenBuffers.release(out);
                if (trial) {
                    return null;
                }
                throw new TlsAlertException(AlertDescription.BAD_RECORD_MAC,
                        "record " + Long.toUnsignedString(seq) + " failed authentication", e);
            } catch (RuntimeException e) {
                OpenBuffers.release(out);
                throw e;
            }
            if (trial) {
                sequence.next(); // authenticated: this record used the sequence number
            }
            ContentType type;
            int contentLength;
            try {
                // RFC 8446 §5.4: the content type is the last non-zero byte; everything after it is padding.
                int typeAt = innerLength - 1;
                while (typeAt >= 0 && a[off + typeAt] == 0) {
                    typeAt--;
                }
                if (typeAt < 0) {
                    throw TlsAlertException.unexpectedMessage("record " + Long.toUnsignedString(seq) + " has no content type, only padding");
                }
                contentLength = typeAt;
                type = innerType(a[off + typeAt] & 0xFF);
                if (contentLength > MAX_PLAINTEXT) {
                    throw new TlsAlertException(AlertDescription.RECORD_OVERFLOW,
                            type + " record of " + contentLength + " bytes exceeds " + MAX_PLAINTEXT);
                }
                if (contentLength == 0 && type != ContentType.APPLICATION_DATA) {
                    throw TlsAlertException.unexpectedMessage("empty " + type + " record (RFC 8446 §5.4)");
                }
            } catch (RuntimeException e) {
                OpenBuffers.release(out);
                throw e;
            }
            ByteBuf plaintext;
            if (out != null) {
                plaintext = out.writerIndex(out.writerIndex() + contentLength);
                fragment.release(); // the ciphertext is done with: let the receive buffer go now
                fragment = null;
            } else {
                // Opened in place: the fragment itself, narrowed to the content (a slice would be one more object per record).
                plaintext = fragment.setIndex(at, at + contentLength);
            }
            PlainRecord plain = new PlainRecord(type, plaintext);
            handedOver = true;
            return plain;
        } finally {
            if (!handedOver && fragment != null) {
                fragment.release();
            }
        }
    }

    /** The inner content type; change_cipher_spec is never protected in TLS 1.3 (RFC 8446 §5), and unknown types are refused. */
    private static ContentType innerType(int code) {
        ContentType type = ContentType.fromCode(code);
        if (type == null || type == ContentType.CHANGE_CIPHER_SPEC) {
            throw TlsAlertException.unexpectedMessage("protected record with inner content type " + code);
        }
        return type;
    }

    private void setNonce(long seq) {
        System.arraycopy(iv, 0, nonce, 0, nonce.length);
        for (int i = 0; i < 8; i++) {
            nonce[4 + i] ^= (byte) (seq >>> (56 - 8 * i));
        }
    }

    private void setAad(int version, int fragmentLength) {
        aad[0] = (byte) ContentType.APPLICATION_DATA.code();
        aad[1] = (byte) (version >>> 8);
        aad[2] = (byte) version;
        aad[3] = (byte) (fragmentLength >>> 8);
        aad[4] = (byte) fragmentLength;
    }

    /** The thread's {@link ScratchArray}: a record is copied through it within one call. */
    private static byte[] scratch(int length) {
        return ScratchArray.get(length, MAX_CIPHERTEXT);
    }

    @Override
    public boolean hasOpenedNothing() {
        return sequenceNumber() == 0;
    }

    @Override
    public boolean keyUpdateDue(long recordsBeforeUpdate) {
        return keyUpdateDue() || Long.compareUnsigned(sequenceNumber(), recordsBeforeUpdate) >= 0;
    }
}
