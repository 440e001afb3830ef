package io.reactls;

import java.security.SecureRandom;
import java.time.Duration;
import reactor.core.publisher.Mono;

/**
 * Where a fleet of servers finds its session-ticket keys: the one secret from which {@link TicketKeys} derives the
 * rotating ring of ticket keys (one per rotation period, the previous ones still opening tickets), so that a ticket
 * sealed by one server opens on every other. The first server to ask stores its random candidate; the others get that
 * secret. Asked when a server is set up (not per handshake: the ring is derived locally from the secret and the
 * clock), so a store that is down then leaves that server with keys of its own — its tickets resume only on itself.
 *
 * <p>The secret opens every ticket of the fleet: a store outside the process must be as trusted, and as private, as
 * the servers' keys.
 */
public interface TicketKeyStore {

    /**
     * The fleet's secret, storing {@code candidate} first if there is none yet.
     *
     * @param candidate a fresh random secret of at least {@link TicketKeys#MIN_SECRET_LENGTH} bytes
     * @return the stored secret (the candidate when it was the first)
     */
    Mono<byte[]> secret(byte[] candidate);

    /**
     * The fleet's ticket keys.
     *
     * @param rotation         how long one key seals tickets
     * @param previousAccepted how many earlier keys still open tickets
     * @param random           for the candidate secret and the tickets' nonces
     * @return keys derived from the stored secret
     */
    default Mono<TicketKeys> ticketKeys(Duration rotation, int previousAccepted, SecureRandom random) {
        byte[] candidate = new byte[TicketKeys.MIN_SECRET_LENGTH];
        random.nextBytes(candidate);
        return secret(candidate).map(secret -> TicketKeys.fromSecret(secret, rotation, previousAccepted, random));
    }
}
