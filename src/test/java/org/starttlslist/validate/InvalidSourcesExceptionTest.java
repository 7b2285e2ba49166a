package org.starttlslist.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The one refusal for invalid sources: its facts come from the report, and its one line names the
 * counts, the first error (unless validate printed them all above) and what did not happen.
 */
class InvalidSourcesExceptionTest {
    private static final Finding FIRST =
            Finding.error("mode.invalid", "policies/a.example.json", 1, 30, "/mode", "bad mode");
    private static final Finding SECOND =
            Finding.error("mx.invalid", "policies/b.example.json", 2, 3, "/mxs/0", "bad mx");
    private static final Finding WARNING =
            Finding.warning("contact.role", "policies/a.example.json", 1, 2, "/contact", "w");

    private static final ValidationReport REPORT =
            new ValidationReport(List.of(SECOND, WARNING, FIRST), Optional.empty());

    @Test
    void carriesTheReportAndItsCounts() {
        var e = new InvalidSourcesException(REPORT, InvalidSourcesException.Step.BUILD);
        assertEquals(REPORT, e.report());
        assertEquals(2, e.errors());
        assertEquals(1, e.warnings());
        assertEquals(Optional.of(FIRST), e.firstError());
        assertEquals(InvalidSourcesException.Step.BUILD, e.step());
    }

    @Test
    void aStepThatPrintsNothingNamesTheFirstErrorAndWhatDidNotHappen() {
        assertEquals(
                "2 errors, 1 warning in the list's sources, first policies/a.example.json:1:30:"
                        + " bad mode; run 'starttls-list validate' to see all; nothing was released",
                new InvalidSourcesException(REPORT, InvalidSourcesException.Step.RELEASE)
                        .getMessage());
    }

    @Test
    void validateItselfPointsAtTheFindingsAbove() {
        assertEquals(
                "2 errors, 1 warning in the list's sources; each is reported above with its file,"
                        + " line and fix",
                new InvalidSourcesException(REPORT, InvalidSourcesException.Step.VALIDATE)
                        .getMessage());
    }

    @Test
    void settingsThatCouldNotBeLoadedAreSaidSo() {
        var e =
                new InvalidSourcesException(
                        new ValidationReport(List.of(), Optional.empty()),
                        InvalidSourcesException.Step.CHANGE);
        assertEquals(0, e.errors());
        assertEquals(Optional.empty(), e.firstError());
        assertEquals(
                "the sources could not be loaded (release/config.json is missing or unreadable);"
                        + " nothing was changed",
                e.getMessage());
    }
}
