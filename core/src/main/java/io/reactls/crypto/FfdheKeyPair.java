package io.reactls.crypto;

import io.reactls.NamedGroup;
import io.reactls.TlsAlertException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import javax.crypto.KeyAgreement;
import javax.crypto.interfaces.DHPublicKey;
import javax.crypto.spec.DHParameterSpec;
import javax.crypto.spec.DHPublicKeySpec;
import org.bouncycastle.crypto.agreement.DHStandardGroups;
import org.bouncycastle.crypto.params.DHParameters;

/**
 * An ephemeral key pair over an RFC 7919 finite-field group, for TLS 1.3 (RFC 8446 §4.2.8.1): the public value and
 * the shared secret are big-endian and left-padded to the length of p. A peer value outside
 * {@code 1 < Y < p-1} is an {@code illegal_parameter} (RFC 7919 §5.1). The groups are Bouncy Castle's
 * {@link DHStandardGroups}; key generation and agreement are the JDK's {@code DH} {@link KeyAgreement}. The private
 * exponent is short, as RFC 7919 §5.2 allows: twice the group's security strength in bits, which keeps even
 * ffdhe8192 fast.
 */
public final class FfdheKeyPair implements KeyShare {

    private final NamedGroup group;
    private final DHParameterSpec params;
    private final KeyPair keys;
    private final byte[] publicKey;

    private FfdheKeyPair(NamedGroup group, DHParameterSpec params, KeyPair keys) {
        this.group = group;
        this.params = params;
        this.keys = keys;
        this.publicKey = pad(((DHPublicKey) keys.getPublic()).getY(), length(params.getP()));
    }

    /**
     * A fresh key pair over {@code group}.
     *
     * @param group one of the ffdhe groups
     * @param random the source of the private exponent
     * @return the key pair
     * @throws IllegalArgumentException when {@code group} is not a finite-field group
     */
    public static FfdheKeyPair generate(NamedGroup group, SecureRandom random) {
        DHParameterSpec params = params(group);
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("DH");
            generator.initialize(params, random);
            return new FfdheKeyPair(group, params, generator.generateKeyPair());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK's DH cannot generate a " + group.rfcName() + " key", e);
        }
    }

    @Override
    public NamedGroup group() {
        return group;
    }

    @Override
    public byte[] publicKey() {
        return publicKey.clone();
    }

    @Override
    public byte[] agree(byte[] peerPublic) {
        BigInteger p = params.getP();
        int len = length(p);
        if (peerPublic.length != len) {
            throw TlsAlertException.illegalParameter(group.rfcName() + " key share must be " + len + " bytes, got " + peerPublic.length);
        }
        BigInteger y = new BigInteger(1, peerPublic);
        // Checked here, before the JDK (which checks too), so the peer gets illegal_parameter with a reason.
        if (y.compareTo(BigInteger.ONE) <= 0 || y.compareTo(p.subtract(BigInteger.ONE)) >= 0) {
            throw TlsAlertException.illegalParameter(group.rfcName() + " key share is outside 1 < Y < p-1");
        }
        try {
            PublicKey peer = KeyFactory.getInstance("DH").generatePublic(new DHPublicKeySpec(y, p, params.getG()));
            KeyAgreement agreement = KeyAgreement.getInstance("DH");
            agreement.init(keys.getPrivate());
            agreement.doPhase(peer, true);
            return pad(new BigInteger(1, agreement.generateSecret()), len);
        } catch (GeneralSecurityException e) {
            throw TlsAlertException.illegalParameter(group.rfcName() + " key share rejected: " + e.getMessage());
        }
    }

    private static int length(BigInteger p) {
        return (p.bitLength() + 7) / 8;
    }

    private static byte[] pad(BigInteger v, int len) {
        byte[] raw = v.toByteArray();
        byte[] out = new byte[len];
        int copy = Math.min(raw.length, len);
        System.arraycopy(raw, raw.length - copy, out, len - copy, copy);
        return out;
    }

    /** The group's p and g from Bouncy Castle, with RFC 7919 §5.2's suggested private exponent size. */
    static DHParameterSpec params(NamedGroup group) {
        DHParameters bc = switch (group) {
            case FFDHE2048 -> DHStandardGroups.rfc7919_ffdhe2048;
            case FFDHE3072 -> DHStandardGroups.rfc7919_ffdhe3072;
            case FFDHE4096 -> DHStandardGroups.rfc7919_ffdhe4096;
            case FFDHE6144 -> DHStandardGroups.rfc7919_ffdhe6144;
            case FFDHE8192 -> DHStandardGroups.rfc7919_ffdhe8192;
            default -> throw new IllegalArgumentException(group.rfcName() + " is not a finite-field group");
        };
        return new DHParameterSpec(bc.getP(), bc.getG(), exponentBits(group));
    }

    private static int exponentBits(NamedGroup group) {
        return switch (group) {
            case FFDHE2048 -> 225;
            case FFDHE3072 -> 275;
            case FFDHE4096 -> 325;
            case FFDHE6144 -> 375;
            default -> 400;
        };
    }
}
