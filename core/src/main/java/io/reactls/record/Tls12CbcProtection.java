package io.reactls.record;

import io.netty.buffer.ByteBuf;
import io.reactls.AlertDescription;
import io.reactls.TlsAlertException;
import io.reactls.crypto.CbcCipher;
import io.reactls.crypto.MacAlgorithm;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * TLS 1.2 CBC-HMAC record protection for one direction (RFC 5246 §6.2.3.2), opt-in for legacy peers.
 * <ul>
 * <li>Encrypt-then-MAC (RFC 7366) when negotiated: {@code IV || CBC(plaintext || padding) || HMAC}, the MAC over
 * {@code seq || type || version || length(IV + ciphertext) || IV || ciphertext}; the MAC is checked before anything
 * is decrypted.</li>
 * <li>Otherwise MAC-then-encrypt: {@code IV || CBC(plaintext || HMAC || padding)}. Opening it is written against
 * Lucky13 (RFC 7457 §2.8): the padding is checked without branching on its bytes, the MAC is always computed over
 * the same number of hash blocks whatever the padding says, MACs are compared with {@link MessageDigest#isEqual},
 * and every failure is the same {@code bad_record_mac}, raised in one place.</li>
 * </ul>
 * The IV is explicit and unpredictable: the cipher is never re-initialised, and each record starts by encrypting one
 * block drawn from the {@link SecureRandom}, whose ciphertext (random XOR the previous block, encrypted) is the record's
 * IV — RFC 4346 §6.2.3.2 option (2)(b). Opening feeds {@code IV || ciphertext} through the chained decryptor and
 * drops the first output block. So the steady state allocates nothing here (the JCE Mac allocates its digest).
 */
public final class Tls12CbcProtection implements RecordProtection {

    private static final int BLOCK = CbcCipher.BLOCK_LENGTH;
    private static final int MAC_HEADER_LENGTH = 13;
    /** The most padding bytes a record can carry (length byte included). */
    private static final int MAX_PADDING = 256;

    private final CbcCipher cipherAlgorithm;
    private final MacAlgorithm macAlgorithm;
    private final SecretKeySpec key;
    private final Mac mac;
    private final boolean encryptThenMac;
    private final SecureRandom random;
    private final int macLength;
    private final byte[] macHeader = new byte[MAC_HEADER_LENGTH];
    /** CSPRNG output drawn 64 blocks at a time: one SecureRandom call (and its allocations) per 64 records. */
    private final byte[] randomPool = new byte[64 * BLOCK];
    private int randomUsed = randomPool.length;
    private final byte[] computedMac;
    private final byte[] receivedMac;
    private final byte[] dummy;
    private Cipher encryptor;
    private Cipher decryptor;
    private byte[] in;
    private byte[] out;
    private final RecordSequence sequence = new RecordSequence(0);

    public Tls12CbcProtection(CbcCipher cipher, MacAlgorithm macAlgorithm, byte[] encryptionKey, byte[] macKey,
                              boolean encryptThenMac, SecureRandom random) {
        if (encryptionKey.length != cipher.keyLength() || macKey.length != macAlgorithm.length()) {
            throw new IllegalArgumentException(cipher + " with " + macAlgorithm + " needs a " + cipher.keyLength()
                    + "-byte key and a " + macAlgorithm.length() + "-byte MAC key");
        }
        this.cipherAlgorithm = cipher;
        this.macAlgorithm = macAlgorithm;
        this.key = new SecretKeySpec(encryptionKey, "AES");
        this.encryptThenMac = encryptThenMac;
        this.random = random;
        this.macLength = macAlgorithm.length();
        this.computedMac = new byte[macLength];
        this.receivedMac = new byte[macLength];
        this.dummy = new byte[(MAX_PADDING / macAlgorithm.blockLength() + 2) * macAlgorithm.blockLength()];
        try {
            this.mac = Mac.getInstance(macAlgorithm.jcaName());
            mac.init(new SecretKeySpec(macKey, macAlgorithm.jcaName()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks " + macAlgorithm.jcaName(), e);
        }
    }

    public boolean encryptThenMac() {
        return encryptThenMac;
    }

    @Override
    public int overhead() {
        // header, IV, MAC and at most one block of padding (we always pad minimally)
        return RecordHeader.LENGTH + BLOCK + macLength + BLOCK;
    }

    @Override
    public void seal(ContentType type, ByteBuf plaintext, ByteBuf sink) {
        int len = plaintext.readableBytes();
        if (len > MAX_PLAINTEXT) {
            throw new IllegalArgumentException(len + " bytes exceed one record's " + MAX_PLAINTEXT);
        }
        int padded = ((encryptThenMac ? len : len + macLength) + 1 + BLOCK - 1) / BLOCK * BLOCK;
        sink.ensureWritable(RecordHeader.LENGTH + BLOCK + padded + (encryptThenMac ? macLength : 0));
        long seq = sequence.next(); // only once the record fits, so a full sink costs no sequence number
        byte[] s = in();
        nextRandomBlock(s);
        plaintext.getBytes(plaintext.readerIndex(), s, BLOCK, len);
        int encrypted; // IV + ciphertext
        if (encryptThenMac) {
            encrypted = BLOCK + pad(s, BLOCK + len, len + 1);
        } else {
            setMacHeader(seq, type, RecordHeader.TLS12, len);
            mac.update(macHeader);
            mac.update(s, BLOCK, len);
            doFinal(s, BLOCK + len);
            encrypted = BLOCK + pad(s, BLOCK + len + macLength, len + macLength + 1);
        }
        byte[] o = out();
        encrypt(s, encrypted, o);
        int fragmentLength = encrypted;
        if (encryptThenMac) {
            setMacHeader(seq, type, RecordHeader.TLS12, encrypted);
            mac.update(macHeader);
            mac.update(o, 0, encrypted);
            doFinal(o, encrypted);
            fragmentLength += macLength;
        }
        RecordHeader.write(sink, type, RecordHeader.TLS12, fragmentLength);
        sink.writeBytes(o, 0, fragmentLength);
    }

    private void nextRandomBlock(byte[] to) {
        if (randomUsed == randomPool.length) {
            random.nextBytes(randomPool);
            randomUsed = 0;
        }
        System.arraycopy(randomPool, randomUsed, to, 0, BLOCK);
        java.util.Arrays.fill(randomPool, randomUsed, randomUsed + BLOCK, (byte) 0); // each block is used once
        randomUsed += BLOCK;
    }

    /** Appends minimal padding after {@code at} so that {@code contentLength} + padding fills whole blocks. */
    private static int pad(byte[] s, int at, int contentLength) {
        int padded = (contentLength + BLOCK - 1) / BLOCK * BLOCK;
        int padLength = padded - contentLength; // the padding_length byte is already counted in contentLength
        for (int i = 0; i <= padLength; i++) {
            s[at + i] = (byte) padLength;
        }
        return padded;
    }

    @Override
    public PlainRecord open(OpaqueRecord record) {
        ByteBuf fragment = record.fragment();
        boolean handedOver = false;
        try {
            int length = fragment.readableBytes();
            long seq = sequence.next();
            byte[] f = in();
            if (length > f.length) {
                throw new TlsAlertException(AlertDescription.RECORD_OVERFLOW,
                        record.type() + " record of " + length + " bytes is longer than TLS 1.2 allows");
            }
            fragment.getBytes(fragment.readerIndex(), f, 0, length);
            byte[] p = out();
            int plainLength = encryptThenMac ? openEncryptThenMac(record, seq, f, length, p)
                    : openMacThenEncrypt(record, seq, f, length, p);
            if (plainLength > MAX_PLAINTEXT) {
                throw new TlsAlertException(AlertDescription.RECORD_OVERFLOW,
                        record.type() + " record decrypts to " + plainLength + " bytes, more than " + MAX_PLAINTEXT);
            }
            PlainRecord plain = new PlainRecord(record.type(), writeBack(fragment, p, plainLength));
            handedOver = true;
            return plain;
        } finally {
            if (!handedOver) {
                fragment.release();
            }
        }
    }

    /** Puts the plaintext back into the fragment it came from (no buffer allocated), unless that is read-only. */
    private static ByteBuf writeBack(ByteBuf fragment, byte[] p, int length) {
        int at = fragment.readerIndex();
        if (!fragment.isReadOnly()) {
            fragment.setBytes(at, p, BLOCK, length);
            return fragment.slice(at, length);
        }
        ByteBuf copy = fragment.alloc().heapBuffer(length).writeBytes(p, BLOCK, length);
        fragment.release();
        return copy;
    }

    private int openEncryptThenMac(OpaqueRecord record, long seq, byte[] f, int length, byte[] p) {
        int encrypted = length - macLength;
        // Lengths are public: a fragment that cannot be IV + whole blocks + MAC fails before any work.
        if (encrypted < 2 * BLOCK || encrypted % BLOCK != 0) {
            throw badRecordMac(record, seq, length);
        }
        setMacHeader(seq, record.type(), record.version(), encrypted);
        mac.update(macHeader);
        mac.update(f, 0, encrypted);
        doFinal(computedMac, 0);
        System.arraycopy(f, encrypted, receivedMac, 0, macLength);
        if (!MessageDigest.isEqual(computedMac, receivedMac)) {
            throw badRecordMac(record, seq, length);
        }
        decrypt(f, encrypted, p);
        int content = encrypted - BLOCK;
        int padLength = p[BLOCK + content - 1] & 0xFF;
        int good = paddingMask(p, BLOCK, content, padLength, 0);
        if (good == 0) {
            throw badRecordMac(record, seq, length);
        }
        return content - padLength - 1;
    }

    private int openMacThenEncrypt(OpaqueRecord record, long seq, byte[] f, int length, byte[] p) {
        int minimum = BLOCK + (macLength + 1 + BLOCK - 1) / BLOCK * BLOCK;
        if (length < minimum || length % BLOCK != 0) {
            throw badRecordMac(record, seq, length);
        }
        decrypt(f, length, p);
        int content = length - BLOCK; // plaintext || MAC || padding, at p[BLOCK..]
        int padLength = p[BLOCK + content - 1] & 0xFF;
        int good = paddingMask(p, BLOCK, content, padLength, macLength);
        // Bad padding: MAC as if there were none, so the work below is the same either way.
        int plainLength = content - macLength - (good & (padLength + 1));
        setMacHeader(seq, record.type(), record.version(), plainLength);
        mac.update(macHeader);
        mac.update(p, BLOCK, plainLength);
        doFinal(computedMac, 0);
        // Lucky13: run the hash blocks a record with no padding would have needed, then throw them away.
        int blockLength = macAlgorithm.blockLength();
        int extra = macAlgorithm.compressions(blockLength + MAC_HEADER_LENGTH + content - macLength)
                - macAlgorithm.compressions(blockLength + MAC_HEADER_LENGTH + plainLength);
        mac.update(dummy, 0, extra * blockLength);
        mac.reset();
        System.arraycopy(p, BLOCK + plainLength, receivedMac, 0, macLength);
        good &= MessageDigest.isEqual(computedMac, receivedMac) ? -1 : 0;
        if (good == 0) {
            throw badRecordMac(record, seq, length);
        }
        return plainLength;
    }

    /**
     * -1 when {@code content} (at {@code p[from..]}) ends in {@code padLength + 1} bytes of value {@code padLength}
     * and still has room for {@code reserved} bytes before them, else 0. Always reads the last min(256, content)
     * bytes and never branches on their values.
     */
    static int paddingMask(byte[] p, int from, int content, int padLength, int reserved) {
        int good = lessOrEqual(padLength + 1 + reserved, content);
        int toCheck = Math.min(MAX_PADDING, content);
        int end = from + content - 1;
        for (int i = 0; i < toCheck; i++) {
            int inPadding = lessOrEqual(i, padLength);
            int differs = ~equal(p[end - i] & 0xFF, padLength);
            good &= ~(inPadding & differs);
        }
        return good;
    }

    /** -1 when {@code a <= b}, else 0 (both non-negative and below 2^30). */
    private static int lessOrEqual(int a, int b) {
        return (a - b - 1) >> 31;
    }

    /** -1 when a == b, else 0 (both bytes). */
    private static int equal(int a, int b) {
        return ((a ^ b) - 1) >> 31;
    }

    private TlsAlertException badRecordMac(OpaqueRecord record, long seq, int length) {
        return new TlsAlertException(AlertDescription.BAD_RECORD_MAC, record.type() + " record "
                + Long.toUnsignedString(seq) + " (" + length + " bytes) failed decryption or authentication");
    }

    private void encrypt(byte[] from, int length, byte[] to) {
        try {
            if (encryptor == null) {
                encryptor = chainedCipher(Cipher.ENCRYPT_MODE);
            }
            encryptor.update(from, 0, length, to, 0);
        } catch (ShortBufferException e) {
            throw new IllegalStateException("scratch buffer too small", e);
        }
    }

    private void decrypt(byte[] from, int length, byte[] to) {
        try {
            if (decryptor == null) {
                decryptor = chainedCipher(Cipher.DECRYPT_MODE);
            }
            decryptor.update(from, 0, length, to, 0);
        } catch (ShortBufferException e) {
            throw new IllegalStateException("scratch buffer too small", e);
        }
    }

    /** A CBC cipher initialised once; every record's first block re-seeds the chain (see the class comment). */
    private Cipher chainedCipher(int mode) {
        try {
            Cipher c = Cipher.getInstance("AES/CBC/NoPadding");
            c.init(mode, key, new IvParameterSpec(new byte[BLOCK]));
            return c;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot run " + cipherAlgorithm, e);
        }
    }

    private void doFinal(byte[] to, int at) {
        try {
            mac.doFinal(to, at);
        } catch (ShortBufferException e) {
            throw new IllegalStateException("MAC output buffer too small", e);
        }
    }

    private void setMacHeader(long seq, ContentType type, int version, int length) {
        for (int i = 0; i < 8; i++) {
            macHeader[i] = (byte) (seq >>> (56 - 8 * i));
        }
        macHeader[8] = (byte) type.code();
        macHeader[9] = (byte) (version >>> 8);
        macHeader[10] = (byte) version;
        macHeader[11] = (byte) (length >>> 8);
        macHeader[12] = (byte) length;
    }

    private byte[] in() {
        if (in == null) {
            in = new byte[RecordHeader.MAX_TLS12_CIPHERTEXT];
        }
        return in;
    }

    private byte[] out() {
        if (out == null) {
            out = new byte[RecordHeader.MAX_TLS12_CIPHERTEXT];
        }
        return out;
    }
}
