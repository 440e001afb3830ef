package io.reactls.handshake.resumption;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactls.TicketKeys;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class TicketSealerTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final byte[] STATE = "session state".getBytes(StandardCharsets.US_ASCII);

    private static TicketSealer sealer(byte fill, int previousAccepted) {
        return sealer(fill, Duration.ofHours(1), previousAccepted, new SecureRandom());
    }

    private static TicketSealer sealer(byte fill, Duration rotation, int previousAccepted, SecureRandom random) {
        byte[] secret = new byte[32];
        Arrays.fill(secret, fill);
        return new TicketSealer(TicketKeys.fromSecret(secret, rotation, previousAccepted, random));
    }

    @Test
    void sealedTicketOpensWithTheSameSecretEvenInAnotherInstance() {
        byte[] ticket = sealer((byte) 1, 1).seal(T0, STATE);
        assertThat(sealer((byte) 1, 1).open(T0.plusSeconds(60), ticket)).isEqualTo(STATE);
        assertThat(sealer((byte) 2, 1).open(T0.plusSeconds(60), ticket)).as("another fleet's secret").isNull();
    }

    @Test
    void previousKeysOpenUntilTheyRotateOut() {
        TicketSealer keys = sealer((byte) 3, 2);
        byte[] ticket = keys.seal(T0, STATE);
        assertThat(keys.open(T0.plus(Duration.ofMinutes(150)), ticket)).isEqualTo(STATE); // two periods on
        assertThat(keys.open(T0.plus(Duration.ofMinutes(180)), ticket)).isNull(); // three: its key is gone
        assertThat(keys.open(T0.minus(Duration.ofHours(1)), ticket)).as("a key from the future").isNull();
    }

    @Test
    void alteredTicketDoesNotOpen() {
        TicketSealer keys = sealer((byte) 4, 1);
        byte[] ticket = keys.seal(T0, STATE);
        for (int i : new int[] {0, 5, 10, ticket.length - 1}) {
            byte[] bad = ticket.clone();
            bad[i] ^= 0x40;
            assertThat(keys.open(T0, bad)).as("byte " + i).isNull();
        }
        assertThat(keys.open(T0, new byte[10])).isNull();
    }

    /**
     * The ticket format and key derivation are a contract between the servers of a fleet, which upgrade one at a
     * time: these bytes were sealed by the release before this one, and must seal and open alike in every later one.
     */
    @Test
    void theTicketFormatAndKeysStayWhatAFleetAlreadyShares() {
        SecureRandom fixedNonces = new SecureRandom() {
            @Override
            public void nextBytes(byte[] bytes) {
                Arrays.fill(bytes, (byte) 0x22);
            }
        };
        byte[] known = HexFormat.of().parseHex("0000a042592cc004222222222222222222222222"
                + "b075a1b385cf3d9c9cadc708ccdfb13b4dfed0d1d2bea88ceced955c3c");
        TicketSealer sealer = sealer((byte) 0x11, TicketKeys.DEFAULT_ROTATION, 1, fixedNonces);
        assertThat(sealer.seal(T0, STATE)).isEqualTo(known);
        assertThat(sealer((byte) 0x11, TicketKeys.DEFAULT_ROTATION, 1, new SecureRandom()).open(T0.plusSeconds(60), known))
                .isEqualTo(STATE);
    }
}
