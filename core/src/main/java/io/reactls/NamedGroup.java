package io.reactls;

import java.util.Locale;

/** Key-exchange groups (RFC 8422 / RFC 8446 supported_groups). */
public enum NamedGroup {
    /** NIST P-256 (ECDHE). */
    SECP256R1(23, "secp256r1"),
    /** NIST P-384 (ECDHE). */
    SECP384R1(24, "secp384r1"),
    /** NIST P-521 (ECDHE). */
    SECP521R1(25, "secp521r1"),
    /** Curve25519 (RFC 7748). */
    X25519(29, "x25519"),
    /** RFC 7919 finite-field groups; reactls uses them in TLS 1.3 only (it has no TLS 1.2 DHE suites). */
    /** The RFC 7919 2048-bit group. */
    FFDHE2048(256, "ffdhe2048"),
    /** The RFC 7919 3072-bit group. */
    FFDHE3072(257, "ffdhe3072"),
    /** The RFC 7919 4096-bit group. */
    FFDHE4096(258, "ffdhe4096"),
    /** The RFC 7919 6144-bit group. */
    FFDHE6144(259, "ffdhe6144"),
    /** The RFC 7919 8192-bit group. */
    FFDHE8192(260, "ffdhe8192"),
    /** Hybrid post-quantum key share: ML-KEM-768 + X25519 (draft-ietf-tls-ecdhe-mlkem); TLS 1.3 only. */
    X25519MLKEM768(0x11EC, "X25519MLKEM768");

    private final int id;
    private final String rfcName;

    NamedGroup(int id, String rfcName) {
        this.id = id;
        this.rfcName = rfcName;
    }

    /**
     * The group's code point in supported_groups.
     *
     * @return the code point
     */
    public int id() {
        return id;
    }

    /**
     * The name the RFCs and OpenSSL use.
     *
     * @return e.g. {@code x25519}, {@code secp256r1}
     */
    public String rfcName() {
        return rfcName;
    }

    /**
     * Usable as a TLS 1.2 ECDHE curve (finite-field and hybrid KEM groups we use only in TLS 1.3).
     *
     * @return whether TLS 1.2 may use it
     */
    public boolean isEcdheCurve() {
        return this != X25519MLKEM768 && !isFiniteField();
    }

    /**
     * An RFC 7919 finite-field Diffie-Hellman group.
     *
     * @return whether it is one
     */
    public boolean isFiniteField() {
        return id >= 256 && id <= 260;
    }

    /**
     * How the key exchange over this group is described in events and logs.
     *
     * @return ECDHE, FFDHE or hybrid ML-KEM + ECDHE
     */
    public String kind() {
        return isEcdheCurve() ? "ECDHE" : isFiniteField() ? "FFDHE" : "hybrid ML-KEM + ECDHE";
    }

    /**
     * The group with a code point.
     *
     * @param id a supported_groups code point
     * @return the group, or null when reactls does not know it
     */
    public static NamedGroup fromId(int id) {
        for (NamedGroup g : values()) {
            if (g.id == id) {
                return g;
            }
        }
        return null;
    }

    /**
     * A group by its RFC name (any case), or P-256, P-384, P-521.
     *
     * @param name the name
     * @return the group
     * @throws IllegalArgumentException for an unknown name
     */
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
