package io.reactls.crypto;

import io.reactls.NamedGroup;
import io.reactls.TlsAlertException;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.rfc7748.X25519;

/**
 * The checks on a peer's ECDHE public key in TLS wire form that every implementation makes first, whatever computes
 * the agreement ({@link EcdheKeyPair} on Bouncy Castle's lightweight classes, {@link JceEcdheKeyPair} on a JCA
 * provider): the same rules and the same {@code illegal_parameter} reasons on either.
 */
final class EcdhePeerKeys {

    private EcdhePeerKeys() {
    }

    /** An x25519 key is 32 bytes (RFC 7748 §5); any value of that length is a u-coordinate. */
    static void checkX25519(byte[] peerPublic) {
        if (peerPublic.length != X25519.POINT_SIZE) {
            throw TlsAlertException.illegalParameter("x25519 public key must be 32 bytes, got " + peerPublic.length);
        }
    }

    /**
     * A NIST curve key is an uncompressed point (RFC 8422 §5.4.1) that lies on the curve; Bouncy Castle's decoder
     * checks the curve equation, which the JCA key factories differ in doing.
     *
     * @return the decoded point
     */
    static ECPoint nistPoint(NamedGroup group, byte[] peerPublic) {
        X9ECParameters curve = curve(group);
        if (peerPublic.length != 1 + 2 * fieldBytes(curve) || peerPublic[0] != 4) {
            throw TlsAlertException.illegalParameter(group.rfcName() + " public key must be an uncompressed point");
        }
        try {
            return curve.getCurve().decodePoint(peerPublic);
        } catch (IllegalArgumentException e) {
            throw TlsAlertException.illegalParameter(group.rfcName() + " public key is not on the curve");
        }
    }

    static X9ECParameters curve(NamedGroup group) {
        return CustomNamedCurves.getByName(group.rfcName());
    }

    /** The length of a coordinate (and of the shared secret) on {@code curve}. */
    static int fieldBytes(X9ECParameters curve) {
        return (curve.getCurve().getFieldSize() + 7) / 8;
    }
}
