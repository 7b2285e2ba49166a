package org.starttlslist.cli;

/** The exit codes, the same for every command. */
public final class ExitCodes {
    /** The command did what was asked. */
    public static final int OK = 0;

    /** Checked and rejected: invalid sources, bad signature, expired list, rollback. */
    public static final int REJECTED = 1;

    /** The command line was wrong. */
    public static final int USAGE = 2;

    /** Could not complete: I/O, network, git, key unavailable. */
    public static final int COULD_NOT_COMPLETE = 3;

    /**
     * {@code mirror} only: the installed list has expired, or will within 48 hours, and no newer
     * list could be installed. Distinct so that cron and systemd tell the operator.
     */
    public static final int STALE = 4;

    /**
     * A bug: an exception no feature declared, so nobody knows whether the work was done. Kept
     * apart from {@link #COULD_NOT_COMPLETE} so that monitoring can tell "the network was down"
     * from "the program is broken". 70 is {@code EX_SOFTWARE} from {@code sysexits.h}.
     */
    public static final int INTERNAL_ERROR = 70;

    private ExitCodes() {}
}
