package io.reactls.cert;

import io.reactls.Pem;
import io.reactls.TrustAnchors;
import io.reactls.CertificateVerifier.PeerRole;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

/**
 * Runs the JDK's certificate machinery once on the caller's thread. Several JDK security classes read
 * configuration files in their static initializers (e.g. the untrusted-certificates list used by PKIX
 * validation); done first on an event loop, that is blocking file I/O. Configs call {@link #ensure()} when built.
 */
public final class SecurityWarmup {

    /** A throwaway P-256 CA and leaf (valid 2026-2126), used only to exercise the validator. */
    private static final String CHAIN = """
-----BEGIN CERTIFICATE-----
MIIB0DCCAXagAwIBAgIUZPt41Q73YQ04EpEFaxWn2mmadmcwCgYIKoZIzj0EAwIw
HTEbMBkGA1UEAwwScmVhY3RscyB3YXJtLXVwIENBMCAXDTI2MTEyNjIwMjkzNFoY
DzIxMjYxMTAyMjAyOTM0WjAZMRcwFQYDVQQDDA53YXJtdXAuaW52YWxpZDBZMBMG
ByqGSM49AgEGCCqGSM49AwEHA0IABJhOXzx4/vN24TrOSGg6zypE+uWsNghaj7wV
tzxH/kRgdSuSTbWW/vvtQMiTu+nm3U4UXEYSH7NaUHtGII/G1VKjgZUwgZIwGQYD
VR0RBBIwEIIOd2FybXVwLmludmFsaWQwCQYDVR0TBAIwADALBgNVHQ8EBAMCB4Aw
HQYDVR0lBBYwFAYIKwYBBQUHAwEGCCsGAQUFBwMCMB0GA1UdDgQWBBTKOBcpg1G3
Wyhfa2SJDmSPR/TCzDAfBgNVHSMEGDAWgBQQXAM1upufgK+kALItO+DXzfiBAzAK
BggqhkjOPQQDAgNIADBFAiAaMUtYk2lsUDNjzbXQGMyPxUCoRrCPNiPvN9dE5JpU
ugIhAPgAN8MK/7CyXMzkGQCpHgUG12xDxHbSCHQw3vi4F/Rt
-----END CERTIFICATE-----
-----BEGIN CERTIFICATE-----
MIIBoTCCAUegAwIBAgIUXKpYrnIKyAYJkRMk/dyNq2wYs/swCgYIKoZIzj0EAwIw
HTEbMBkGA1UEAwwScmVhY3RscyB3YXJtLXVwIENBMCAXDTI2MTEyNjIwMjkzNFoY
DzIxMjYxMTAyMjAyOTM0WjAdMRswGQYDVQQDDBJyZWFjdGxzIHdhcm0tdXAgQ0Ew
WTATBgcqhkjOPQIBBggqhkjOPQMBBwNCAARhikQHrnAI9tvuUE4udPvJdMioQ/AT
9bITtLtbLR97LpbDeRZ/gD1bZBzujQ79YJkldF5MO6Q6K89icua6jzpbo2MwYTAd
BgNVHQ4EFgQUEFwDNbqbn4CvpACyLTvg1834gQMwHwYDVR0jBBgwFoAUEFwDNbqb
n4CvpACyLTvg1834gQMwDwYDVR0TAQH/BAUwAwEB/zAOBgNVHQ8BAf8EBAMCAgQw
CgYIKoZIzj0EAwIDSAAwRQIhAJXbbKAOTpREes3o5zDboj5TgZBWFvXvYxi/p7BJ
JzxJAiAUWtO5Nq3pnzt+BGIntnzbMe/1yFaEe4gwLTXZbCOKmA==
-----END CERTIFICATE-----
            """;

    private SecurityWarmup() {
    }

    private static final class Once {
        static final boolean DONE = run();

        private static boolean run() {
            List<X509Certificate> certs = Pem.parseCertificates(CHAIN, "warm-up chain");
            TrustAnchors anchors = TrustAnchors.of(List.of(certs.get(1)));
            new PkixCertificateVerifier(anchors).verify(List.of(certs.get(0)), "warmup.invalid",
                    Instant.parse("2027-01-01T00:00:00Z"), PeerRole.SERVER);
            return true;
        }
    }

    /** Idempotent and cheap after the first call. */
    public static void ensure() {
        if (!Once.DONE) {
            throw new IllegalStateException("certificate machinery warm-up failed");
        }
    }
}
