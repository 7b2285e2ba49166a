package org.starttlslist.check;

import java.net.IDN;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import org.starttlslist.model.HostNames;

/**
 * RFC 6125 host-name matching against a server certificate: the DNS subject alternative names, or
 * the subject CN only when there is no DNS SAN (§6.4.4); a wildcard only as the whole left-most
 * label, matching exactly one label, and never directly above a top-level name ({@code *.test}
 * matches nothing). Compared as A-labels, case-insensitively, without a trailing dot.
 */
final class CertificateNames {
    private CertificateNames() {}

    static List<String> dnsNames(X509Certificate certificate) {
        List<String> names = new ArrayList<>();
        try {
            Collection<List<?>> sans = certificate.getSubjectAlternativeNames();
            if (sans != null) {
                for (List<?> san : sans) {
                    if (Integer.valueOf(2).equals(san.get(0))
                            && san.get(1) instanceof String name) {
                        names.add(name);
                    }
                }
            }
        } catch (CertificateParsingException e) {
            // an unparseable SAN extension names nothing
        }
        return names;
    }

    static boolean matches(X509Certificate certificate, String host) {
        List<String> names = dnsNames(certificate);
        if (names.isEmpty()) {
            names = commonNames(certificate);
        }
        String wanted = normalise(host);
        for (String name : names) {
            if (matches(normalise(name), wanted)) {
                return true;
            }
        }
        return false;
    }

    static boolean matches(String presented, String host) {
        if (!presented.startsWith("*.")) {
            return presented.equals(host);
        }
        String suffix = presented.substring(1);
        if (suffix.indexOf('.', 1) < 0) {
            return false;
        }
        if (!host.endsWith(suffix)) {
            return false;
        }
        String first = host.substring(0, host.length() - suffix.length());
        return !first.isEmpty() && first.indexOf('.') < 0;
    }

    private static List<String> commonNames(X509Certificate certificate) {
        List<String> names = new ArrayList<>();
        try {
            for (Rdn rdn :
                    new LdapName(certificate.getSubjectX500Principal().getName()).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    names.add(String.valueOf(rdn.getValue()));
                }
            }
        } catch (InvalidNameException e) {
            // no usable subject
        }
        return names;
    }

    static String normalise(String name) {
        String lower = HostNames.foldCase(name);
        if (lower.endsWith(".")) {
            lower = lower.substring(0, lower.length() - 1);
        }
        try {
            return HostNames.foldCase(IDN.toASCII(lower, IDN.ALLOW_UNASSIGNED));
        } catch (IllegalArgumentException e) {
            return lower;
        }
    }
}
