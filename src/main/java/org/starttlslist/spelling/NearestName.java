package org.starttlslist.spelling;

import java.util.Collection;
import java.util.Optional;

/**
 * The known name a misspelt one was most likely meant to be, for "did you mean 'mxs'?" messages:
 * the closest by edit distance (insertions, deletions, substitutions and swaps of neighbours), if
 * it is close enough to be a typo rather than a different word.
 */
public final class NearestName {
    private NearestName() {}

    /**
     * The nearest of {@code known} to {@code typed}, ignoring case, when at most a third of it
     * differs.
     */
    public static Optional<String> among(String typed, Collection<String> known) {
        String lower = typed.toLowerCase(java.util.Locale.ROOT);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : known) {
            int distance = distance(lower, candidate.toLowerCase(java.util.Locale.ROOT));
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        int allowed = Math.max(1, Math.min(lower.length(), best == null ? 0 : best.length()) / 3);
        return best != null && !best.equals(typed) && bestDistance <= allowed
                ? Optional.of(best)
                : Optional.empty();
    }

    /** Optimal string alignment distance: Levenshtein plus the swap of two neighbouring letters. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] =
                        Math.min(
                                Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1
                        && j > 1
                        && a.charAt(i - 1) == b.charAt(j - 2)
                        && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
