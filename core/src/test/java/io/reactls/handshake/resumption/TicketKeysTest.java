package io.reactls.handshake.resumption;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reactls.TicketKeys;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TicketKeysTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final byte[] STATE = "session state".getBytes(StandardCharsets.US_ASCII);

    private static TicketKeys keys(byte fill, int previousAccepted) {
        byte[] secret = new byte[32];
        java.util.Arrays.fill(secret, fill);
        return TicketKeys.fromSecret(secret, Duration.ofHours(1), previousAccepted, new SecureRandom());
    }

    @Test
    void sealedTicketOpensWithTheSameSecretEvenInAnotherInstance() {
        byte[] ticket = keys((byte) 1, 1).seal(T0, STATE);
        assertThat(keys((byte) 1, 1).open(T0.plusSeconds(60), ticket)).isEqualTo(STATE);
        assertThat(keys((byte) 2, 1).open(T0.plusSeconds(60), ticket)).as("another fleet's secret").isNull();
    }

    @Test
    void previousKeysOpenUntilTheyRotateOut() {
        TicketKeys keys = keys((byte) 3, 2);
        byte[] ticket = keys.seal(T0, STATE);
        assertThat(keys.open(T0.plus(Duration.ofMinutes(150)), ticket)).isEqualTo(STATE); // two periods on
        assertThat(keys.open(T0.plus(Duration.ofMinutes(180)), ticket)).isNull(); // three: its key is gone
        assertThat(keys.open(T0.minus(Duration.ofHours(1)), ticket)).as("a key from the future").isNull();
    }

    @Test
    void alteredTicketDoesNotOpen() {
        TicketKeys keys = keys((byte) 4, 1);
        byte[] ticket = keys.seal(T0, STATE);
        for (int i : new int[] {0, 5, 10, ticket.length - 1}) {
            byte[] bad = ticket.clone();
            bad[i] ^= 0x40;
            assertThat(keys.open(T0, bad)).as("byte " + i).isNull();
        }
        assertThat(keys.open(T0, new byte[10])).isNull();
    }

    @Test
    void shortSecretsAreRefused() {
        assertThatThrownBy(() -> TicketKeys.fromSecret(new byte[16], Duration.ofHours(1), 1, new SecureRandom()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
