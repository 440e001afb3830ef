package io.reactls.crypto;

import java.util.Locale;

/** Key-exchange groups (RFC 8422 / RFC 8446 supported_groups). */
public enum NamedGroup {
    SECP256R1(23, "secp256r1"),
    SECP384R1(24, "secp384r1"),
    X25519(29, "x25519"),
    /** Hybrid post-quantum key share: ML-KEM-768 + X25519 (draft-ietf-tls-ecdhe-mlkem); TLS 1.3 only. */
    X25519MLKEM768(0x11EC, "X25519MLKEM768");

    private final int id;
    private final String rfcName;

    NamedGroup(int id, String rfcName) {
        this.id = id;
        this.rfcName = rfcName;
    }

    public int id() {
        return id;
    }

    public String rfcName() {
        return rfcName;
    }

    /** Usable as a TLS 1.2 ECDHE curve (hybrid KEM groups exist only in TLS 1.3). */
    public boolean isEcdheCurve() {
        return this != X25519MLKEM768;
    }

    public static NamedGroup fromId(int id) {
        for (NamedGroup g : values()) {
            if (g.id == id) {
                return g;
            }
        }
        return null;
    }

    public static NamedGroup fromName(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        for (NamedGroup g : values()) {
            if (g.rfcName.toLowerCase(Locale.ROOT).equals(n) || (n.equals("p-256") && g == SECP256R1) || (n.equals("p-384") && g == SECP384R1)) {
                return g;
            }
        }
        throw new IllegalArgumentException("unknown group: " + name);
    }
}
