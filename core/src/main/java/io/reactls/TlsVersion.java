package io.reactls;

/** Protocol versions by wire code. */
public enum TlsVersion {
    /** TLS 1.2 (RFC 5246). */
    TLS_1_2(0x0303, "TLSv1.2"),
    /** TLS 1.3 (RFC 8446). */
    TLS_1_3(0x0304, "TLSv1.3");

    private final int code;
    private final String displayName;

    TlsVersion(int code, String displayName) {
        this.code = code;
        this.displayName = displayName;
    }

    /**
     * The version's wire code.
     *
     * @return 0x0303 or 0x0304
     */
    public int code() {
        return code;
    }

    /**
     * The JSSE name.
     *
     * @return {@code TLSv1.2} or {@code TLSv1.3}
     */
    public String displayName() {
        return displayName;
    }

    /**
     * Whether a connection of this version can use {@code suite}: TLS 1.3 has its own suites, which TLS 1.2 cannot use.
     *
     * @param suite a cipher suite
     * @return whether this version negotiates it
     */
    public boolean negotiates(CipherSuite suite) {
        return suite.isTls13() == (this == TLS_1_3);
    }

    /**
     * A version as people write it.
     *
     * @param s "1.2", "TLSv1.2", "tls1.2" (or 1.3 the same ways)
     * @return the version
     * @throws IllegalArgumentException for any other text
     */
    public static TlsVersion parse(String s) {
        String n = s.trim().toLowerCase(java.util.Locale.ROOT).replace("tlsv", "").replace("tls", "");
        return switch (n) {
            case "1.2" -> TLS_1_2;
            case "1.3" -> TLS_1_3;
            default -> throw new IllegalArgumentException("unknown TLS version: " + s);
        };
    }
}
