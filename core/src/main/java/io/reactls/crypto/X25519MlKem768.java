package io.reactls.crypto;

import io.reactls.NamedGroup;
import io.reactls.TlsAlertException;
import java.security.SecureRandom;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.SecretWithEncapsulation;
import org.bouncycastle.crypto.generators.MLKEMKeyPairGenerator;
import org.bouncycastle.crypto.kems.MLKEMExtractor;
import org.bouncycastle.crypto.kems.MLKEMGenerator;
import org.bouncycastle.crypto.params.MLKEMKeyGenerationParameters;
import org.bouncycastle.crypto.params.MLKEMParameters;
import org.bouncycastle.crypto.params.MLKEMPrivateKeyParameters;
import org.bouncycastle.crypto.params.MLKEMPublicKeyParameters;

/**
 * The X25519MLKEM768 hybrid group (draft-ietf-tls-ecdhe-mlkem): the client sends an ML-KEM-768 encapsulation key
 * followed by an X25519 share; the server answers with an ML-KEM ciphertext followed by its X25519 share; the
 * shared secret is the ML-KEM secret followed by the X25519 secret. Bouncy Castle's ML-KEM does the KEM part.
 */
final class X25519MlKem768 implements KeyShare {

    private static final MLKEMParameters PARAMS = MLKEMParameters.ml_kem_768;
    private static final int ENCAPSULATION_KEY = 1184;
    private static final int CIPHERTEXT = 1088;
    private static final int X25519_SHARE = 32;

    private final MLKEMPrivateKeyParameters kemPrivate;
    private final byte[] kemPublic;
    private final EcdheKeyPair x25519;

    private X25519MlKem768(MLKEMPrivateKeyParameters kemPrivate, byte[] kemPublic, EcdheKeyPair x25519) {
        this.kemPrivate = kemPrivate;
        this.kemPublic = kemPublic;
        this.x25519 = x25519;
    }

    static X25519MlKem768 generate(SecureRandom random) {
        MLKEMKeyPairGenerator generator = new MLKEMKeyPairGenerator();
        generator.init(new MLKEMKeyGenerationParameters(random, PARAMS));
        AsymmetricCipherKeyPair pair = generator.generateKeyPair();
        byte[] encoded = ((MLKEMPublicKeyParameters) pair.getPublic()).getEncoded();
        return new X25519MlKem768((MLKEMPrivateKeyParameters) pair.getPrivate(), encoded,
                EcdheKeyPair.generate(NamedGroup.X25519, random));
    }

    static ServerShare respond(byte[] clientShare, SecureRandom random) {
        if (clientShare.length != ENCAPSULATION_KEY + X25519_SHARE) {
            throw TlsAlertException.illegalParameter("X25519MLKEM768 client share must be " + (ENCAPSULATION_KEY + X25519_SHARE)
                    + " bytes, got " + clientShare.length);
        }
        MLKEMPublicKeyParameters clientKem;
        try {
            clientKem = new MLKEMPublicKeyParameters(PARAMS, java.util.Arrays.copyOfRange(clientShare, 0, ENCAPSULATION_KEY));
        } catch (IllegalArgumentException e) {
            throw TlsAlertException.illegalParameter("X25519MLKEM768 encapsulation key is malformed: " + e.getMessage());
        }
        SecretWithEncapsulation kem = new MLKEMGenerator(random).generateEncapsulated(clientKem);
        EcdheKeyPair ours = EcdheKeyPair.generate(NamedGroup.X25519, random);
        byte[] ecdh = ours.agree(java.util.Arrays.copyOfRange(clientShare, ENCAPSULATION_KEY, clientShare.length));
        return new ServerShare(concat(kem.getEncapsulation(), ours.publicKey()), concat(kem.getSecret(), ecdh));
    }

    @Override
    public NamedGroup group() {
        return NamedGroup.X25519MLKEM768;
    }

    @Override
    public byte[] publicKey() {
        return concat(kemPublic, x25519.publicKey());
    }

    @Override
    public byte[] agree(byte[] serverShare) {
        if (serverShare.length != CIPHERTEXT + X25519_SHARE) {
            throw TlsAlertException.illegalParameter("X25519MLKEM768 server share must be " + (CIPHERTEXT + X25519_SHARE)
                    + " bytes, got " + serverShare.length);
        }
        byte[] kemSecret = new MLKEMExtractor(kemPrivate).extractSecret(java.util.Arrays.copyOfRange(serverShare, 0, CIPHERTEXT));
        byte[] ecdh = x25519.agree(java.util.Arrays.copyOfRange(serverShare, CIPHERTEXT, serverShare.length));
        return concat(kemSecret, ecdh);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
