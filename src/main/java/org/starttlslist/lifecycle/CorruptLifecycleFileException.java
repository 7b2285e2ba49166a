package org.starttlslist.lifecycle;

import org.starttlslist.failure.RejectedException;

/** A removal record, history file or results file that is not what the tool writes. */
public final class CorruptLifecycleFileException extends RejectedException {
    private static final long serialVersionUID = 1L;
    private final String file;

    public CorruptLifecycleFileException(String file, String problem) {
        this(file, problem, "restore it from git (git checkout -- " + file + ")");
    }

    public CorruptLifecycleFileException(String file, String problem, String fix) {
        super(file + " " + problem + "; " + fix);
        this.file = file;
    }

    public String file() {
        return file;
    }
}
