package io.reactls.crypto;

import io.reactls.NamedGroup;
import io.reactls.TlsAlertException;
import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.XECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.NamedParameterSpec;
import java.security.spec.XECPublicKeySpec;
import java.util.EnumMap;
import java.util.Map;
import javax.crypto.KeyAgreement;

/**
 * An ephemeral ECDHE key pair on a JCA provider ({@code KeyPairGenerator} + {@code KeyAgreement}): the JDK's SunEC
 * or the native backend, whichever {@link CryptoProviders} measured faster for the group. The wire forms and the
 * checks on the peer's key are those of {@link EcdheKeyPair}: x25519 keys are 32 little-endian bytes, NIST keys
 * uncompressed points that must lie on the curve, and an all-zero or infinite result is an {@code illegal_parameter}.
 */
final class JceEcdheKeyPair implements KeyShare {

    private static final Map<NamedGroup, ECParameterSpec> CURVES = new EnumMap<>(NamedGroup.class);

    private final NamedGroup group;
    private final Provider provider;
    private final PrivateKey privateKey;
    private final byte[] publicKey;

    private JceEcdheKeyPair(NamedGroup group, Provider provider, PrivateKey privateKey, byte[] publicKey) {
        this.group = group;
        this.provider = provider;
        this.privateKey = privateKey;
        this.publicKey = publicKey;
    }

    /** A new key pair; {@code provider} null means the JDK's own lookup. */
    static JceEcdheKeyPair generate(NamedGroup group, Provider provider, SecureRandom random) {
        boolean x25519 = group == NamedGroup.X25519;
        try {
            KeyPairGenerator generator = x25519 ? keyPairGenerator("XDH", provider) : keyPairGenerator("EC", provider);
            generator.initialize(x25519 ? NamedParameterSpec.X25519 : new ECGenParameterSpec(group.rfcName()), random);
            KeyPair pair = generator.generateKeyPair();
            byte[] wire = x25519 ? encodeU(((XECPublicKey) pair.getPublic()).getU())
                    : encodePoint(((ECPublicKey) pair.getPublic()).getW(),
                            EcdhePeerKeys.fieldBytes(EcdhePeerKeys.curve(group)));
            return new JceEcdheKeyPair(group, provider, pair.getPrivate(), wire);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate a " + group.rfcName() + " key pair", e);
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
        PublicKey peer = group == NamedGroup.X25519 ? x25519Key(peerPublic) : ecKey(peerPublic);
        try {
            KeyAgreement agreement = provider == null
                    ? KeyAgreement.getInstance(group == NamedGroup.X25519 ? "XDH" : "ECDH")
                    : KeyAgreement.getInstance(group == NamedGroup.X25519 ? "XDH" : "ECDH", provider);
            agreement.init(privateKey);
            agreement.doPhase(peer, true);
            byte[] secret = agreement.generateSecret();
            if (isZero(secret)) {
                throw TlsAlertException.illegalParameter(group.rfcName() + " shared secret is all zeros");
            }
            return secret;
        } catch (InvalidKeyException e) {
            // SunEC refuses low-order x25519 points ("small order") and off-curve or infinite NIST results this way.
            throw TlsAlertException.illegalParameter(group.rfcName() + " public key rejected: " + e.getMessage());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot agree on " + group.rfcName(), e);
        }
    }

    private PublicKey x25519Key(byte[] peerPublic) {
        EcdhePeerKeys.checkX25519(peerPublic);
        byte[] bigEndian = new byte[32];
        for (int i = 0; i < 32; i++) {
            bigEndian[i] = peerPublic[31 - i];
        }
        bigEndian[0] &= 0x7F; // RFC 7748 §5: the top bit of the u-coordinate is ignored
        try {
            return keyFactory("XDH").generatePublic(new XECPublicKeySpec(NamedParameterSpec.X25519, new BigInteger(1, bigEndian)));
        } catch (GeneralSecurityException e) {
            throw TlsAlertException.illegalParameter("x25519 public key rejected: " + e.getMessage());
        }
    }

    private PublicKey ecKey(byte[] peerPublic) {
        org.bouncycastle.math.ec.ECPoint q = EcdhePeerKeys.nistPoint(group, peerPublic);
        ECPoint w = new ECPoint(q.getAffineXCoord().toBigInteger(), q.getAffineYCoord().toBigInteger());
        try {
            return keyFactory("EC").generatePublic(new ECPublicKeySpec(w, curve(group)));
        } catch (GeneralSecurityException e) {
            throw TlsAlertException.illegalParameter(group.rfcName() + " public key rejected: " + e.getMessage());
        }
    }

    private KeyFactory keyFactory(String algorithm) throws GeneralSecurityException {
        return provider == null ? KeyFactory.getInstance(algorithm) : KeyFactory.getInstance(algorithm, provider);
    }

    private static KeyPairGenerator keyPairGenerator(String algorithm, Provider provider) throws GeneralSecurityException {
        return provider == null ? KeyPairGenerator.getInstance(algorithm) : KeyPairGenerator.getInstance(algorithm, provider);
    }

    private static ECParameterSpec curve(NamedGroup group) throws GeneralSecurityException {
        synchronized (CURVES) {
            ECParameterSpec spec = CURVES.get(group);
            if (spec == null) {
                AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
                parameters.init(new ECGenParameterSpec(group.rfcName()));
                spec = parameters.getParameterSpec(ECParameterSpec.class);
                CURVES.put(group, spec);
            }
            return spec;
        }
    }

    private static byte[] encodeU(BigInteger u) {
        byte[] out = new byte[32];
        byte[] be = u.toByteArray();
        for (int i = 0; i < 32 && i < be.length; i++) {
            out[i] = be[be.length - 1 - i];
        }
        return out;
    }

    private static byte[] encodePoint(ECPoint w, int n) {
        byte[] out = new byte[1 + 2 * n];
        out[0] = 4;
        copyUnsigned(w.getAffineX(), out, 1, n);
        copyUnsigned(w.getAffineY(), out, 1 + n, n);
        return out;
    }

    private static void copyUnsigned(BigInteger v, byte[] out, int off, int n) {
        byte[] b = v.toByteArray();
        int len = Math.min(b.length, n);
        System.arraycopy(b, b.length - len, out, off + n - len, len);
    }

    private static boolean isZero(byte[] secret) {
        int acc = 0;
        for (byte b : secret) {
            acc |= b;
        }
        return acc == 0;
    }
}
