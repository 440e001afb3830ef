package io.reactls.crypto;

/** The hashes TLS 1.2 PRFs, transcripts and HKDF are built on. */
public enum HashAlgorithm {
    SHA256("SHA-256", "HmacSHA256", 32),
    SHA384("SHA-384", "HmacSHA384", 48);

    private final String jcaName;
    private final String hmacName;
    private final int length;

    HashAlgorithm(String jcaName, String hmacName, int length) {
        this.jcaName = jcaName;
        this.hmacName = hmacName;
        this.length = length;
    }

    public String jcaName() {
        return jcaName;
    }

    public String hmacName() {
        return hmacName;
    }

    public int length() {
        return length;
    }

    public java.security.MessageDigest newDigest() {
        try {
            return java.security.MessageDigest.getInstance(jcaName);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("JDK lacks " + jcaName, e);
        }
    }
}
