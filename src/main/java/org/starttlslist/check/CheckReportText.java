package org.starttlslist.check;

import java.io.PrintWriter;

/**
 * The text report: one line per domain with its verdict, then one line per finding: {@code severity
 * step code host [address]: observed -- fix: what to do} (the fix is left out of information lines
 * that need nothing done).
 */
public final class CheckReportText {
    private CheckReportText() {}

    public static void write(CheckReport report, PrintWriter out) {
        for (DomainReport domain : report.domains()) {
            out.println(domain.domain() + ": " + domain.verdict().wire());
            for (Finding finding : domain.findings()) {
                StringBuilder line =
                        new StringBuilder("  ")
                                .append(finding.severity().wire())
                                .append(' ')
                                .append(finding.code().step())
                                .append(' ')
                                .append(finding.code().wire());
                finding.host().ifPresent(host -> line.append(' ').append(host));
                finding.address()
                        .ifPresent(address -> line.append(" [").append(address).append(']'));
                line.append(": ").append(finding.observed());
                if (finding.severity() != Severity.INFO || !finding.fix().equals("nothing to do")) {
                    line.append(" -- fix: ").append(finding.fix());
                }
                out.println(line);
            }
        }
        out.flush();
    }
}
