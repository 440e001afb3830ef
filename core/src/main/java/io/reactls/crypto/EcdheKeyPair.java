package io.reactls.crypto;

import io.reactls.NamedGroup;
import io.reactls.TlsAlertException;
import java.math.BigInteger;
import java.security.SecureRandom;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.rfc7748.X25519;
import org.bouncycastle.util.BigIntegers;

/**
 * An ephemeral key pair for one ECDHE exchange. Public keys are in TLS wire form: 32 raw bytes for x25519
 * (RFC 7748), the uncompressed point for the NIST curves (RFC 8422 §5.4.1). Peer keys are validated: an
 * off-curve point or an all-zero x25519 result is an {@code illegal_parameter}.
 */
public final class EcdheKeyPair implements KeyShare {

    private final NamedGroup group;
    private final byte[] privateKey;
    private final byte[] publicKey;

    private EcdheKeyPair(NamedGroup group, byte[] privateKey, byte[] publicKey) {
        this.group = group;
        this.privateKey = privateKey;
        this.publicKey = publicKey;
    }

    public static EcdheKeyPair generate(NamedGroup group, SecureRandom random) {
        if (!group.isEcdheCurve()) {
            throw new IllegalArgumentException(group.rfcName() + " is not an elliptic curve");
        }
        if (group == NamedGroup.X25519) {
            byte[] k = new byte[X25519.SCALAR_SIZE];
            X25519.generatePrivateKey(random, k);
            byte[] pub = new byte[X25519.POINT_SIZE];
            X25519.generatePublicKey(k, 0, pub, 0);
            return new EcdheKeyPair(group, k, pub);
        }
        X9ECParameters p = EcdhePeerKeys.curve(group);
        BigInteger d = BigIntegers.createRandomInRange(BigInteger.ONE, p.getN().subtract(BigInteger.ONE), random);
        ECPoint q = p.getG().multiply(d).normalize();
        return new EcdheKeyPair(group, BigIntegers.asUnsignedByteArray(EcdhePeerKeys.fieldBytes(p), d), q.getEncoded(false));
    }

    @Override
    public NamedGroup group() {
        return group;
    }

    @Override
    public byte[] publicKey() {
        return publicKey.clone();
    }

    /** Computes the shared secret with the peer's public key (wire form). */
    @Override
    public byte[] agree(byte[] peerPublic) {
        if (group == NamedGroup.X25519) {
            EcdhePeerKeys.checkX25519(peerPublic);
            byte[] shared = new byte[X25519.POINT_SIZE];
            if (!X25519.calculateAgreement(privateKey, 0, peerPublic, 0, shared, 0)) {
                throw TlsAlertException.illegalParameter("x25519 shared secret is all zeros (low-order public key)");
            }
            return shared;
        }
        ECPoint q = EcdhePeerKeys.nistPoint(group, peerPublic);
        ECPoint s = q.multiply(new BigInteger(1, privateKey)).normalize();
        if (s.isInfinity()) {
            throw TlsAlertException.illegalParameter(group.rfcName() + " shared point is at infinity");
        }
        return BigIntegers.asUnsignedByteArray(EcdhePeerKeys.fieldBytes(EcdhePeerKeys.curve(group)),
                s.getAffineXCoord().toBigInteger());
    }
}
