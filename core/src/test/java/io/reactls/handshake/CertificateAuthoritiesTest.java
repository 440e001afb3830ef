package io.reactls.handshake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.Unpooled;
import io.reactls.AlertDescription;
import io.reactls.TlsAlertException;
import io.reactls.wire.TlsReader;
import java.util.List;
import javax.security.auth.x500.X500Principal;
import org.junit.jupiter.api.Test;

/** certificate_authorities (RFC 8446 §4.2.4) and the TLS 1.2 CertificateRequest's list, encoded and read strictly. */
class CertificateAuthoritiesTest {

    static final X500Principal A = new X500Principal("CN=client CA A, O=reactls");
    static final X500Principal B = new X500Principal("CN=client CA B");

    static TlsReader reader(byte[] body) {
        return TlsReader.of(Unpooled.wrappedBuffer(body), "test");
    }

    @Test
    void roundTripsAndLaysOutTheVectorAsTheRfcSays() {
        byte[] body = CertificateAuthorities.encode(List.of(A, B));
        int aLen = A.getEncoded().length;
        int bLen = B.getEncoded().length;
        assertThat(body).hasSize(2 + 2 + aLen + 2 + bLen);
        assertThat(((body[0] & 0xFF) << 8) | (body[1] & 0xFF)).isEqualTo(body.length - 2);
        assertThat(((body[2] & 0xFF) << 8) | (body[3] & 0xFF)).isEqualTo(aLen);
        TlsReader r = reader(body);
        assertThat(CertificateAuthorities.read(r)).containsExactly(A, B);
        r.expectEnd();
    }

    @Test
    void anEmptyListIsADecodeError() {
        assertThatThrownBy(() -> CertificateAuthorities.read(reader(new byte[] {0, 0})))
                .isInstanceOf(TlsAlertException.class)
                .satisfies(e -> assertThat(((TlsAlertException) e).alert()).isEqualTo(AlertDescription.DECODE_ERROR));
    }

    @Test
    void aNameThatIsNotDerIsADecodeError() {
        assertThatThrownBy(() -> CertificateAuthorities.read(reader(new byte[] {0, 5, 0, 3, 1, 2, 3})))
                .isInstanceOf(TlsAlertException.class)
                .satisfies(e -> assertThat(((TlsAlertException) e).alert()).isEqualTo(AlertDescription.DECODE_ERROR));
    }

    @Test
    void tls12CertificateRequestCarriesTheNames() {
        CertificateRequest cr = new CertificateRequest(new byte[] {CertificateRequest.ECDSA_SIGN}, List.of(0x0403),
                CertificateAuthorities.der(List.of(A, B)));
        byte[] encoded = HandshakeReassembler.encode(cr);
        CertificateRequest back = CertificateRequest.decode(reader(java.util.Arrays.copyOfRange(encoded, 4, encoded.length)));
        assertThat(CertificateAuthorities.names(back.authorities())).containsExactly(A, B);
    }
}
