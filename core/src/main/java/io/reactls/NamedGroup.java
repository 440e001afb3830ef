package io.reactls;

import java.util.Locale;

/** Key-exchange groups (RFC 8422 / RFC 8446 supported_groups). */
public enum NamedGroup {
    SECP256R1(23, "secp256r1"),
    SECP384R1(24, "secp384r1"),
    SECP521R1(25, "secp521r1"),
    X25519(29, "x25519"),
    /** RFC 7919 finite-field groups; reactls uses them in TLS 1.3 only (it has no TLS 1.2 DHE suites). */
    FFDHE2048(256, "ffdhe2048"),
    FFDHE3072(257, "ffdhe3072"),
    FFDHE4096(258, "ffdhe4096"),
    FFDHE6144(259, "ffdhe6144"),
    FFDHE8192(260, "ffdhe8192"),
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

    /** Usable as a TLS 1.2 ECDHE curve (finite-field and hybrid KEM groups we use only in TLS 1.3). */
    public boolean isEcdheCurve() {
        return this != X25519MLKEM768 && !isFiniteField();
    }

    /** An RFC 7919 finite-field Diffie-Hellman group. */
    public boolean isFiniteField() {
        return id >= 256 && id <= 260;
    }

    /** How the key exchange over this group is described in events and logs. */
    public String kind() {
        return isEcdheCurve() ? "ECDHE" : isFiniteField() ? "FFDHE" : "hybrid ML-KEM + ECDHE";
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
            if (g.rfcName.toLowerCase(Locale.ROOT).equals(n) || (n.equals("p-256") && g == SECP256R1) || (n.equals("p-384") && g == SECP384R1) || (n.equals("p-521") && g == SECP521R1)) {
                return g;
            }
        }
        throw new IllegalArgumentException("unknown group: " + name);
    }
}
