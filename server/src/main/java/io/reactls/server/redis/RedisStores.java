package io.reactls.server.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.SetArgs;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.reactive.RedisReactiveCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.reactls.AntiReplayStore;
import io.reactls.SessionIdStore;
import io.reactls.TicketKeyStore;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Objects;
import reactor.core.publisher.Mono;

/**
 * The stores a fleet of reactls servers shares, on one Redis through Lettuce's reactive API: TLS 1.2 sessions by id
 * ({@code SET PX}, {@code GET}), the 0-RTT anti-replay record ({@code SET NX PX}: atomic, so of two servers that see
 * the same ClientHello one accepts its early data) and the ticket-key secret ({@code SET NX}, then {@code GET}: the
 * first server's candidate wins). Every key starts with a prefix, so fleets can share a Redis.
 *
 * <p>Commands never block the caller; each has a time-out ({@link #DEFAULT_COMMAND_TIMEOUT} unless given), and while
 * Redis is unreachable they fail at once (Lettuce reconnects in the background) — a handshake then goes on without
 * resumption or 0-RTT and says why in its events. What Redis holds is secret (master secrets, the ticket-key secret):
 * run it on a private network, with authentication (a {@code redis://user:password@host} URI) or TLS
 * ({@code rediss://}).
 *
 * <pre>{@code
 * try (RedisStores redis = RedisStores.connect("redis://10.0.0.5:6379", "shop:")) {
 *     TlsServerConfig tls = TlsServerConfig.builder(key)
 *             .ticketKeys(redis.ticketKeyStore().ticketKeys(Duration.ofHours(12), 1, new SecureRandom()).block())
 *             .sessionIdStore(redis.sessionIdStore())
 *             .antiReplayStore(redis.antiReplayStore())
 *             .maxEarlyData(16384)
 *             .build();
 *     ...
 * }
 * }</pre>
 */
public final class RedisStores implements AutoCloseable {

    /** How long one Redis command may take before it fails. */
    public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofMillis(300);

    private static final byte[] PRESENT = {1};

    private final RedisClient client;
    private final StatefulRedisConnection<byte[], byte[]> connection;
    private final RedisReactiveCommands<byte[], byte[]> commands;
    private final String prefix;

    private RedisStores(RedisClient client, StatefulRedisConnection<byte[], byte[]> connection, String prefix) {
        this.client = client;
        this.connection = connection;
        this.commands = connection.reactive();
        this.prefix = prefix;
    }

    /**
     * Connects to {@code uri}, waiting for the connection: call it while setting a server up, not on an event loop.
     *
     * @param uri       e.g. {@code redis://127.0.0.1:6379}
     * @param keyPrefix put before every key (e.g. {@code "reactls:"})
     * @return the stores
     * @throws io.lettuce.core.RedisConnectionException when Redis cannot be reached
     */
    public static RedisStores connect(String uri, String keyPrefix) {
        return connect(uri, keyPrefix, DEFAULT_COMMAND_TIMEOUT);
    }

    /**
     * Like {@link #connect(String, String)}, with a time-out per command.
     *
     * @param uri            the Redis URI
     * @param keyPrefix      put before every key
     * @param commandTimeout how long one command may take
     * @return the stores
     */
    public static RedisStores connect(String uri, String keyPrefix, Duration commandTimeout) {
        Objects.requireNonNull(keyPrefix, "keyPrefix");
        RedisClient client = RedisClient.create(uri);
        client.setOptions(ClientOptions.builder()
                .timeoutOptions(TimeoutOptions.enabled(commandTimeout))
                // While disconnected, fail at once rather than queue: a handshake must not wait for a reconnect.
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .autoReconnect(true)
                .build());
        try {
            return new RedisStores(client, client.connect(ByteArrayCodec.INSTANCE), keyPrefix);
        } catch (RuntimeException e) {
            client.shutdown();
            throw e;
        }
    }

    /**
     * TLS 1.2 sessions by id, each kept for its lifetime ({@code SET key value PX lifetime}).
     *
     * @return the session-ID store
     */
    public SessionIdStore sessionIdStore() {
        return new SessionIdStore() {
            @Override
            public Mono<byte[]> get(byte[] sessionId) {
                return commands.get(key("session:", sessionId));
            }

            @Override
            public Mono<Void> put(byte[] sessionId, byte[] session, Duration lifetime) {
                return commands.set(key("session:", sessionId), session, SetArgs.Builder.px(lifetime.toMillis())).then();
            }
        };
    }

    /**
     * The 0-RTT anti-replay record: {@code SET key 1 NX PX ttl} answers "OK" only to the first server that records a key.
     *
     * @return the anti-replay store
     */
    public AntiReplayStore antiReplayStore() {
        return (key, ttl) -> commands.set(key("0rtt:", key), PRESENT, SetArgs.Builder.nx().px(ttl.toMillis()))
                .map("OK"::equals)
                .defaultIfEmpty(false); // nil: the key was there already
    }

    /**
     * The fleet's ticket-key secret: {@code SET key candidate NX}, then {@code GET key}.
     *
     * @return the ticket-key store
     */
    public TicketKeyStore ticketKeyStore() {
        byte[] key = key("ticket-key-secret", new byte[0]);
        return candidate -> commands.set(key, candidate, SetArgs.Builder.nx())
                .then(commands.get(key))
                .switchIfEmpty(Mono.error(() -> new IllegalStateException("Redis lost the ticket-key secret just stored")));
    }

    private byte[] key(String kind, byte[] id) {
        return (prefix + kind + HexFormat.of().formatHex(id)).getBytes(StandardCharsets.UTF_8);
    }

    /** Closes the connection and the client's threads. */
    @Override
    public void close() {
        connection.close();
        client.shutdown();
    }
}
