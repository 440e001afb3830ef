package io.reactls.crypto;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import javax.crypto.Mac;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.SecretKeySpec;

/** HKDF (RFC 5869) and the TLS 1.3 labelled forms built on it (RFC 8446 §7.1). */
public final class Hkdf {

    /** Prepended to every TLS 1.3 label (RFC 8446 §7.1). */
    private static final byte[] TLS13_PREFIX = "tls13 ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EMPTY = new byte[0];

    private Hkdf() {
    }

    /** {@code HKDF-Extract(salt, IKM) = HMAC-Hash(salt, IKM)}; a null or empty salt means HashLen zeros (RFC 5869 §2.2). */
    public static byte[] extract(HashAlgorithm h, byte[] salt, byte[] ikm) {
        byte[] key = salt == null || salt.length == 0 ? new byte[h.length()] : salt;
        return hmac(h, key).doFinal(ikm == null ? EMPTY : ikm);
    }

    /** {@code HKDF-Expand(PRK, info, L)} (RFC 5869 §2.3): {@code T(i) = HMAC(PRK, T(i-1) | info | i)}. */
    public static byte[] expand(HashAlgorithm h, byte[] prk, byte[] info, int length) {
        int hashLen = h.length();
        if (length < 0 || length > 255 * hashLen) {
            throw new IllegalArgumentException("HKDF-Expand length " + length + " outside 0.." + 255 * hashLen);
        }
        Mac mac = hmac(h, prk);
        byte[] infoBytes = info == null ? EMPTY : info;
        byte[] out = new byte[length];
        byte[] t = new byte[hashLen];
        try {
            for (int i = 1, off = 0; off < length; i++, off += hashLen) {
                if (i > 1) {
                    mac.update(t);
                }
                mac.update(infoBytes);
                mac.update((byte) i);
                mac.doFinal(t, 0);
                System.arraycopy(t, 0, out, off, Math.min(hashLen, length - off));
            }
        } catch (ShortBufferException e) {
            throw new IllegalStateException("HMAC output buffer sized by the hash length", e);
        }
        return out;
    }

    /**
     * {@code HKDF-Expand-Label(Secret, Label, Context, Length)} (RFC 8446 §7.1): expands with the encoded
     * {@code HkdfLabel { uint16 length; opaque label<7..255> = "tls13 " + Label; opaque context<0..255>; }}.
     *
     * @param label without the {@code "tls13 "} prefix
     */
    public static byte[] expandLabel(HashAlgorithm h, byte[] secret, String label, byte[] context, int length) {
        byte[] labelBytes = label.getBytes(StandardCharsets.US_ASCII);
        byte[] ctx = context == null ? EMPTY : context;
        int fullLabel = TLS13_PREFIX.length + labelBytes.length;
        if (fullLabel > 255 || ctx.length > 255 || length > 0xFFFF) {
            throw new IllegalArgumentException("HkdfLabel out of range: label " + fullLabel + ", context " + ctx.length
                    + ", length " + length + " bytes");
        }
        byte[] info = new byte[2 + 1 + fullLabel + 1 + ctx.length];
        int p = 0;
        info[p++] = (byte) (length >>> 8);
        info[p++] = (byte) length;
        info[p++] = (byte) fullLabel;
        System.arraycopy(TLS13_PREFIX, 0, info, p, TLS13_PREFIX.length);
        p += TLS13_PREFIX.length;
        System.arraycopy(labelBytes, 0, info, p, labelBytes.length);
        p += labelBytes.length;
        info[p++] = (byte) ctx.length;
        System.arraycopy(ctx, 0, info, p, ctx.length);
        return expand(h, secret, info, length);
    }

    /**
     * {@code Derive-Secret(Secret, Label, Messages) = HKDF-Expand-Label(Secret, Label, Transcript-Hash(Messages), Hash.length)}
     * (RFC 8446 §7.1); the caller passes the transcript hash, not the messages.
     */
    public static byte[] deriveSecret(HashAlgorithm h, byte[] secret, String label, byte[] transcriptHash) {
        return expandLabel(h, secret, label, transcriptHash, h.length());
    }

    private static Mac hmac(HashAlgorithm h, byte[] key) {
        try {
            Mac mac = Mac.getInstance(h.hmacName());
            // SecretKeySpec refuses an empty key: HKDF keys are a salt of HashLen zeros or a derived secret, never empty.
            mac.init(new SecretKeySpec(key, h.hmacName()));
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("JDK lacks " + h.hmacName(), e);
        }
    }
}
