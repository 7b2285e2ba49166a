package org.starttlslist.validate;

import java.util.ArrayList;
import java.util.List;
import org.starttlslist.validate.LocatedJson.Position;

/** The findings of one file, each placed at the value its JSON pointer names. */
final class FileFindings {
    private final String file;
    private final List<Finding> findings = new ArrayList<>();
    private LocatedJson document;

    FileFindings(String file) {
        this.file = file;
    }

    String file() {
        return file;
    }

    void locateIn(LocatedJson located) {
        this.document = located;
    }

    void error(String code, String pointer, String message) {
        add(Severity.ERROR, code, pointer, message);
    }

    void warning(String code, String pointer, String message) {
        add(Severity.WARNING, code, pointer, message);
    }

    void errorAt(String code, Position position, String pointer, String message) {
        findings.add(
                new Finding(
                        code,
                        Severity.ERROR,
                        file,
                        position.line(),
                        position.column(),
                        pointer,
                        message));
    }

    private void add(Severity severity, String code, String pointer, String message) {
        Position position = document == null ? Position.START : document.positionOf(pointer);
        findings.add(
                new Finding(
                        code,
                        severity,
                        file,
                        position.line(),
                        position.column(),
                        pointer,
                        message));
    }

    /**
     * True when a value check already reported {@code pointer} or inside it (syntax findings such
     * as a duplicate key are about something else and do not count).
     */
    boolean covers(String pointer) {
        for (Finding finding : findings) {
            if (finding.code().startsWith("json.")) {
                continue;
            }
            String at = finding.pointer();
            if (at.equals(pointer) || (at.startsWith(pointer + "/") && !pointer.isEmpty())) {
                return true;
            }
        }
        return false;
    }

    List<Finding> list() {
        return findings;
    }
}
