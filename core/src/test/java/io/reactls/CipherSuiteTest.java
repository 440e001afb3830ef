package io.reactls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reactls.testing.OpenSslNames;
import org.junit.jupiter.api.Test;

/** Suite names as users type them: IANA and OpenSSL names, and a suggestion for a mistyped one. */
class CipherSuiteTest {

    @Test
    void openSslNamesAreTheOnesOpenSslPrints() {
        // OpenSslNames is the table the interop tests hand to the openssl binary, which checks it.
        for (CipherSuite suite : CipherSuite.values()) {
            assertThat(suite.openSslName()).as(suite.name()).isEqualTo(OpenSslNames.cipher(suite));
        }
    }

    @Test
    void parseTakesIanaAndOpenSslNamesInAnyCase() {
        for (CipherSuite suite : CipherSuite.values()) {
            assertThat(CipherSuite.parse(suite.openSslName())).isEqualTo(suite);
            assertThat(CipherSuite.parse(suite.openSslName().toLowerCase())).isEqualTo(suite);
            assertThat(CipherSuite.parse(" " + suite.name().toLowerCase())).isEqualTo(suite);
        }
    }

    @Test
    void anUnknownNameSuggestsTheClosestIanaName() {
        assertThatThrownBy(() -> CipherSuite.parse("ECDHE-RSA-AES128-GCM-SHA384"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown cipher suite 'ECDHE-RSA-AES128-GCM-SHA384'")
                .hasMessageContaining("did you mean TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256?");
        assertThatThrownBy(() -> CipherSuite.parse("TLS_AES_128_GCM_SHA265"))
                .hasMessageContaining("did you mean TLS_AES_128_GCM_SHA256?");
    }
}
