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
 * TLS 1.2 AEAD record protection for one direction (RFC 5246 §6.2.3.3).
 * <ul>
 * <li>AES-GCM (RFC 5288 §3): nonce = 4-byte salt from the key block || 8-byte explicit nonce, which is the
 * sequence number (unique per key, as rustls, Go and OpenSSL do) and travels at the front of each fragment.</li>
 * <li>ChaCha20-Poly1305 (RFC 7905 §2): nonce = 12-byte IV XOR the left-padded sequence number, nothing explicit.</li>
 * </ul>
 * AAD is {@code seq_num(8) || type(1) || version(2) || plaintext length(2)}. The cipher runs on heap arrays (SunJCE's
 * GCM is several times faster there than on direct buffers): on the buffers' own arrays when they have one, else on a
 * per-thread {@link ScratchArray}, so the steady state allocates nothing beyond what the cipher API itself does.
 * {@link #open} decrypts into a new buffer from the fragment's allocator and releases the fragment (see
 * {@link OpenBuffers} for why not in place).
 */
public final class Tls12AeadProtection implements RecordProtection {

    private static final int AAD_LENGTH = 13;

    private final AeadAlgorithm algorithm;
    private final Aead aead;
    private final byte[] fixedIv;
    private final byte[] nonce = new byte[AeadAlgorithm.NONCE_LENGTH];
    private final byte[] aad = new byte[AAD_LENGTH];
    private final int explicitLength;
    /**
     * Identity hash of the last receive array a plaintext buffer turned out to share (a pooled chunk): records in it
     * are opened in place without asking the allocator first. A hash, not the array, so no chunk is kept alive.
     */
    private int sharedArray;
    private final RecordSequence sequence;

    public Tls12AeadProtection(AeadAlgorithm algorithm, AeadBackend backend, byte[] key, byte[] fixedIv) {
        this(algorithm, backend, key, fixedIv, 0);
    }

    /** Starts at {@code firstSequence} (an unsigned 64-bit value), so tests can reach the end of the sequence space. */
    Tls12AeadProtection(AeadAlgorithm algorithm, AeadBackend backend, byte[] key, byte[] fixedIv, long firstSequence) {
        if (fixedIv.length != algorithm.fixedIvLength()) {
            throw new IllegalArgumentException(algorithm + " needs a " + algorithm.fixedIvLength() + "-byte fixed IV, got " + fixedIv.length);
        }
        this.algorithm = algorithm;
        this.aead = backend.create(algorithm, key);
        this.fixedIv = fixedIv.clone();
        this.explicitLength = algorithm.explicitNonceLength();
        this.sequence = new RecordSequence(firstSequence);
        if (explicitLength > 0) {
            System.arraycopy(fixedIv, 0, nonce, 0, fixedIv.length);
        }
    }

    public AeadAlgorithm algorithm() {
        return algorithm;
    }

    @Override
    public int overhead() {
        return RecordHeader.LENGTH + explicitLength + AeadAlgorithm.TAG_LENGTH;
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
        int fragmentLength = explicitLength + len + AeadAlgorithm.TAG_LENGTH;
        out.ensureWritable(RecordHeader.LENGTH + fragmentLength);
        // Taken only once the record is sure to be written, so a full buffer does not cost a sequence number.
        long seq = sequence.next();
        int start = out.writerIndex();
        try {
            RecordHeader.write(out, type, RecordHeader.TLS12, fragmentLength);
            if (explicitLength > 0) {
                out.writeLong(seq);
            }
            setNonce(seq);
            setAad(seq, type, RecordHeader.TLS12, len);
            int at = out.writerIndex();
            if (out.hasArray()) {
                byte[] dst = out.array();
                int dstOff = out.arrayOffset() + at;
                if (plaintext.hasArray() && plaintext.array() != dst) {
                    aead.seal(nonce, aad, plaintext.array(), plaintext.arrayOffset() + from, len, dst, dstOff);
                } else {
                    plaintext.getBytes(from, dst, dstOff, len);
                    aead.seal(nonce, aad, dst, dstOff, len, dst, dstOff);
                }
                out.writerIndex(at + len + AeadAlgorithm.TAG_LENGTH);
            } else {
                byte[] s = scratch(len + AeadAlgorithm.TAG_LENGTH);
                plaintext.getBytes(from, s, 0, len);
                int n = aead.seal(nonce, aad, s, 0, len, s, 0);
                out.writeBytes(s, 0, n);
            }
        } catch (RuntimeException e) {
            out.writerIndex(start); // no half-written record in the caller's buffer
            throw e;
        }
    }

    @Override
    public PlainRecord open(OpaqueRecord record) {
        ByteBuf fragment = record.fragment();
        boolean handedOver = false;
        try {
            int fragmentLength = fragment.readableBytes();
            if (fragmentLength < explicitLength + AeadAlgorithm.TAG_LENGTH) {
                // RFC 5246 §6.2.3.3: an AEAD record too short to hold its nonce and tag fails like a bad MAC.
                throw new TlsAlertException(AlertDescription.BAD_RECORD_MAC,
                        record.type() + " record of " + fragmentLength + " bytes is too short for " + algorithm);
            }
            int cipherLength = fragmentLength - explicitLength;
            int plainLength = cipherLength - AeadAlgorithm.TAG_LENGTH;
            if (plainLength > MAX_PLAINTEXT) {
                throw new TlsAlertException(AlertDescription.RECORD_OVERFLOW,
                        record.type() + " record would decrypt to " + plainLength + " bytes, more than " + MAX_PLAINTEXT);
            }
            long seq = sequence.next();
            int at = fragment.readerIndex();
            if (explicitLength > 0) {
                fragment.getBytes(at, nonce, fixedIv.length, explicitLength);
            } else {
                setNonce(seq);
            }
            setAad(seq, record.type(), record.version(), plainLength);
            int cipherAt = at + explicitLength;
            byte[] in;
            int inOff;
            if (fragment.hasArray()) {
                in = fragment.array();
                inOff = fragment.arrayOffset() + cipherAt;
            } else {
                in = scratch(cipherLength);
                inOff = 0;
                fragment.getBytes(cipherAt, in, 0, cipherLength);
            }
            // Null: the new buffer shares the fragment's array (one pooled chunk), so open in place instead.
            ByteBuf out = null;
            if (!fragment.hasArray() || System.identityHashCode(in) != sharedArray) {
                out = OpenBuffers.separate(fragment, in, plainLength);
                if (out == null) {
                    sharedArray = System.identityHashCode(in);
                }
            }
            try {
                if (out != null) {
                    aead.open(nonce, aad, in, inOff, cipherLength, out.array(), out.arrayOffset() + out.writerIndex());
                } else {
                    aead.open(nonce, aad, in, inOff, cipherLength, in, inOff);
                }
            } catch (AeadTagException e) {
                OpenBuffers.release(out);
                throw new TlsAlertException(AlertDescription.BAD_RECORD_MAC,
                        record.type() + " record " + Long.toUnsignedString(seq) + " failed authentication", e);
            } catch (RuntimeException e) {
                OpenBuffers.release(out);
                throw e;
            }
            ByteBuf plaintext;
            if (out != null) {
                plaintext = out.writerIndex(out.writerIndex() + plainLength);
                fragment.release(); // the ciphertext is done with: let the receive buffer go now
                fragment = null;
            } else {
                // Opened in place: the fragment itself, narrowed to the plaintext (a slice would be one more object per record).
                plaintext = fragment.setIndex(cipherAt, cipherAt + plainLength);
            }
            PlainRecord plain = new PlainRecord(record.type(), plaintext);
            handedOver = true;
            return plain;
        } finally {
            if (!handedOver && fragment != null) {
                fragment.release();
            }
        }
    }

    private void setNonce(long seq) {
        if (explicitLength > 0) {
            putLong(nonce, fixedIv.length, seq);
        } else {
            System.arraycopy(fixedIv, 0, nonce, 0, nonce.length);
            for (int i = 0; i < 8; i++) {
                nonce[4 + i] ^= (byte) (seq >>> (56 - 8 * i));
            }
        }
    }

    private void setAad(long seq, ContentType type, int version, int length) {
        putLong(aad, 0, seq);
        aad[8] = (byte) type.code();
        aad[9] = (byte) (version >>> 8);
        aad[10] = (byte) version;
        aad[11] = (byte) (length >>> 8);
        aad[12] = (byte) length;
    }

    /** The thread's {@link ScratchArray}: a record is copied through it within one call. */
    private static byte[] scratch(int length) {
        return ScratchArray.get(length, MAX_PLAINTEXT + AeadAlgorithm.TAG_LENGTH);
    }

    private static void putLong(byte[] a, int off, long v) {
        for (int i = 0; i < 8; i++) {
            a[off + i] = (byte) (v >>> (56 - 8 * i));
        }
    }
}
