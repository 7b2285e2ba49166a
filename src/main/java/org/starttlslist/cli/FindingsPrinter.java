package org.starttlslist.cli;

import java.io.PrintWriter;
import org.starttlslist.validate.Finding;
import org.starttlslist.validate.ValidationReport;

/** Prints findings as {@code validate} does: {@code file:line:column: severity code: message}. */
final class FindingsPrinter {
    private FindingsPrinter() {}

    static void print(PrintWriter out, ValidationReport report) {
        for (Finding f : report.findings()) {
            out.println(f.file() + ":" + f.line() + ":" + f.column() + ": " + f.severity().label() + " " + f.code()
                    + ": " + f.message());
        }
        out.flush();
    }
}
