package io.reactls.handshake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.reactls.AlertDescription;
import io.reactls.TlsAlertException;
import io.reactls.KeyType;
import io.reactls.SignatureScheme;
import java.security.KeyPair;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Choosing our scheme for a key, and checking the scheme a peer's CertificateVerify or ServerKeyExchange names. */
class SignatureSchemesTest {

    static final KeyPair PSS = KeyType.RSA_PSS_2048.generate();
    static final KeyPair PSS_SHA512_ONLY = KeyType.rsaPss(2048, "SHA-512").generate();
    static final KeyPair RSA = KeyType.RSA_2048.generate();
    static final List<SignatureScheme> DEFAULTS = TlsConfig.DEFAULT_SIGNATURE_SCHEMES;
    static final List<Integer> EVERYTHING = SignatureSchemes.ids(List.of(SignatureScheme.values()));

    @Test
    void defaultsOfferPssPssInOpenSslOrder() {
        assertThat(SignatureSchemes.ids(DEFAULTS)).containsExactly(0x0403, 0x0503, 0x0603, 0x0807,
                0x0809, 0x080a, 0x080b, 0x0804, 0x0805, 0x0806, 0x0401, 0x0501, 0x0601);
    }

    @Test
    void choosesByKeyFamilyWhateverThePeersOrder() {
        assertThat(SignatureSchemes.choose(DEFAULTS, EVERYTHING, PSS.getPrivate())).isEqualTo(SignatureScheme.RSA_PSS_PSS_SHA256);
        assertThat(SignatureSchemes.choose(DEFAULTS, EVERYTHING, RSA.getPrivate())).isEqualTo(SignatureScheme.RSA_PSS_RSAE_SHA256);
        assertThat(SignatureSchemes.choose(DEFAULTS, EVERYTHING, PSS_SHA512_ONLY.getPrivate())).isEqualTo(SignatureScheme.RSA_PSS_PSS_SHA512);
        // A peer offering only rsae/PKCS#1 leaves a PSS key nothing, and one offering only pss_pss leaves an RSA key nothing.
        assertThat(SignatureSchemes.choose(DEFAULTS, List.of(0x0804, 0x0805, 0x0806, 0x0401, 0x0501, 0x0601), PSS.getPrivate())).isNull();
        assertThat(SignatureSchemes.choose(DEFAULTS, List.of(0x0809, 0x080a, 0x080b), RSA.getPrivate())).isNull();
        assertThat(SignatureSchemes.choose(DEFAULTS, List.of(0x0809, 0x080a), PSS_SHA512_ONLY.getPrivate())).isNull();
    }

    @Test
    void acceptsTheSchemeThatFitsThePeerKey() {
        assertThat(SignatureSchemes.checkPeerScheme(0x080a, DEFAULTS, PSS.getPublic(), "CertificateVerify"))
                .isEqualTo(SignatureScheme.RSA_PSS_PSS_SHA384);
        assertThat(SignatureSchemes.checkPeerScheme(0x0806, DEFAULTS, RSA.getPublic(), "CertificateVerify"))
                .isEqualTo(SignatureScheme.RSA_PSS_RSAE_SHA512);
    }

    @Test
    void rsaeOrPkcs1WithAPssKeyIsIllegalParameter() {
        for (int id : List.of(0x0804, 0x0805, 0x0806, 0x0401, 0x0501, 0x0601)) {
            assertThat(refusal(id, PSS)).contains("but the certificate key is RSASSA-PSS");
        }
    }

    @Test
    void pssPssWithAnRsaEncryptionKeyIsIllegalParameter() {
        for (int id : List.of(0x0809, 0x080a, 0x080b)) {
            assertThat(refusal(id, RSA)).contains("but the certificate key is RSA (rsaEncryption)");
        }
    }

    @Test
    void aHashTheKeyIsRestrictedFromIsIllegalParameter() {
        assertThat(refusal(0x0809, PSS_SHA512_ONLY)).contains("restricted by its parameters");
        assertThat(refusal(0x080a, PSS_SHA512_ONLY)).contains("restricted by its parameters");
    }

    @Test
    void aSchemeWeDidNotOfferIsIllegalParameter() {
        List<SignatureScheme> noPss = DEFAULTS.stream().filter(s -> s.keyType() != SignatureScheme.KeyType.RSA_PSS).toList();
        TlsAlertException e = catchThrowableOfType(TlsAlertException.class,
                () -> SignatureSchemes.checkPeerScheme(0x0809, noPss, PSS.getPublic(), "CertificateVerify"));
        assertThat(e.alert()).isEqualTo(AlertDescription.ILLEGAL_PARAMETER);
        assertThat(e.getMessage()).contains("which we did not offer");
    }

    private static String refusal(int id, KeyPair peer) {
        TlsAlertException e = catchThrowableOfType(TlsAlertException.class,
                () -> SignatureSchemes.checkPeerScheme(id, DEFAULTS, peer.getPublic(), "CertificateVerify"));
        assertThat(e).as("0x%04x refused", id).isNotNull();
        assertThat(e.alert()).isEqualTo(AlertDescription.ILLEGAL_PARAMETER);
        return e.getMessage();
    }
}
