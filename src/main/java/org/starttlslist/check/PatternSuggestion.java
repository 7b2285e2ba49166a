package org.starttlslist.check;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.starttlslist.model.MxPattern;

/**
 * The tightest patterns that cover a domain's MX hosts: each host by its exact name, except that
 * two or more hosts directly under the same parent become one {@code .parent} pattern (which
 * matches exactly one more label, so it still admits no deeper name).
 */
final class PatternSuggestion {
    private PatternSuggestion() {}

    static List<MxPattern> tightest(List<String> hosts) {
        Map<String, List<String>> byParent = new LinkedHashMap<>();
        for (String host : new TreeSet<>(hosts)) {
            byParent.computeIfAbsent(DomainChecker.parent(host), p -> new ArrayList<>()).add(host);
        }
        TreeSet<MxPattern> patterns = new TreeSet<>();
        byParent.forEach(
                (parent, children) -> {
                    if (children.size() >= 2
                            && parent.contains(".")
                            && MxPattern.problem("." + parent).isEmpty()) {
                        patterns.add(new MxPattern("." + parent));
                    } else {
                        for (String child : children) {
                            if (MxPattern.problem(child).isEmpty()) {
                                patterns.add(new MxPattern(child));
                            }
                        }
                    }
                });
        return List.copyOf(patterns);
    }
}
