package org.starttlslist.build;

import java.util.ArrayList;
import java.util.List;

/**
 * A unified diff of two small texts (a source file and its canonical form), for {@code fmt
 * --check}: what would change, in the form reviewers read in pull requests. The whole file is one
 * hunk; source files are a few lines long. Lines are matched by a longest common subsequence.
 */
public final class UnifiedDiff {
    private UnifiedDiff() {}

    /** The diff, or an empty list when the texts are equal. */
    public static List<String> of(String name, String before, String after) {
        if (before.equals(after)) {
            return List.of();
        }
        List<String> a = lines(before);
        List<String> b = lines(after);
        int[][] common = new int[a.size() + 1][b.size() + 1];
        for (int i = a.size() - 1; i >= 0; i--) {
            for (int j = b.size() - 1; j >= 0; j--) {
                common[i][j] =
                        a.get(i).equals(b.get(j))
                                ? common[i + 1][j + 1] + 1
                                : Math.max(common[i + 1][j], common[i][j + 1]);
            }
        }
        List<String> diff = new ArrayList<>();
        diff.add("--- " + name);
        diff.add("+++ " + name + " (canonical)");
        diff.add("@@ -1," + a.size() + " +1," + b.size() + " @@");
        boolean noFinalNewline = !before.isEmpty() && !before.endsWith("\n");
        int i = 0;
        int j = 0;
        while (i < a.size() || j < b.size()) {
            if (i < a.size() && j < b.size() && a.get(i).equals(b.get(j))) {
                diff.add(" " + a.get(i++));
                j++;
                markEnd(diff, noFinalNewline && i == a.size());
            } else if (i < a.size() && (j == b.size() || common[i + 1][j] >= common[i][j + 1])) {
                diff.add("-" + a.get(i++));
                markEnd(diff, noFinalNewline && i == a.size());
            } else {
                diff.add("+" + b.get(j++));
            }
        }
        return diff;
    }

    /** As diff(1) does, right after the original's last line when it lacks its newline. */
    private static void markEnd(List<String> diff, boolean atEnd) {
        if (atEnd) {
            diff.add("\\ No newline at end of file");
        }
    }

    private static List<String> lines(String text) {
        List<String> lines = new ArrayList<>(List.of(text.split("\r?\n", -1)));
        if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        return lines;
    }
}
