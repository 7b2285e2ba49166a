package org.starttlslist.check;

/**
 * Every finding's stable code, numbered by the step of the check that makes it (README, "check").
 * The wire code (e.g. {@code 2.6-tls-version-too-old}) never changes meaning; new codes are added.
 */
public enum FindingCode {
    // 1. DNS
    DNS_FAILED("1.1", "dns-failed", Severity.ERROR),
    DOMAIN_INVALID("1.2", "domain-invalid", Severity.FAILURE),
    DOMAIN_NXDOMAIN("1.3", "domain-nxdomain", Severity.FAILURE),
    NULL_MX("1.4", "null-mx", Severity.FAILURE),
    IMPLICIT_MX("1.5", "implicit-mx", Severity.WARNING),
    MX_CNAME("1.6", "mx-cname", Severity.WARNING),
    MX_HOST_NO_ADDRESS("1.7", "mx-host-no-address", Severity.WARNING),

    // 2. Each MX host
    HOST_UNREACHABLE("2.1", "host-unreachable", Severity.WARNING),
    GREETING_DELAYED("2.2", "greeting-delayed", Severity.INFO),
    GREETING_REFUSED("2.3", "greeting-refused", Severity.FAILURE),
    EHLO_REFUSED("2.4", "ehlo-refused", Severity.FAILURE),
    STARTTLS_NOT_OFFERED("2.5", "starttls-not-offered", Severity.FAILURE),
    STARTTLS_REFUSED("2.6", "starttls-refused", Severity.FAILURE),
    TLS_VERSION_TOO_OLD("2.7", "tls-version-too-old", Severity.FAILURE),
    TLS_HANDSHAKE_FAILED("2.8", "tls-handshake-failed", Severity.FAILURE),
    CERT_UNTRUSTED("2.9", "cert-untrusted", Severity.FAILURE),
    CERT_NAME_MISMATCH("2.10", "cert-name-mismatch", Severity.FAILURE),
    CERT_EXPIRED("2.11", "cert-expired", Severity.FAILURE),
    CERT_NOT_YET_VALID("2.12", "cert-not-yet-valid", Severity.FAILURE),
    CERT_EXPIRES_SOON("2.13", "cert-expires-soon", Severity.WARNING),
    HOST_PASSED("2.14", "host-passed", Severity.INFO),
    HOST_TIMED_OUT("2.15", "host-timed-out", Severity.FAILURE),

    // 3. MX hosts against the policy
    MX_NOT_IN_POLICY("3.1", "mx-not-in-policy", Severity.FAILURE),
    PATTERNS_SUGGESTED("3.2", "patterns-suggested", Severity.INFO),
    NO_MX_HOST_ANSWERED("3.3", "no-mx-host-answered", Severity.ERROR),

    // 4. MTA-STS and TLS-RPT
    MTA_STS_ABSENT("4.1", "mta-sts-absent", Severity.INFO),
    MTA_STS_TXT_INVALID("4.2", "mta-sts-txt-invalid", Severity.WARNING),
    MTA_STS_FETCH_FAILED("4.3", "mta-sts-fetch-failed", Severity.WARNING),
    MTA_STS_REDIRECT("4.4", "mta-sts-redirect", Severity.WARNING),
    MTA_STS_TOO_LARGE("4.5", "mta-sts-too-large", Severity.WARNING),
    MTA_STS_CONTENT_TYPE("4.6", "mta-sts-content-type", Severity.WARNING),
    MTA_STS_INVALID("4.7", "mta-sts-invalid", Severity.WARNING),
    MTA_STS_TESTING("4.8", "mta-sts-testing", Severity.INFO),
    MTA_STS_MODE_NONE("4.9", "mta-sts-mode-none", Severity.WARNING),
    MTA_STS_MX_MISMATCH("4.10", "mta-sts-mx-mismatch", Severity.FAILURE),
    MTA_STS_DISAGREES("4.11", "mta-sts-disagrees-with-policy", Severity.WARNING),
    MTA_STS_VALID("4.12", "mta-sts-valid", Severity.INFO),
    TLS_RPT("4.13", "tls-rpt", Severity.INFO);

    private final String step;
    private final String name;
    private final Severity severity;

    FindingCode(String step, String name, Severity severity) {
        this.step = step;
        this.name = name;
        this.severity = severity;
    }

    /** The check's number in the README, e.g. {@code 2.7}. */
    public String step() {
        return step;
    }

    /** The stable code in output, e.g. {@code tls-version-too-old}. */
    public String wire() {
        return name;
    }

    public Severity severity() {
        return severity;
    }
}
