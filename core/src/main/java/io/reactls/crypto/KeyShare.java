package io.reactls.crypto;

import io.reactls.NamedGroup;
import java.security.SecureRandom;

/**
 * The client's half of a TLS 1.3 key exchange for one group: a key share to send and, once the server's share
 * arrives, the shared secret. Elliptic-curve groups are plain ECDHE; hybrid groups combine a KEM with ECDHE.
 */
public interface KeyShare {

    NamedGroup group();

    /** What goes in KeyShareEntry.key_exchange. */
    byte[] publicKey();

    /** The shared secret from the server's key_exchange; a malformed share is an illegal_parameter. */
    byte[] agree(byte[] serverShare);

    /** The server's answer to a client share: its own key_exchange and the shared secret. */
    record ServerShare(byte[] keyExchange, byte[] sharedSecret) {
    }

    /** A new share on {@link CryptoProviders#defaults()}. */
    static KeyShare generate(NamedGroup group, SecureRandom random) {
        return generate(group, random, CryptoProviders.defaults());
    }

    /** A new share, its ECDHE part on the implementation {@code providers} chose for the group. */
    static KeyShare generate(NamedGroup group, SecureRandom random, CryptoProviders providers) {
        if (group.isFiniteField()) {
            return FfdheKeyPair.generate(group, random);
        }
        return group == NamedGroup.X25519MLKEM768 ? X25519MlKem768.generate(random) : providers.ecdhe(group, random);
    }

    /** Server side: answers {@code clientShare} (ECDHE: our ephemeral key; KEM: an encapsulation to the client's key). */
    static ServerShare respond(NamedGroup group, byte[] clientShare, SecureRandom random, CryptoProviders providers) {
        if (group == NamedGroup.X25519MLKEM768) {
            return X25519MlKem768.respond(clientShare, random);
        }
        KeyShare ours = generate(group, random, providers);
        byte[] secret = ours.agree(clientShare);
        return new ServerShare(ours.publicKey(), secret);
    }
}
