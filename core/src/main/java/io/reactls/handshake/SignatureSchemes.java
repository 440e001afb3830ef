package io.reactls.handshake;

import io.reactls.TlsAlertException;
import io.reactls.SignatureScheme;
import java.security.Key;
import java.util.List;

/** Picks and checks signature schemes against keys and what each side offered. */
public final class SignatureSchemes {

    private SignatureSchemes() {
    }

    /** Our first configured scheme that the peer offered and our key can make; null when none. */
    public static SignatureScheme choose(List<SignatureScheme> ours, List<Integer> peerOffered, Key key) {
        for (SignatureScheme s : ours) {
            if (s.fits(key) && peerOffered.contains(s.id())) {
                return s;
            }
        }
        return null;
    }

    /** Checks a scheme the peer used: one we offered, fitting the key that must verify it. */
    public static SignatureScheme checkPeerScheme(int id, List<SignatureScheme> offered, Key peerKey, String where) {
        SignatureScheme s = SignatureScheme.fromId(id);
        if (s == null || !offered.contains(s)) {
            throw TlsAlertException.illegalParameter(where + " uses signature scheme 0x" + Integer.toHexString(id) + " which we did not offer");
        }
        if (s.keyType() != SignatureScheme.keyTypeOf(peerKey)) {
            throw TlsAlertException.illegalParameter(where + " uses " + s.rfcName() + " but the certificate key is " + describe(peerKey));
        }
        if (!s.fits(peerKey)) {
            throw TlsAlertException.illegalParameter(where + " uses " + s.rfcName() + " but the certificate's RSASSA-PSS key"
                    + " is restricted by its parameters to another hash, MGF1 hash or a longer salt (RFC 4055 §3.1)");
        }
        return s;
    }

    /** "RSA (rsaEncryption)" or "RSASSA-PSS" rather than the JDK's bare "RSA", which hides which of the two it is. */
    static String describe(Key key) {
        return SignatureScheme.keyTypeOf(key) == SignatureScheme.KeyType.RSA ? "RSA (rsaEncryption)" : key.getAlgorithm();
    }

    public static List<Integer> ids(List<SignatureScheme> schemes) {
        return schemes.stream().map(SignatureScheme::id).toList();
    }
}
