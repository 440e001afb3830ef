package io.reactls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The key values a server (or a fleet) seals its tickets with: checked when made, and never shared by accident. */
class TicketKeysTest {

    @Test
    void shortSecretsAreRefused() {
        assertThatThrownBy(() -> TicketKeys.fromSecret(new byte[16], Duration.ofHours(1), 1, new SecureRandom()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 32 bytes");
    }

    @Test
    void aRotationUnderASecondOrANegativeHistoryIsRefused() {
        assertThatThrownBy(() -> TicketKeys.fromSecret(new byte[32], Duration.ofMillis(999), 1, new SecureRandom()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rotation");
        assertThatThrownBy(() -> TicketKeys.fromSecret(new byte[32], Duration.ofHours(1), -1, new SecureRandom()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("previousAccepted");
    }

    @Test
    void theSecretIsCopiedInAndOut() {
        byte[] secret = new byte[32];
        TicketKeys keys = TicketKeys.fromSecret(secret, Duration.ofHours(1), 2, new SecureRandom());
        secret[0] = 1;
        assertThat(keys.secret()).as("the caller's array changed afterwards").isEqualTo(new byte[32]);
        keys.secret()[1] = 1;
        assertThat(keys.secret()).as("a returned copy changed").isEqualTo(new byte[32]);
        assertThat(keys.rotation()).isEqualTo(Duration.ofHours(1));
        assertThat(keys.previousAccepted()).isEqualTo(2);
    }

    @Test
    void randomKeysAreEachProcessesOwn() {
        TicketKeys a = TicketKeys.random(new SecureRandom());
        TicketKeys b = TicketKeys.random(new SecureRandom());
        assertThat(a.secret()).hasSize(TicketKeys.MIN_SECRET_LENGTH).isNotEqualTo(b.secret());
        assertThat(a.rotation()).isEqualTo(TicketKeys.DEFAULT_ROTATION);
        assertThat(a.previousAccepted()).isEqualTo(1);
    }
}
