package org.starttlslist.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import org.starttlslist.export.ListExporter;
import org.starttlslist.failure.CouldNotCompleteException;
import org.starttlslist.failure.RejectedException;
import org.starttlslist.mirror.MirrorLayout;
import org.starttlslist.model.ListTimes;
import org.starttlslist.schedule.Postmap;
import org.starttlslist.schedule.TableRefresh;
import org.starttlslist.verify.InputCaps;
import org.starttlslist.verify.ListVerifier;
import picocli.CommandLine.Option;

/**
 * The mirror's export targets: after the run, refresh the Postfix table when the installed list
 * changed or expired.
 */
final class TableRefreshOptions {
    @Option(
            names = "--postfix-table",
            paramLabel = "FILE",
            description =
                    "After the run, when the installed list changed or expired, export the Postfix table FILE,"
                            + " run postmap on it and create FILE.reload-needed for the reload step; otherwise leave it alone.")
    Path table;

    @Option(
            names = "--postfix-table-type",
            paramLabel = "TYPE",
            defaultValue = "hash",
            description =
                    "The Postfix lookup table type for postmap (default ${DEFAULT-VALUE}; lmdb where hash is unavailable).")
    String tableType;

    @Option(
            names = "--early-adopter",
            description = "In the Postfix table, treat 'testing' domains as 'enforce'.")
    boolean earlyAdopter;

    @Option(
            names = "--postfix-config",
            paramLabel = "DIR",
            description =
                    "The Postfix configuration directory postmap reads (postmap -c DIR; default: Postfix's own, /etc/postfix).")
    Path postfixConfig;

    @Option(
            names = "--postmap",
            paramLabel = "PROGRAM",
            defaultValue = "postmap",
            description =
                    "The postmap program (default ${DEFAULT-VALUE}, looked up on PATH and in /usr/sbin).")
    String postmap;

    /**
     * Refreshes the table if one is configured; returns the exit code this step adds (0, or 3 when
     * the export or postmap failed, 1 when the installed list was refused). Never throws: the
     * mirror's own outcome has already been reported and must still decide the exit code.
     */
    int refresh(
            MirrorLayout layout,
            ListVerifier.Options verification,
            InputCaps caps,
            Instant now,
            PrintWriter out,
            PrintWriter err) {
        if (table == null) {
            return ExitCodes.OK;
        }
        try {
            TableRefresh.Outcome outcome =
                    TableRefresh.run(
                            new TableRefresh.Request(
                                    layout,
                                    java.util.Optional.of(verification),
                                    caps,
                                    now,
                                    new TableRefresh.Target(
                                            table.toAbsolutePath(),
                                            tableType,
                                            earlyAdopter,
                                            new Postmap(
                                                    postmap,
                                                    java.util.Optional.ofNullable(
                                                            postfixConfig)))));
            report(outcome, out, err);
            return ExitCodes.OK;
        } catch (RejectedException e) {
            err.println("mirror: the Postfix table was not refreshed: " + e.getMessage());
            return ExitCodes.REJECTED;
        } catch (CouldNotCompleteException | UncheckedIOException e) {
            err.println("mirror: the Postfix table was not refreshed: " + e.getMessage());
            return ExitCodes.COULD_NOT_COMPLETE;
        } finally {
            out.flush();
            err.flush();
        }
    }

    private static void report(TableRefresh.Outcome outcome, PrintWriter out, PrintWriter err) {
        if (outcome instanceof TableRefresh.Outcome.Unchanged unchanged) {
            out.println(
                    "Postfix table " + unchanged.table() + " is up to date; not exported again.");
        } else if (outcome instanceof TableRefresh.Outcome.Refreshed refreshed) {
            if (refreshed.exported() instanceof ListExporter.Outcome.Expired expired) {
                err.println(
                        "ACTION REQUIRED: the installed list expired at "
                                + ListTimes.format(expired.expiredAt())
                                + "; wrote the fallback table "
                                + refreshed.table()
                                + " (opportunistic TLS, no policies) and ran postmap."
                                + " Postfix stops enforcing the stale list at its reload.");
            } else if (refreshed.exported() instanceof ListExporter.Outcome.Written written) {
                out.println(
                        "Exported "
                                + refreshed.table()
                                + " ("
                                + written.enforce()
                                + " enforce, "
                                + written.testing()
                                + " testing) and ran postmap; requested a Postfix reload ("
                                + refreshed.reloadMarker()
                                + ").");
            }
        }
    }
}
