package org.starttlslist.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
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
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

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
     * What the refresh came to: its outcome, or the one line saying why the table was not
     * refreshed, and the exit code this step adds (0, 1 when the installed list was refused, 3 when
     * the export or postmap failed).
     */
    record Result(int exitCode, Optional<TableRefresh.Outcome> outcome, Optional<String> failure) {}

    /**
     * Refreshes the table if one is configured (empty otherwise). Never throws: the mirror's own
     * outcome has already been decided and must still decide the exit code.
     */
    Optional<Result> refresh(
            MirrorLayout layout,
            ListVerifier.Options verification,
            InputCaps caps,
            Instant now,
            Optional<TableRefresh.VerifiedRelease> alreadyVerified) {
        if (table == null) {
            return Optional.empty();
        }
        try {
            TableRefresh.Outcome outcome =
                    TableRefresh.run(
                            new TableRefresh.Request(
                                    layout,
                                    Optional.of(verification),
                                    caps,
                                    now,
                                    new TableRefresh.Target(
                                            table.toAbsolutePath(),
                                            tableType,
                                            earlyAdopter,
                                            new Postmap(
                                                    postmap, Optional.ofNullable(postfixConfig))),
                                    alreadyVerified));
            return Optional.of(new Result(ExitCodes.OK, Optional.of(outcome), Optional.empty()));
        } catch (RejectedException e) {
            return Optional.of(failed(ExitCodes.REJECTED, e));
        } catch (CouldNotCompleteException | UncheckedIOException e) {
            return Optional.of(failed(ExitCodes.COULD_NOT_COMPLETE, e));
        }
    }

    private static Result failed(int exitCode, RuntimeException e) {
        return new Result(
                exitCode,
                Optional.empty(),
                Optional.of("the Postfix table was not refreshed: " + e.getMessage()));
    }

    /** The text form: progress on {@code out}, the alert and failures on {@code err}. */
    static void print(Result result, PrintWriter out, PrintWriter err) {
        result.failure().ifPresent(line -> err.println("mirror: " + line));
        result.outcome()
                .ifPresent(
                        outcome -> {
                            if (outcome instanceof TableRefresh.Outcome.Unchanged unchanged) {
                                out.println(
                                        "Postfix table "
                                                + unchanged.table()
                                                + " is up to date; not exported again.");
                            } else if (outcome
                                    instanceof TableRefresh.Outcome.Refreshed refreshed) {
                                if (refreshed.exported()
                                        instanceof ListExporter.Outcome.Expired expired) {
                                    err.println(fallbackAlert(refreshed, expired));
                                } else if (refreshed.exported()
                                        instanceof ListExporter.Outcome.Written written) {
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
                        });
        out.flush();
        err.flush();
    }

    private static String fallbackAlert(
            TableRefresh.Outcome.Refreshed refreshed, ListExporter.Outcome.Expired expired) {
        return "ACTION REQUIRED: the installed list expired at "
                + ListTimes.format(expired.expiredAt())
                + "; wrote the fallback table "
                + refreshed.table()
                + " (opportunistic TLS, no policies) and ran postmap."
                + " Postfix stops enforcing the stale list at its reload.";
    }

    /**
     * The JSON form ({@code postfix-table} in schema/mirror-output.schema.json); the fallback alert
     * also goes to {@code err}, as in the text form, so that logs keep it.
     */
    ObjectNode json(Result result, PrintWriter err) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("table", table.toAbsolutePath().toString());
        result.failure()
                .ifPresent(
                        line -> {
                            err.println("mirror: " + line);
                            node.put("status", "failed");
                            node.set(
                                    "error",
                                    JsonOutput.error(result.exitCode(), line, Optional.of(table)));
                        });
        result.outcome()
                .ifPresent(
                        outcome -> {
                            if (outcome instanceof TableRefresh.Outcome.NothingInstalled) {
                                node.put("status", "nothing-installed");
                            } else if (outcome instanceof TableRefresh.Outcome.Unchanged) {
                                node.put("status", "unchanged");
                            } else if (outcome
                                    instanceof TableRefresh.Outcome.Refreshed refreshed) {
                                node.put("reload-marker", refreshed.reloadMarker().toString());
                                if (refreshed.exported()
                                        instanceof ListExporter.Outcome.Expired expired) {
                                    String alert = fallbackAlert(refreshed, expired);
                                    err.println(alert);
                                    node.put("status", "fallback");
                                    node.put("expired-at", JsonOutput.instant(expired.expiredAt()));
                                    node.put("action-required", alert);
                                } else if (refreshed.exported()
                                        instanceof ListExporter.Outcome.Written written) {
                                    node.put("status", "exported");
                                    node.put("enforce", written.enforce());
                                    node.put("testing", written.testing());
                                }
                            }
                        });
        err.flush();
        return node;
    }
}
