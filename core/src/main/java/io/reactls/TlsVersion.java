package io.reactls;

/** Protocol versions by wire code. */
public enum TlsVersion {
    TLS_1_2(0x0303, "TLSv1.2"),
    TLS_1_3(0x0304, "TLSv1.3");

    private final int code;
    private final String displayName;

    TlsVersion(int code, String displayName) {
        this.code = code;
        this.displayName = displayName;
    }

    public int code() {
        return code;
    }

    public String displayName() {
        return displayName;
    }

    /** Accepts "1.2", "TLSv1.2", "tls1.2". */
    public static TlsVersion parse(String s) {
        String n = s.trim().toLowerCase(java.util.Locale.ROOT).replace("tlsv", "").replace("tls", "");
        return switch (n) {
            case "1.2" -> TLS_1_2;
            case "1.3" -> TLS_1_3;
            default -> throw new IllegalArgumentException("unknown TLS version: " + s);
        };
    }
}
