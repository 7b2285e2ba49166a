package org.starttlslist.cli;

import java.util.ArrayList;
import java.util.List;
import org.starttlslist.model.MxPattern;

/** Parsing shared by the lifecycle commands. */
final class LifecycleArguments {
    private LifecycleArguments() {}

    static List<MxPattern> patterns(List<String> texts) {
        List<MxPattern> patterns = new ArrayList<>();
        if (texts != null) {
            for (String text : texts) {
                try {
                    patterns.add(new MxPattern(text));
                } catch (IllegalArgumentException e) {
                    throw new UsageException(
                            "--mx: "
                                    + e.getMessage()
                                    + "; write a host (mx1.example.com) or a suffix (.example.com)");
                }
            }
        }
        return patterns;
    }
}
