package org.starttlslist.lifecycle;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.starttlslist.model.Mode;

/** The Markdown report of one applied run: what changed and why, then every failing domain. */
final class Report {
    private final LocalDate today;
    private final String run;
    private final int shards;
    private final List<String> demoted = new ArrayList<>();
    private final List<String> removed = new ArrayList<>();
    private final List<String> newFailures = new ArrayList<>();
    private final List<String> recovered = new ArrayList<>();
    private final List<String> failing = new ArrayList<>();

    Report(LocalDate today, String run, int shards) {
        this.today = today;
        this.run = run;
        this.shards = shards;
    }

    void demoted(String domain, CheckResult result, long days) {
        demoted.add(
                "| `"
                        + domain
                        + "` | failing for "
                        + days
                        + " days | "
                        + codes(result.codes())
                        + " | "
                        + cell(result.detail())
                        + " |");
    }

    void removed(String domain, CheckResult result, long days) {
        removed.add(
                "| `"
                        + domain
                        + "` | failing for "
                        + days
                        + " days | "
                        + codes(result.codes())
                        + " | "
                        + cell(result.detail())
                        + " |");
    }

    void newFailure(String domain, CheckResult result, String next) {
        newFailures.add(
                "| `"
                        + domain
                        + "` | "
                        + codes(result.codes())
                        + " | "
                        + cell(result.detail())
                        + " | "
                        + next
                        + " |");
    }

    void recovered(String domain, DomainState before) {
        recovered.add(
                "- `"
                        + domain
                        + "` (was failing since "
                        + before.since()
                        + ": "
                        + codes(before.codes())
                        + ")");
    }

    void failing(String domain, DomainState state, Mode mode) {
        failing.add(
                "| `"
                        + domain
                        + "` | "
                        + mode
                        + " | "
                        + state.since()
                        + " | "
                        + codes(state.codes())
                        + " |");
    }

    String markdown(int passing, int failingCount) {
        StringBuilder out = new StringBuilder();
        out.append("# Daily re-check ").append(today).append("\n\n");
        out.append("Run `")
                .append(run)
                .append("`, ")
                .append(shards)
                .append(shards == 1 ? " shard" : " shards")
                .append(": ")
                .append(passing + failingCount)
                .append(" domains checked, ")
                .append(passing)
                .append(" passing, ")
                .append(failingCount)
                .append(" failing.\n");
        if (!demoted.isEmpty()) {
            out.append("\n## Moved back to testing (enforce, failing for grace-days)\n\n");
            out.append("| domain | why | codes | what failed |\n|---|---|---|---|\n");
            demoted.forEach(line -> out.append(line).append('\n'));
        }
        if (!removed.isEmpty()) {
            out.append("\n## Removed (testing, failing for testing-failure-days)\n\n");
            out.append("| domain | why | codes | what failed |\n|---|---|---|---|\n");
            removed.forEach(line -> out.append(line).append('\n'));
        }
        if (!newFailures.isEmpty()) {
            out.append("\n## Failing since today\n\n");
            out.append("| domain | codes | what failed | next |\n|---|---|---|---|\n");
            newFailures.forEach(line -> out.append(line).append('\n'));
        }
        if (!recovered.isEmpty()) {
            out.append("\n## Passing again\n\n");
            recovered.forEach(line -> out.append(line).append('\n'));
        }
        if (demoted.isEmpty()
                && removed.isEmpty()
                && newFailures.isEmpty()
                && recovered.isEmpty()) {
            out.append("\nNo domain changed state.\n");
        }
        out.append("\n## Failing domains\n\n");
        if (failing.isEmpty()) {
            out.append("None.\n");
        } else {
            out.append("| domain | mode | failing since | codes |\n|---|---|---|---|\n");
            failing.forEach(line -> out.append(line).append('\n'));
        }
        return out.toString();
    }

    private static String codes(List<String> codes) {
        return codes.isEmpty() ? "-" : "`" + String.join("`, `", codes) + "`";
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
